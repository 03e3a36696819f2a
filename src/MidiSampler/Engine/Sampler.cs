using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MidiSampler.Collections;
using MidiSampler.Dsp;
using MidiSampler.Dsp.Effects;
using MidiSampler.Model;
using MidiSampler.Realtime;

namespace MidiSampler.Engine;

/// <summary>
/// The real-time sampler engine: 16 MIDI channels playing installed instruments through a
/// preallocated voice pool, driven by events that apply at an exact frame.
/// </summary>
/// <remarks>
/// Design: three kinds of caller. The control thread installs instruments and queues events on a
/// bounded lock-free ring (<see cref="SpscRing{T}"/>: one producer). The audio thread calls
/// <c>Process</c>: it takes pending instrument changes (published by the control thread with
/// release stores, picked up at the block boundary), drains the ring and any events the host read in
/// its own callback, sorts them by frame offset, and renders the voices in runs between event
/// frames so that every event takes effect at exactly its frame. Voices keep a reference to the
/// compiled instrument they started with, so replacing an instrument never cuts a sounding note;
/// the retired one is released by the control thread (<see cref="CollectRetired"/>) once no voice
/// uses it. Nothing on the audio path allocates, locks, does I/O or throws (see the allocation tests).
/// Shaped after the C API of the original design (ms_sampler_create, ms_note_on, ms_process, ...).
/// </remarks>
public sealed unsafe partial class Sampler : IDisposable
{
    private const int Channels = EngineLimits.MidiChannels;
    private const int DrumBank = 128;

    private readonly SpscRing<MidiEvent> _queue;
    private readonly MidiEvent[] _blockEvents;
    private readonly int[] _triggerCandidate = new int[1];
    private readonly MidiChannelState[] _channels = new MidiChannelState[Channels];
    private readonly VoiceManager _voices;
    private readonly RegionSelector _selector;
    private readonly float[] _mixLeft;
    private readonly float[] _mixRight;
    private readonly float[] _scratch;
    private readonly float[] _sourceLeft;
    private readonly float[] _sourceRight;
    // Effect buses (null when Config.EffectsEnabled is false): voices of a channel with a CC91/CC93 send render into
    // that channel's own buffer, which is then mixed dry and sent, per block, to the reverb and chorus inputs.
    private readonly Reverb? _reverb;
    private readonly Chorus? _chorus;
    private readonly float[] _reverbSend = [];
    private readonly float[] _chorusSend = [];
    // A voice whose region has its own send (SFZ effect1/effect2) renders here first, then is added to its destination
    // and, scaled, into the send buses; the buses are cleared lazily by the first such voice of a chunk.
    private readonly float[] _voiceLeft = [];
    private readonly float[] _voiceRight = [];
    private bool _voiceSendsLive;
    private bool _voiceReverbFed;
    private bool _voiceChorusFed;
    private readonly float[] _channelBuffers = [];
    // Instruments' own effect racks (SFZ <effect>) that are running: fed this run or still ringing. Bounded: a full list
    // leaves a further instrument's voices dry (see RenderVoices).
    private readonly EffectRack?[] _liveRacks;
    private int _liveRackCount;
    private readonly bool[] _routed = new bool[Channels];
    // Which channel buffers hold sound in the current chunk. Per-channel buses (Config.ChannelBuses) route every channel
    // into its buffer and clear a buffer only when a voice of the channel first renders in the chunk. Per-output buses
    // (Config.OutputBuses) use the same buffers indexed by the region's output instead (Sampler.Outputs.cs).
    private readonly bool[] _live = new bool[Channels];
    private readonly bool _channelBuses;
    private readonly bool _busesByOutput;
    private readonly int _lastOutputBus;
    private readonly int _channelStride;
    private int _chunkFrames;
    private long _reverbQuietFrames = long.MaxValue / 2;
    private long _chorusQuietFrames = long.MaxValue / 2;
    private ProgramTable _publishedTable = ProgramTable.Empty;
    private ProgramTable _table = ProgramTable.Empty;
    private readonly List<(InstalledInstrument Instrument, int Version)> _retired = [];
    private readonly int _fadeFrames;
    private readonly double _ticksToMicroseconds = 1e6 / Stopwatch.Frequency;
    private int _publishVersion;
    private int _seenVersion;
    private int _nextNoteId;
    private long _order;
    private Xorshift32 _random = new(0x2545F491u);
    private long _eventFrame;
    private float _masterGain;
    private float _appliedMasterGain;
    private float _midiMasterVolume = 1; // MIDI master volume (SysEx), audio thread: multiplies the master gain's target
    private readonly MidiDecoder _controlDecoder = new(); // SendMidi and ControlChange: the ring's producer side

    // Statistics: written by the audio thread (xruns and drops by any thread, atomically), read by any.
    private long _framesProcessed;
    private long _blocksProcessed;
    private long _xruns;
    private long _droppedEvents;
    private long _stolenVoices;
    private int _activeVoices;
    private int _peakVoices;
    private long _totalTicks;
    private long _lastTicks;
    private long _maxTicks;
    private double _dspLoad;
    private float _peakLevel;

    /// <summary>Creates a sampler; every buffer and voice is allocated here (ms_sampler_create). Control thread.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A configuration value is out of range.</exception>
    public Sampler(SamplerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        _queue = new SpscRing<MidiEvent>(config.EventQueueCapacity);
        _blockEvents = new MidiEvent[config.MaxEventsPerBlock];
        for (int c = 0; c < Channels; c++)
            _channels[c] = new MidiChannelState(c);

        _mixLeft = new float[config.MaxBlockFrames + 8];
        _mixRight = new float[config.MaxBlockFrames + 8];
        _scratch = new float[config.MaxBlockFrames + 8];
        _sourceLeft = new float[config.MaxBlockFrames + 8];
        _sourceRight = new float[config.MaxBlockFrames + 8];
        _fadeFrames = Math.Max(1, (int)(config.StealFadeSeconds * config.SampleRate));
        _voices = new VoiceManager(config.MaxPolyphony, _fadeFrames, _guards.FilterResets);
        _selector = new RegionSelector(_voices, config.SampleRate);
        if (config.EffectsEnabled)
        {
            _reverb = new Reverb(config.SampleRate);
            _chorus = new Chorus(config.SampleRate);
            _reverbSend = new float[config.MaxBlockFrames + 8];
            _chorusSend = new float[config.MaxBlockFrames + 8];
            _voiceLeft = new float[config.MaxBlockFrames + 8];
            _voiceRight = new float[config.MaxBlockFrames + 8];
        }

        _channelBuses = config.HasBuses;
        _busesByOutput = config.OutputBuses > 0;
        _lastOutputBus = Math.Max(0, config.OutputBuses - 1);
        _meters = config.ChannelMeters && config.OutputBuses == 0;
        if (config.EffectsEnabled || config.HasBuses || _meters)
        {
            _channelStride = config.MaxBlockFrames + 8;
            _channelBuffers = new float[Channels * 2 * _channelStride];
        }

        _liveRacks = new EffectRack?[config.EffectsEnabled ? EngineLimits.LiveRacks(config.MaxPolyphony) : 0];
        _masterGain = _appliedMasterGain = DbToGain(config.MasterGainDb);
    }

    /// <summary>The configuration. Any thread.</summary>
    public SamplerConfig Config { get; }

    /// <summary>
    /// The tempo that SFZ lobpm/hibpm, delay_beats, stop_beats, sync_beats and tempo-synced effects follow, in BPM: 120
    /// until the host knows better (the song's tempo map when rendering, the JACK transport or a MIDI clock live).
    /// Any thread, lock-free: the audio thread reads it once at the start of each block, so a change takes effect at
    /// the next block. Values that are not finite and positive are ignored.
    /// </summary>
    public double TempoBpm
    {
        get => Volatile.Read(ref _tempoBpm);
        set
        {
            if (double.IsFinite(value) && value > 0)
                Volatile.Write(ref _tempoBpm, value);
        }
    }

    private double _tempoBpm = 120;
    private double _blockTempoBpm = 120; // TempoBpm as the current block latched it (audio thread)

    /// <summary>Output gain in dB, applied with a ramp over the next block. Any thread.</summary>
    public double MasterGainDb
    {
        get => 20 * Math.Log10(Math.Max(Volatile.Read(ref _masterGain), 1e-9f));
        set => Volatile.Write(ref _masterGain, DbToGain(Math.Min(value, 40)));
    }

    /// <summary>
    /// Installs <paramref name="instrument"/> at program slot <paramref name="program"/> of bank 0 (or clears it
    /// with <c>null</c>). The audio thread picks it up at its next block boundary; notes already sounding
    /// keep the instrument they started with. Control thread.
    /// </summary>
    public void SetInstrument(int program, Instrument? instrument) => SetInstrument(0, program, instrument);

    /// <summary>
    /// Installs <paramref name="instrument"/> at (<paramref name="bank"/>, <paramref name="program"/>), or clears that
    /// slot with <c>null</c>. Banks are 0..16383 (SoundFont percussion is bank 128); programs 0..MaxInstruments-1.
    /// Published atomically as <see cref="SetInstrument(int, Instrument?)"/> is. Control thread.
    /// </summary>
    public void SetInstrument(int bank, int program, Instrument? instrument) => SetInstruments([(bank, program, instrument)]);

    /// <summary>
    /// Installs many instruments at once (a whole SoundFont bank), compiled here and published in one swap, so the
    /// audio thread never sees half a bank. A null instrument clears its slot. Control thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bank or program is out of range.</exception>
    public void SetInstruments(IEnumerable<(int Bank, int Program, Instrument? Instrument)> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var changes = new List<(int Bank, int Program, InstalledInstrument? Instrument)>();
        foreach (var (bank, program, instrument) in instruments)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bank);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(bank, ProgramTable.MaxBank);
            ArgumentOutOfRangeException.ThrowIfNegative(program);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(program, Config.MaxInstruments);
            changes.Add((bank, program, instrument is null ? null : new InstalledInstrument(new CompiledInstrument(instrument, Config.SampleRate, Config.EffectsEnabled ? Config.MaxBlockFrames : 0))));
        }

        var old = _publishedTable;
        var table = old.With(changes);
        Volatile.Write(ref _publishedTable, table);
        int version = Interlocked.Increment(ref _publishVersion);
        foreach (var (bank, program, _) in changes)
        {
            if (old.Get(bank, program) is { } replaced && !ReferenceEquals(replaced, table.Get(bank, program)))
                _retired.Add((replaced, version));
        }

        CollectRetired();

        // set_ccN: the instrument's initial controller values, on every channel, through the event ring (in order
        // after the swap, so that its controller-driven opcodes see them).
        foreach (var (_, _, instrument) in changes)
        {
            foreach (var c in instrument?.Compiled.Source.InitialControllers ?? [])
            {
                for (int channel = 0; channel < Channels; channel++)
                {
                    if (c.Normalized is double precise)
                        Send(MidiEvent.PreciseControlChange(0, channel, c.Controller, precise)); // set_hdccN, unrounded
                    else
                        ControlChange(channel, c.Controller, c.Value);
                }
            }
        }
    }

    /// <summary>Installs at the first free program slot of bank 0 and returns it. Control thread.</summary>
    /// <exception cref="InvalidOperationException">Every slot is taken.</exception>
    public int AddInstrument(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        for (int p = 0; p < Config.MaxInstruments; p++)
        {
            if (_publishedTable.Get(0, p) is null)
            {
                SetInstrument(p, instrument);
                return p;
            }
        }

        throw new InvalidOperationException($"all {Config.MaxInstruments} program slots are taken");
    }

    /// <summary>The instrument installed at a program slot of bank 0, or null. Control thread.</summary>
    public Instrument? GetInstrument(int program) => GetInstrument(0, program);

    /// <summary>The instrument installed at (bank, program), or null. Control thread.</summary>
    public Instrument? GetInstrument(int bank, int program) => Volatile.Read(ref _publishedTable).Get(bank, program)?.Compiled.Source;

    /// <summary>
    /// Releases instruments that were replaced and that no voice plays any more. Returns how many are
    /// still waiting for their voices to end. Control thread (called by <see cref="SetInstruments"/> too).
    /// </summary>
    public int CollectRetired()
    {
        int seen = Volatile.Read(ref _seenVersion);
        for (int i = _retired.Count - 1; i >= 0; i--)
        {
            var (instrument, version) = _retired[i];
            if (version <= seen && Volatile.Read(ref instrument.State.ActiveVoices) == 0)
            {
                // No voice plays it and the audio thread has seen the swap: its samples' native memory can go (freed
                // here if their owner released them, else when it does).
                instrument.Compiled.Memory.Release();
                _retired.RemoveAt(i);
            }
        }

        return _retired.Count;
    }

    /// <summary>Queues a note-on (ms_note_on) and returns a handle to its voices. Control thread (the ring's single producer).</summary>
    /// <param name="channel">MIDI channel 0..15.</param>
    /// <param name="key">MIDI key 0..127.</param>
    /// <param name="velocity">1..127 (0 is a note-off).</param>
    /// <param name="offsetFrames">Frame within the next block at which the note starts.</param>
    /// <returns>The handle, or <see cref="VoiceHandle.None"/> when the ring was full (the event is dropped and counted).</returns>
    public VoiceHandle NoteOn(int channel, int key, int velocity, int offsetFrames = 0)
    {
        int id = NextNoteId();
        var e = new MidiEvent(offsetFrames, MidiEventType.NoteOn, (byte)(channel & 15), (byte)(key & 127), (byte)Math.Clamp(velocity, 0, 127), 0, id);
        return Send(e) ? new VoiceHandle(id) : VoiceHandle.None;
    }

    /// <summary>Queues a note-off for a key (ms_note_off). Control thread.</summary>
    public bool NoteOff(int channel, int key, int offsetFrames = 0) =>
        Send(MidiEvent.NoteOff(offsetFrames, channel & 15, key & 127));

    /// <summary>Queues a note-off for the voices of one note-on, even if its key was struck again since. Control thread.</summary>
    public bool NoteOff(VoiceHandle handle, int offsetFrames = 0) =>
        Send(new MidiEvent(offsetFrames, MidiEventType.NoteOffById, 0, 0, 0, 0, handle.NoteId));

    /// <summary>Queues a quick fade-out of the voices of one note-on. Control thread.</summary>
    public bool Kill(VoiceHandle handle, int offsetFrames = 0) =>
        Send(new MidiEvent(offsetFrames, MidiEventType.KillById, 0, 0, 0, 0, handle.NoteId));

    /// <summary>
    /// Queues a control change. It passes through the control thread's <see cref="MidiDecoder"/> like
    /// <see cref="SendMidi"/>, so RPN and NRPN data entry (CC 101/100, 99/98, 6/38, 96/97) set their parameters.
    /// Returns false when the ring was full. Control thread.
    /// </summary>
    public bool ControlChange(int channel, int controller, int value, int offsetFrames = 0) =>
        SendMidi([(byte)(0xB0 | (channel & 15)), (byte)(controller & 127), (byte)(value & 127)], offsetFrames);

    /// <summary>Queues a program change. Control thread.</summary>
    public bool ProgramChange(int channel, int program, int offsetFrames = 0) =>
        Send(MidiEvent.ProgramChange(offsetFrames, channel & 15, program & 127));

    /// <summary>Queues a pitch bend (0..16383, 8192 centre). Control thread.</summary>
    public bool PitchBend(int channel, int value, int offsetFrames = 0) =>
        Send(MidiEvent.PitchBend(offsetFrames, channel & 15, Math.Clamp(value, 0, 16383)));

    /// <summary>Queues all sound off and controller reset on every channel. Control thread.</summary>
    public bool Panic() => Send(new MidiEvent(0, MidiEventType.Panic, 0, 0, 0, 0, 0));

    /// <summary>
    /// Decodes raw MIDI 1.0 bytes (one message, a stream of them, or any piece of one: running status, SysEx, RPN/NRPN,
    /// see <see cref="MidiDecoder"/>) and queues the events they complete, each at <paramref name="offsetFrames"/>. What
    /// the engine does not act on (clock, other SysEx) and malformed bytes are counted in
    /// <see cref="ControlDecoderCounters"/>; the rest of a message cut short may come in the next call.
    /// Returns false only when the ring was full (the events that did not fit are dropped and counted). Control thread.
    /// </summary>
    public bool SendMidi(ReadOnlySpan<byte> bytes, int offsetFrames = 0)
    {
        Span<MidiEvent> decoded = stackalloc MidiEvent[16];
        bool complete = true;
        while (!bytes.IsEmpty)
        {
            int count = _controlDecoder.Decode(bytes, offsetFrames, decoded, out int consumed);
            for (int i = 0; i < count; i++)
                complete &= Send(decoded[i]);
            bytes = bytes[consumed..];
        }

        return complete;
    }

    /// <summary>What the control thread's decoder (<see cref="SendMidi"/>, <see cref="ControlChange"/>) has seen. Any thread.</summary>
    public MidiDecoderCounters ControlDecoderCounters => _controlDecoder.Counters;

    /// <summary>
    /// Queues an event. A note-on without a <see cref="MidiEvent.NoteId"/> gets one. Returns false
    /// (and counts a dropped event) when the ring is full. Control thread: the ring has one producer.
    /// </summary>
    public bool Send(in MidiEvent midiEvent)
    {
        var e = midiEvent;
        if (e.Type == MidiEventType.NoteOn && e.NoteId == 0)
            e = e with { NoteId = NextNoteId() };
        if (_queue.TryWrite(e))
            return true;
        Interlocked.Increment(ref _droppedEvents);
        return false;
    }

    /// <summary>
    /// Puts the calling thread under SCHED_FIFO at <paramref name="priority"/> (1..99) and locks the process's
    /// memory (ms_sampler_enable_rt). Call it from the thread that will run <see cref="Process(Span{float}, int)"/>,
    /// before it goes live. Never throws for a refusal: the result says what failed and what to change
    /// (limits.conf rtprio/memlock, the audio group, or setcap). Audio thread, before its first block; or control thread for memory locking.
    /// </summary>
    public static RealtimeResult EnableRealtime(int priority, bool lockMemory = true) =>
        RealtimeSupport.EnableRealtime(priority, lockMemory);

    /// <summary>Counts an xrun reported by the audio host. Any thread.</summary>
    public void ReportXrun() => Interlocked.Increment(ref _xruns);

    /// <summary>A snapshot of the statistics (ms_get_stats). Any thread.</summary>
    public SamplerStats GetStats()
    {
        long blocks = Volatile.Read(ref _blocksProcessed);
        return new SamplerStats(
            Volatile.Read(ref _framesProcessed),
            blocks,
            Volatile.Read(ref _xruns),
            Volatile.Read(ref _activeVoices),
            Volatile.Read(ref _peakVoices),
            Volatile.Read(ref _droppedEvents),
            Volatile.Read(ref _stolenVoices),
            Volatile.Read(ref _lastTicks) * _ticksToMicroseconds,
            blocks == 0 ? 0 : Volatile.Read(ref _totalTicks) * _ticksToMicroseconds / blocks,
            Volatile.Read(ref _maxTicks) * _ticksToMicroseconds,
            Volatile.Read(ref _dspLoad),
            Volatile.Read(ref _peakLevel),
            EffectResets(),
            _guards.NonFiniteSamples,
            _guards.FilterResets.Count);
    }

    /// <summary>Resets peak voices, maximum block time and peak level. Any thread (a racing block may keep its own value).</summary>
    public void ResetPeaks()
    {
        Volatile.Write(ref _peakVoices, Volatile.Read(ref _activeVoices));
        Volatile.Write(ref _maxTicks, 0);
        Volatile.Write(ref _peakLevel, 0);
    }

    /// <summary>
    /// Renders <paramref name="frames"/> frames of interleaved output (ms_process), applying queued events.
    /// Audio thread. Frames beyond the span's capacity are not rendered.
    /// </summary>
    public void Process(Span<float> interleaved, int frames) => Process(interleaved, frames, default);

    /// <summary>
    /// Renders interleaved output, applying queued events and <paramref name="blockEvents"/> (events the
    /// host read in its own callback, with offsets inside this block). Audio thread.
    /// </summary>
    public void Process(Span<float> interleaved, int frames, ReadOnlySpan<MidiEvent> blockEvents)
    {
        int channels = Config.OutputChannels;
        frames = Math.Min(frames, interleaved.Length / channels);
        ChannelBusOutputs none = default;
        fixed (float* output = interleaved)
            Render(output, null, null, frames, blockEvents, none);
    }

    /// <summary>
    /// Renders planar output: one span per output channel (for a mono sampler, <paramref name="right"/>
    /// is ignored and may be empty). Audio thread.
    /// </summary>
    public void ProcessPlanar(Span<float> left, Span<float> right, int frames, ReadOnlySpan<MidiEvent> blockEvents = default)
    {
        frames = Math.Min(frames, left.Length);
        if (Config.OutputChannels == 2)
            frames = Math.Min(frames, right.Length);
        ChannelBusOutputs none = default;
        fixed (float* l = left)
        fixed (float* r = right)
            Render(null, l, Config.OutputChannels == 2 ? r : null, frames, blockEvents, none);
    }

    /// <summary>
    /// Renders planar output like <see cref="ProcessPlanar(Span{float}, Span{float}, int, ReadOnlySpan{MidiEvent})"/>, and
    /// each stereo bus into the planes <paramref name="buses"/> names (buses left unset are not written; a silent bus's
    /// planes get zeros). A bus is a MIDI channel with <see cref="SamplerConfig.ChannelBuses"/>, an SFZ region
    /// <c>output</c> with <see cref="SamplerConfig.OutputBuses"/>; with neither the bus planes are filled with zeros.
    /// The master gain (and its ramp) applies to the buses as to the main mix. The main mix is the sum of the buses plus
    /// the reverb and chorus returns, which go to the main mix only: a bus is its voices' dry sound. Buses are stereo
    /// even for a mono sampler. Audio thread.
    /// </summary>
    public void ProcessPlanar(Span<float> left, Span<float> right, int frames, ReadOnlySpan<MidiEvent> blockEvents, in ChannelBusOutputs buses)
    {
        frames = Math.Min(frames, left.Length);
        if (Config.OutputChannels == 2)
            frames = Math.Min(frames, right.Length);
        if (buses.Any)
            frames = Math.Min(frames, buses.CapacityFrames);
        fixed (float* l = left)
        fixed (float* r = right)
            Render(null, l, Config.OutputChannels == 2 ? r : null, frames, blockEvents, buses);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // After the audio thread stopped: give back the installed and retired instruments' references on their samples'
        // native memory (freed now where the samples' owners released them).
        foreach (var (_, _, instrument) in Volatile.Read(ref _publishedTable).All())
            instrument.Compiled.Memory.Release();
        foreach (var (instrument, _) in _retired)
            instrument.Compiled.Memory.Release();
        _retired.Clear();
    }

    private static float DbToGain(double db) => (float)Math.Pow(10, db / 20);

    /// <summary>
    /// A 14-bit MIDI master volume as a gain. The MIDI specifications leave the curve open; the square of the value,
    /// the GM law of CC7 (40·log10), makes master volume and channel volume move the level alike.
    /// </summary>
    private static float MasterVolumeGain(int value14)
    {
        float v = Math.Clamp(value14, 0, 16383) / 16383f;
        return v * v;
    }

    private int NextNoteId()
    {
        int id = Interlocked.Increment(ref _nextNoteId);
        if (id == 0)
            id = Interlocked.Increment(ref _nextNoteId);
        return id;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Render(float* interleaved, float* left, float* right, int frames, ReadOnlySpan<MidiEvent> hostEvents, scoped in ChannelBusOutputs buses)
    {
        long start = Stopwatch.GetTimestamp();
        if (frames <= 0)
            return;
        TakePublishedInstruments();
        _blockTempoBpm = Volatile.Read(ref _tempoBpm);
        int eventCount = CollectEvents(hostEvents, frames);

        int position = 0, next = 0;
        while (position < frames)
        {
            int chunk = Math.Min(frames - position, Config.MaxBlockFrames);
            int chunkEnd = position + chunk;
            new Span<float>(_mixLeft, 0, chunk).Clear();
            new Span<float>(_mixRight, 0, chunk).Clear();
            _chunkFrames = chunk;
            _voiceSendsLive = _voiceReverbFed = _voiceChorusFed = false;
            bool routing = _channelBuses || _meters ? BeginBusChunk(chunk) : BeginEffectsChunk(chunk);
            int at = position;
            while (at < chunkEnd)
            {
                while (next < eventCount && _blockEvents[next].OffsetFrames <= at)
                {
                    _eventFrame = _framesProcessed + at;
                    Apply(_blockEvents[next++]);
                }
                int until = next < eventCount ? Math.Min(_blockEvents[next].OffsetFrames, chunkEnd) : chunkEnd;
                RenderVoices(at - position, until - at, routing);
                at = until;
            }

            if (_meters)
                MixMeteredChannels(chunk); // the channels without sends: mixed and measured in one pass
            if (_reverb is not null)
                EndEffectsChunk(chunk, routing);
            else if (routing)
                MixBusesDry(chunk);

            GuardOutput(position, chunk, buses.Any);
            // One read of the target gain for the main mix and the buses, so that both ramp alike.
            float targetGain = Volatile.Read(ref _masterGain) * _midiMasterVolume;
            if (_meters)
                MeterChannels(chunk, targetGain); // the channel buffers, before the buses' gain ramp reads them
            if (buses.Any)
                WriteBuses(buses, position, chunk, targetGain);
            WriteOutput(interleaved, left, right, position, chunk, targetGain);
            position = chunkEnd;
        }

        if (_meters)
            PublishChannelLevels(frames);
        UpdateStats(frames, start);
    }

    private void TakePublishedInstruments()
    {
        int version = Volatile.Read(ref _publishVersion);
        if (version == _seenVersion)
            return;
        _table = Volatile.Read(ref _publishedTable);
        // Channels follow what is installed now: a program chosen before its instrument arrived finds it, and the
        // drum channel's default (Auto) depends on whether a percussion bank is installed.
        foreach (var channel in _channels)
            SelectProgram(channel, IsDrumChannel(channel) ? DrumBank : channel.RequestedBank, channel.MidiProgram, keepOnMiss: true);
        Volatile.Write(ref _seenVersion, version);
    }

    /// <summary>Gathers host events and queued events into the block's list, clamped and stably sorted by offset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CollectEvents(ReadOnlySpan<MidiEvent> hostEvents, int frames)
    {
        // Queued events first: they were sent before this block began, so at an equal frame they come before the host's
        // (an instrument's set_ccN defaults, queued when it was installed, are in place for a song's first note).
        int count = 0, capacity = _blockEvents.Length;
        while (count < capacity && _queue.TryRead(out var queued))
            _blockEvents[count++] = queued;
        for (int i = 0; i < hostEvents.Length; i++)
        {
            if (count == capacity)
            {
                Interlocked.Add(ref _droppedEvents, hostEvents.Length - i);
                break;
            }

            _blockEvents[count++] = hostEvents[i];
        }

        int last = frames - 1;
        for (int i = 0; i < count; i++)
        {
            var e = _blockEvents[i];
            int offset = Math.Clamp(e.OffsetFrames, 0, last);
            if (offset != e.OffsetFrames)
                _blockEvents[i] = e with { OffsetFrames = offset };
        }

        // Insertion sort: stable, and linear for the usual already-ordered input.
        for (int i = 1; i < count; i++)
        {
            var e = _blockEvents[i];
            int j = i - 1;
            while (j >= 0 && _blockEvents[j].OffsetFrames > e.OffsetFrames)
            {
                _blockEvents[j + 1] = _blockEvents[j];
                j--;
            }

            _blockEvents[j + 1] = e;
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RenderVoices(int mixOffset, int frames, bool routing)
    {
        if (frames <= 0)
            return;
        fixed (float* l = _mixLeft)
        fixed (float* r = _mixRight)
        fixed (float* s = _scratch)
        fixed (float* sl = _sourceLeft)
        fixed (float* sr = _sourceRight)
        fixed (float* buses = _channelBuffers)
        {
            bool cubic = Config.Interpolation == InterpolationMode.Cubic;
            int i = 0;
            while (i < _voices.ActiveCount)
            {
                var voice = _voices[i];
                var channel = _channels[voice.Channel];
                var route = voice.Route;
                float* left = l + mixOffset, right = r + mixOffset;
                int busIndex = route.Bus;
                bool channelRouted = routing && _routed[voice.Channel];
                if (channelRouted)
                {
                    float* bus = buses + (busIndex * 2 * _channelStride);
                    if (!_live[busIndex])
                    {
                        // First voice of this bus in the chunk: its buffer starts silent.
                        new Span<float>(bus, _chunkFrames).Clear();
                        new Span<float>(bus + _channelStride, _chunkFrames).Clear();
                        _live[busIndex] = true;
                    }

                    left = bus + mixOffset;
                    right = left + _channelStride;
                }

                // SFZ sample_quality / oscillator_quality choose the region's interpolation, else the sampler's.
                bool voiceCubic = voice.Region!.VoiceOptions.Interpolation is { } quality ? quality == InterpolationMode.Cubic : cubic;
                bool alive = RenderRouted(voice, channel, route, channelRouted, voiceCubic, mixOffset, frames, left, right, s, sl, sr);
                if (alive)
                    i++;
                else
                    _voices.RemoveAt(i);
            }

            if (_liveRackCount > 0)
                RunRacks(mixOffset, frames, routing, l, r, buses);
        }
    }

    /// <summary>
    /// Renders one voice along its route into <paramref name="left"/>/<paramref name="right"/> (the mix, or the bus buffer
    /// of its channel or output at the run): through its instrument's rack when it feeds one, through the private pair
    /// and into the reverb and chorus send buses when it sends, straight into the destination otherwise.
    /// <paramref name="channelRouted"/> says whether the channel renders into its bus buffer this chunk. Audio thread.
    /// </summary>
    /// <remarks>
    /// Design: with per-channel buses (or none), the channel's own CC91/CC93 share already reaches the send buses through
    /// the channel buffer (<see cref="EndEffectsChunk"/>), so a region with its own send (SFZ v1 <c>effect1</c>/<c>effect2</c>)
    /// adds only <c>min(region, 1 − channel)</c>: the sum is capped at 100 %, as FluidSynth adds the SoundFont 2.04
    /// chorus/reverb send generators (15, 16) to the CC93/CC91 default modulators (section 8.4) and clips the total to
    /// 0..1000 ‰. A per-output bus holds no single channel, so there every sending voice feeds the sends itself at
    /// <c>min(channel + region, 1)</c> (Sampler.Outputs.cs). Sends are post-fader and post-pan (mid = L + R, times 0.5).
    /// A rack that cannot join the bounded running list leaves its voice to play dry.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RenderRouted(Voice voice, MidiChannelState channel, VoiceRoute route, bool channelRouted, bool cubic, int mixOffset, int frames,
        float* left, float* right, float* scratch, float* sourceLeft, float* sourceRight)
    {
        if (route.Rack && Enlist(voice.Instrument!.Rack!))
            return RenderIntoRack(voice, channel, voice.Instrument.Rack!, cubic, frames, scratch, sourceLeft, sourceRight);
        float reverb = 0, chorus = 0;
        if (_reverb is not null)
        {
            var region = voice.Region!;
            if (_busesByOutput)
            {
                reverb = Math.Min(channel.ReverbSend + (route.RegionSends ? region.ReverbSend : 0), 1);
                chorus = Math.Min(channel.ChorusSend + (route.RegionSends ? region.ChorusSend : 0), 1);
            }
            else if (route.RegionSends)
            {
                reverb = Math.Min(region.ReverbSend, 1 - (channelRouted ? channel.ReverbSend : 0));
                chorus = Math.Min(region.ChorusSend, 1 - (channelRouted ? channel.ChorusSend : 0));
            }
        }

        if (reverb > 0 || chorus > 0)
            return RenderWithSendLevels(voice, channel, cubic, mixOffset, frames, left, right, scratch, sourceLeft, sourceRight, reverb * 0.5f, chorus * 0.5f);
        return cubic
            ? voice.Render<CubicHermite>(frames, left, right, scratch, sourceLeft, sourceRight, channel)
            : voice.Render<LinearInterpolator>(frames, left, right, scratch, sourceLeft, sourceRight, channel);
    }

    /// <summary>
    /// The router: where a voice of <paramref name="region"/> goes, decided once as it starts (see <see cref="VoiceRoute"/>
    /// and <see cref="RenderRouted"/>). Audio thread.
    /// </summary>
    private VoiceRoute RouteOf(CompiledInstrument instrument, CompiledRegion region, int channel)
    {
        bool sends = _reverb is not null && region.HasEffectSend; // effects bypassed: a region's send costs nothing
        if (!_busesByOutput)
            return new VoiceRoute(channel, instrument.Rack is not null, sends);
        // SFZ output: "the stereo output number for this region"; beyond the last bus, the last (as OutputBusRouting.BusOf).
        // A rack belongs to output 0, so on other outputs the region's effectN (which name the rack's buses) send nowhere.
        int bus = Math.Clamp(region.Voicing.Output, 0, _lastOutputBus);
        return new VoiceRoute(bus, instrument.Rack is not null && bus == 0, sends && instrument.Rack is null);
    }

    /// <summary>
    /// Renders a voice into the private pair, then adds it to <paramref name="left"/>/<paramref name="right"/> and its mid
    /// (L + R) times <paramref name="reverb"/> and <paramref name="chorus"/> into the send buses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RenderWithSendLevels(Voice voice, MidiChannelState channel, bool cubic, int mixOffset, int frames,
        float* left, float* right, float* scratch, float* sourceLeft, float* sourceRight, float reverb, float chorus)
    {
        bool alive;
        fixed (float* vl = _voiceLeft)
        fixed (float* vr = _voiceRight)
        {
            new Span<float>(vl, frames).Clear();
            new Span<float>(vr, frames).Clear();
            alive = cubic
                ? voice.Render<CubicHermite>(frames, vl, vr, scratch, sourceLeft, sourceRight, channel)
                : voice.Render<LinearInterpolator>(frames, vl, vr, scratch, sourceLeft, sourceRight, channel);
            AddWithSends(vl, vr, left, right, mixOffset, frames, reverb, chorus);
        }

        return alive;
    }

    /// <summary>
    /// Adds a rendered pair to <paramref name="left"/>/<paramref name="right"/> and its mid, scaled, into the reverb and
    /// chorus send buses at the chunk position <paramref name="mixOffset"/> (clearing them first if nothing fed them yet
    /// in this chunk).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddWithSends(float* sourceLeft, float* sourceRight, float* left, float* right, int mixOffset, int frames, float reverb, float chorus)
    {
        if (!_voiceSendsLive)
        {
            // First voice send of the chunk: the buses start silent; EndEffectsChunk then adds the channels to them.
            new Span<float>(_reverbSend, 0, _chunkFrames).Clear();
            new Span<float>(_chorusSend, 0, _chunkFrames).Clear();
            _voiceSendsLive = true;
        }

        fixed (float* reverbSend = _reverbSend)
        fixed (float* chorusSend = _chorusSend)
        {
            float* reverbAt = reverbSend + mixOffset, chorusAt = chorusSend + mixOffset;
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // Per-output buses send every voice of a sending channel through here: 8 frames a step (the scalar loop
                // below is the reference and does the tail; the engine tests compare the result with the per-channel path).
                var reverbGain = Vector256.Create(reverb);
                var chorusGain = Vector256.Create(chorus);
                for (; i <= frames - 8; i += 8)
                {
                    var l = Vector256.Load(sourceLeft + i);
                    var r = Vector256.Load(sourceRight + i);
                    (Vector256.Load(left + i) + l).Store(left + i);
                    (Vector256.Load(right + i) + r).Store(right + i);
                    var mid = l + r;
                    (Vector256.Load(reverbAt + i) + (mid * reverbGain)).Store(reverbAt + i);
                    (Vector256.Load(chorusAt + i) + (mid * chorusGain)).Store(chorusAt + i);
                }
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                // Four frames a step (NEON on a Raspberry Pi); the same sums as the 8-frame loop above.
                var reverbGain = Vector128.Create(reverb);
                var chorusGain = Vector128.Create(chorus);
                for (; i <= frames - 4; i += 4)
                {
                    var l = Vector128.Load(sourceLeft + i);
                    var r = Vector128.Load(sourceRight + i);
                    (Vector128.Load(left + i) + l).Store(left + i);
                    (Vector128.Load(right + i) + r).Store(right + i);
                    var mid = l + r;
                    (Vector128.Load(reverbAt + i) + (mid * reverbGain)).Store(reverbAt + i);
                    (Vector128.Load(chorusAt + i) + (mid * chorusGain)).Store(chorusAt + i);
                }
            }

            for (; i < frames; i++)
            {
                float l = sourceLeft[i], r = sourceRight[i];
                left[i] += l;
                right[i] += r;
                float mid = l + r;
                reverbAt[i] += mid * reverb;
                chorusAt[i] += mid * chorus;
            }
        }

        _voiceReverbFed |= reverb > 0;
        _voiceChorusFed |= chorus > 0;
    }

    /// <summary>
    /// Decides, for the chunk, which channels render into their own buffer (those with a reverb or chorus send).
    /// A routed channel's buffer is cleared lazily by its first voice in the chunk (<see cref="RenderVoices"/>), so a
    /// note that starts mid-chunk on a channel that was silent still reaches the send, and idle channels cost a flag.
    /// False when nothing is routed (effects off, or no sends): voices mix directly.
    /// </summary>
    private bool BeginEffectsChunk(int frames)
    {
        Debug.Assert(_chunkFrames == frames);
        if (_reverb is null)
            return false;
        bool any = false;
        for (int c = 0; c < Channels; c++)
        {
            var channel = _channels[c];
            bool routed = channel.ReverbSend > 0 || channel.ChorusSend > 0;
            _routed[c] = routed;
            _live[c] = false;
            any |= routed;
        }

        return any;
    }

    /// <summary>
    /// Per-channel or per-output buses: every voice renders into its bus's buffer, cleared lazily by its first voice in the chunk
    /// (see <see cref="RenderVoices"/>), so that idle channels cost nothing but a flag.
    /// </summary>
    private bool BeginBusChunk(int frames)
    {
        Debug.Assert(_chunkFrames == frames);
        for (int c = 0; c < Channels; c++)
        {
            _routed[c] = true;
            _live[c] = false;
        }

        return true;
    }

    /// <summary>Effects off, buses on: the main mix is the sum of the live channel buffers.</summary>
    private void MixBusesDry(int frames)
    {
        for (int c = 0; c < Channels; c++)
        {
            if (_live[c])
                AddBusToMix(c, frames);
        }
    }

    /// <summary>Adds bus <paramref name="bus"/>'s buffer to the main mix.</summary>
    private void AddBusToMix(int bus, int frames)
    {
        var left = new ReadOnlySpan<float>(_channelBuffers, bus * 2 * _channelStride, frames);
        var right = new ReadOnlySpan<float>(_channelBuffers, (bus * 2 * _channelStride) + _channelStride, frames);
        for (int i = 0; i < frames; i++)
        {
            _mixLeft[i] += left[i];
            _mixRight[i] += right[i];
        }
    }

    /// <summary>Writes every requested bus with the master gain ramp the main mix gets; silent channels get zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteBuses(scoped in ChannelBusOutputs buses, int position, int frames, float targetGain)
    {
        float start = _appliedMasterGain;
        float step = (targetGain - start) / frames;
        for (int c = 0; c < Channels; c++)
        {
            float* outLeft = buses.Left(c), outRight = buses.Right(c);
            if (outLeft == null)
                continue;
            outLeft += position;
            outRight += position;
            if (!_channelBuses || !_live[c])
            {
                new Span<float>(outLeft, frames).Clear();
                new Span<float>(outRight, frames).Clear();
                continue;
            }

            var left = new ReadOnlySpan<float>(_channelBuffers, c * 2 * _channelStride, frames);
            var right = new ReadOnlySpan<float>(_channelBuffers, (c * 2 * _channelStride) + _channelStride, frames);
            float gain = start;
            for (int i = 0; i < frames; i++)
            {
                outLeft[i] = left[i] * gain;
                outRight[i] = right[i] * gain;
                gain += step;
            }
        }
    }

    /// <summary>Mixes the routed channels dry and into the send buses, then runs the effects into the mix (skipped once their tails have died away).</summary>
    private void EndEffectsChunk(int frames, bool routing)
    {
        var reverbIn = new Span<float>(_reverbSend, 0, frames);
        var chorusIn = new Span<float>(_chorusSend, 0, frames);
        // Voices with their own send (RenderRouted through the private pair) may have fed the buses already; they cleared them first.
        bool reverbFed = _voiceReverbFed, chorusFed = _voiceChorusFed;
        if (routing)
        {
            if (!_voiceSendsLive)
            {
                reverbIn.Clear();
                chorusIn.Clear();
            }

            // Per-output buses: each voice (and rack) fed its channel's sends itself; the buses only join the mix.
            for (int c = 0; c < Channels; c++)
            {
                if (_busesByOutput && _live[c])
                    AddBusToMix(c, frames);
                if (_busesByOutput || !_live[c])
                    continue;
                var left = new ReadOnlySpan<float>(_channelBuffers, c * 2 * _channelStride, frames);
                var right = new ReadOnlySpan<float>(_channelBuffers, (c * 2 * _channelStride) + _channelStride, frames);
                float reverb = _channels[c].ReverbSend * 0.5f, chorus = _channels[c].ChorusSend * 0.5f;
                reverbFed |= reverb > 0;
                chorusFed |= chorus > 0;
                for (int i = 0; i < frames; i++)
                {
                    float l = left[i], r = right[i];
                    _mixLeft[i] += l;
                    _mixRight[i] += r;
                    float mid = l + r;
                    _reverbSend[i] += mid * reverb;
                    _chorusSend[i] += mid * chorus;
                }
            }
        }

        // A reverb fed nothing for 10 s has decayed far below hearing (its feedback is at most 0.98 per ~35 ms pass):
        // skip it, cleared, until the next send. The chorus line is 13 ms long.
        _reverbQuietFrames = reverbFed ? 0 : _reverbQuietFrames + frames;
        _chorusQuietFrames = chorusFed ? 0 : _chorusQuietFrames + frames;
        var mixLeft = new Span<float>(_mixLeft, 0, frames);
        var mixRight = new Span<float>(_mixRight, 0, frames);
        if (_reverbQuietFrames < 10L * Config.SampleRate)
        {
            if (!reverbFed)
                reverbIn.Clear();
            _reverb!.Process(reverbIn, mixLeft, mixRight);
        }
        else if (_reverbQuietFrames - frames < 10L * Config.SampleRate)
        {
            _reverb!.Clear();
        }

        if (_chorusQuietFrames < Config.SampleRate / 10)
        {
            if (!chorusFed)
                chorusIn.Clear();
            _chorus!.Process(chorusIn, mixLeft, mixRight);
        }
        else if (_chorusQuietFrames - frames < Config.SampleRate / 10)
        {
            _chorus!.Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteOutput(float* interleaved, float* left, float* right, int position, int frames, float target)
    {
        float gain = _appliedMasterGain;
        float step = (target - gain) / frames;
        float peak = _peakLevel;
        bool stereo = Config.OutputChannels == 2;
        for (int i = 0; i < frames; i++)
        {
            float l = _mixLeft[i] * gain, r = _mixRight[i] * gain;
            gain += step;
            if (stereo)
            {
                if (interleaved != null)
                {
                    interleaved[(position + i) * 2] = l;
                    interleaved[((position + i) * 2) + 1] = r;
                }
                else
                {
                    left[position + i] = l;
                    right[position + i] = r;
                }

                peak = MathF.Max(peak, MathF.Max(MathF.Abs(l), MathF.Abs(r)));
            }
            else
            {
                float m = 0.5f * (l + r);
                if (interleaved != null)
                    interleaved[position + i] = m;
                else
                    left[position + i] = m;
                peak = MathF.Max(peak, MathF.Abs(m));
            }
        }

        _appliedMasterGain = target;
        Volatile.Write(ref _peakLevel, peak);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateStats(int frames, long start)
    {
        int active = _voices.ActiveCount;
        Volatile.Write(ref _activeVoices, active);
        if (active > _peakVoices)
            Volatile.Write(ref _peakVoices, active);
        Volatile.Write(ref _framesProcessed, _framesProcessed + frames);
        long ticks = Stopwatch.GetTimestamp() - start;
        Volatile.Write(ref _lastTicks, ticks);
        Volatile.Write(ref _totalTicks, _totalTicks + ticks);
        if (ticks > _maxTicks)
            Volatile.Write(ref _maxTicks, ticks);
        Volatile.Write(ref _dspLoad, ticks * _ticksToMicroseconds * 1e-6 * Config.SampleRate / frames);
        Volatile.Write(ref _blocksProcessed, _blocksProcessed + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Apply(in MidiEvent e)
    {
        Monitor(e); // the remote's MIDI monitor; nothing without one
        var channel = _channels[e.Channel & 15];
        switch (e.Type)
        {
            case MidiEventType.NoteOn:
                if (e.Data2 == 0)
                    NoteOffNow(channel, e.Data1 & 127);
                else
                    NoteOnNow(channel, e.Data1 & 127, e.Data2 & 127, e.NoteId);
                break;
            case MidiEventType.NoteOff:
                NoteOffNow(channel, e.Data1 & 127);
                break;
            case MidiEventType.NoteOffById:
            case MidiEventType.KillById:
                ById(e.NoteId, kill: e.Type == MidiEventType.KillById);
                break;
            case MidiEventType.ControlChange:
                ControlChangeNow(channel, e.Data1 & 127, e.Data2 & 127, (e.Data2 & 127) / 127.0);
                break;
            case MidiEventType.PreciseControlChange:
                ControlChangeNow(channel, e.Data1 & 127, e.Data2 & 127, Math.Clamp(e.Value / (double)MidiEvent.PreciseOne, 0, 1));
                break;
            case MidiEventType.ProgramChange:
                SelectProgram(channel, RequestedBank(channel), e.Data1 & 127, keepOnMiss: true);
                break;
            case MidiEventType.SysEx:
                ApplySysEx(e);
                break;
            case MidiEventType.RegisteredParameter:
                channel.SetRegisteredParameter(e.ParameterNumber, e.ParameterValue);
                break;
            case MidiEventType.NonRegisteredParameter:
                channel.SetNonRegisteredParameter(e.ParameterNumber, e.ParameterValue); // SF2 generator offsets (section 9.6)
                break;
            case MidiEventType.ChannelPressure:
                channel.ChannelPressure = e.Data1 & 127;
                break;
            case MidiEventType.PolyPressure:
                channel.SetPolyPressure(e.Data1 & 127, e.Data2 & 127);
                break;
            case MidiEventType.PitchBend:
                channel.SetPitchBend(e.Value);
                break;
            case MidiEventType.Panic:
                BeginPanicFade();
                for (int c = 0; c < Channels; c++)
                {
                    FadeChannel(c);
                    _channels[c].ResetAll();
                    Array.Clear(_channels[c].KeyDown);
                    Array.Clear(_channels[c].PendingRelease);
                    _channels[c].KeysDown = 0;
                }

                break;
            default:
                break; // None: nothing
        }
    }

    /// <summary>True when the channel plays the percussion bank: a GS rhythm-part message decides, else the configuration.</summary>
    private bool IsDrumChannel(MidiChannelState channel) => channel.DrumOverride >= 0
        ? channel.DrumOverride == 1
        : channel.Index == 9 && Config.DrumChannel switch
        {
            DrumChannelMode.On => true,
            DrumChannelMode.Off => false,
            _ => _table.HasBank(DrumBank),
        };

    /// <summary>
    /// The bank a program change selects now. As FluidSynth's default ("gs" bank-select style): CC0 alone selects the
    /// bank (CC32 is ignored, SoundFont banks being 0..128), and a drum channel ignores bank select and plays bank 128.
    /// </summary>
    private int RequestedBank(MidiChannelState channel) =>
        IsDrumChannel(channel) ? DrumBank : channel.Controllers[MidiChannelState.ControllerBank];

    /// <summary>
    /// Points the channel at (bank, program) with FluidSynth's fallbacks (fluid_synth_program_change): a missing
    /// preset on a drum channel falls back to bank 128 program 0 (the standard kit), a missing melodic preset to the
    /// same program in bank 0. When even that is missing the channel keeps its current instrument (FluidSynth falls
    /// silent instead; keeping it is what a single-instrument SFZ setup expects). Audio thread.
    /// </summary>
    private void SelectProgram(MidiChannelState channel, int bank, int program, bool keepOnMiss)
    {
        bool drum = IsDrumChannel(channel);
        channel.RequestedBank = bank;
        channel.MidiProgram = program; // loprog/hiprog see every program change
        int foundBank = -1, foundProgram = program;
        if (_table.Get(bank, program) is not null)
            foundBank = bank;
        else if (drum && _table.Get(DrumBank, 0) is not null)
            (foundBank, foundProgram) = (DrumBank, 0);
        else if (!drum && _table.Get(0, program) is not null)
            foundBank = 0;
        if (foundBank >= 0)
        {
            channel.Bank = foundBank;
            channel.Program = foundProgram;
        }
        else if (!keepOnMiss)
        {
            channel.Bank = bank;
            channel.Program = program;
        }

        var playing = _table.Get(channel.Bank, channel.Program)?.Compiled;
        channel.SendScale = playing?.ChannelSendScale ?? 1;
        channel.ChorusSendScale = playing?.ChannelChorusSendScale ?? 1;
        channel.SoundFontVolumeCurves = playing?.SoundFontVolumeCurves ?? false;
    }

    /// <summary>GM/GM2 system on, GS reset and XG system on: every channel back to power-on state; GS rhythm-part assignment.</summary>
    private void ApplySysEx(in MidiEvent e)
    {
        switch ((SysExKind)e.Data1)
        {
            case SysExKind.GsRhythmPart:
                _channels[e.Channel & 15].DrumOverride = e.Data2 is 1 or 2 ? 1 : 0;
                SelectProgram(_channels[e.Channel & 15], RequestedBank(_channels[e.Channel & 15]), _channels[e.Channel & 15].MidiProgram, keepOnMiss: true);
                break;
            case SysExKind.MasterVolume:
                _midiMasterVolume = MasterVolumeGain(e.Value);
                break;
            case SysExKind.GeneralMidiOn:
            case SysExKind.GeneralMidi2On:
            case SysExKind.GsReset:
            case SysExKind.XgSystemOn:
            case SysExKind.SystemReset:
                // As FluidSynth's system reset: sound off, controllers, bend range, tuning and programs to defaults.
                for (int c = 0; c < Channels; c++)
                {
                    var channel = _channels[c];
                    FadeChannel(c);
                    channel.ResetAll();
                    Array.Clear(channel.KeyDown);
                    Array.Clear(channel.PendingRelease);
                    channel.KeysDown = 0;
                    channel.DrumOverride = -1;
                    SelectProgram(channel, RequestedBank(channel), 0, keepOnMiss: false);
                }

                _midiMasterVolume = 1;
                break;
            default:
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void NoteOnNow(MidiChannelState channel, int key, int velocity, int noteId)
    {
        long order = ++_order;

        // Striking a held key again releases its previous voices (with their own release, no click),
        // so repeated notes do not pile up (FluidSynth does the same by default).
        for (var v = _voices.FirstOnKey(channel.Index, key); v is not null; v = _voices.NextOnKey(v))
        {
            if (!v.NoteReleased)
                v.Release(order);
        }

        bool first = channel.KeysDown == 0;
        bool otherKeysHeld = channel.KeysDown > (channel.KeyDown[key] ? 1 : 0);
        if (!channel.KeyDown[key])
        {
            channel.KeyDown[key] = true;
            channel.KeysDown++;
        }

        channel.KeyVelocity[key] = (byte)velocity;
        channel.KeyOnFrame[key] = _eventFrame;
        channel.PendingRelease[key] = false;
        channel.PreviousKey = channel.LastKey;
        channel.LastKey = key;
        var installed = _table.Get(channel.Bank, channel.Program);
        SetNoteSources(channel, installed?.Compiled, key, otherKeysHeld); // cc134..141 (Sampler.NoteSources.cs)
        if (installed is null)
            return;
        if (installed.Compiled.IsKeyswitch[key])
            installed.State.LastKeyswitch[channel.Index] = key; // before the regions are chosen, as sfizz does
        StartRegions(installed, installed.Compiled.NoteOnByKey[key], channel, key, velocity, noteId, order, first, ReleasePhase.None);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void NoteOffNow(MidiChannelState channel, int key)
    {
        long order = ++_order;
        if (channel.KeyDown[key])
        {
            channel.KeyDown[key] = false;
            channel.KeysDown--;
        }

        bool pedal = channel.Sustain;
        for (var v = _voices.FirstOnKey(channel.Index, key); v is not null; v = _voices.NextOnKey(v))
        {
            if (v.NoteReleased || v.HeldByPedal)
                continue;
            if (SustainHolds(pedal, channel, v.Region!) || v.HeldBySostenuto) // sustain_sw=off: the pedal does not hold this region
                v.HeldByPedal = true;
            else
                v.Release(order);
        }

        var installed = _table.Get(channel.Bank, channel.Program);
        if (installed is not null && installed.Compiled.ReleaseByKey[key].Length > 0)
        {
            // trigger=release waits for the pedal to come up when the pedal holds the note (sfizz and ARIA);
            // trigger=release_key sounds at the key's release whatever the pedal (sfz.org, trigger).
            int velocity = Math.Max(1, (int)channel.KeyVelocity[key]);
            if (pedal)
                channel.PendingRelease[key] = true;
            StartRegions(installed, installed.Compiled.ReleaseByKey[key], channel, key, velocity, 0, order, first: false,
                pedal ? ReleasePhase.KeyOnly : ReleasePhase.All);
        }
    }

    /// <summary>Pedal up: the release-trigger regions of keys released under the pedal sound now.</summary>
    private void FirePendingReleases(MidiChannelState channel, long order)
    {
        var installed = _table.Get(channel.Bank, channel.Program);
        for (int key = 0; key < 128; key++)
        {
            if (!channel.PendingRelease[key])
                continue;
            channel.PendingRelease[key] = false;
            if (installed is null || installed.Compiled.ReleaseByKey[key].Length == 0 || channel.KeyDown[key])
                continue;
            int velocity = Math.Max(1, (int)channel.KeyVelocity[key]);
            StartRegions(installed, installed.Compiled.ReleaseByKey[key], channel, key, velocity, 0, order, first: false, ReleasePhase.PedalUp);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StartRegions(InstalledInstrument installed, int[] candidates, MidiChannelState channel, int key, int velocity,
        int noteId, long order, bool first, ReleasePhase phase)
    {
        var instrument = installed.Compiled;
        var state = installed.State;
        float random = _random.NextFloat(); // one draw per event, so that lorand/hirand ranges partition it
        for (int c = 0; c < candidates.Length; c++)
        {
            var region = instrument.Regions[candidates[c]];
            if (!_selector.Selects(instrument, state, region, channel, key, velocity, first, phase, random, _eventFrame, _blockTempoBpm))
                continue;

            if (instrument.HasOffBy)
                _voices.SilenceOffBy(region.Group, order, Config.SampleRate);
            if (instrument.HasPolyphonyLimits)
                _voices.EnforcePolyphony(instrument, region, channel.Index, key, velocity, order);
            float extraGain = 1;
            if (phase is not (ReleasePhase.None or ReleasePhase.Controller) && region.RtDecayDbPerSecond > 0)
            {
                // rt_decay: the release sample is quieter the longer the key was held (sfz.org, rt_decay).
                double heldSeconds = (_eventFrame - channel.KeyOnFrame[key]) / (double)Config.SampleRate;
                extraGain = Decibels.ToGain(-region.RtDecayDbPerSecond * heldSeconds);
            }

            long stolen = 0;
            var voice = _voices.Acquire(order, ref stolen);
            if (stolen != 0)
                Interlocked.Add(ref _stolenVoices, stolen);
            // sw_vel=previous: the previous note's velocity (sfz.org, sw_vel).
            int voiceVelocity = region.SwVelocityPrevious && channel.PreviousKey >= 0 ? Math.Max(1, (int)channel.KeyVelocity[channel.PreviousKey]) : velocity;
            var playing = region.ReversedVariant is { } reversed && region.VoiceOptions.ReverseHolds(channel.Controllers) ? reversed : region; // reverse_loccN
            if (region.KeyVariants is { } keyed && keyed[key] is { } band)
                playing = band; // an oscillator's band-limited table for this key
            voice.Start(instrument, state, playing, channel, key, voiceVelocity, noteId, order, ref _random, extraGain, _eventFrame, _blockTempoBpm);
            if (instrument.Rack is { } rack)
                rack.Channel = channel.Index; // the rack follows the channel of its latest voice (controllers, destination)
            if (state.GroupTimers.Active)
                state.GroupTimers.Started(region, _eventFrame);
            if (phase == ReleasePhase.Controller)
                voice.DetachFromKey();
            voice.Route = RouteOf(instrument, playing, channel.Index);
            _voices.Track(voice);
        }
    }

    /// <summary>
    /// on_loccN/on_hiccN: a control change whose value lies in a region's range starts it, at the event's frame, on the
    /// region's pitch_keycenter (no transposition) at full velocity, whatever its key range (sfz.org, on_loccN; lokey=-1 is
    /// usual for such regions).
    /// </summary>
    private void TriggerByController(MidiChannelState channel, int controller, int value)
    {
        var installed = _table.Get(channel.Bank, channel.Program);
        if (installed is null || installed.Compiled.ControllerTriggered[controller].Length == 0)
            return;
        var instrument = installed.Compiled;
        long order = ++_order;
        foreach (int index in instrument.ControllerTriggered[controller])
        {
            var region = instrument.Regions[index];
            foreach (var range in region.OnCcRanges)
            {
                if (range.Controller != controller || value < range.Low || value > range.High
                    || !region.Conditions.MatchesChannel(channel.Index + 1))
                    continue;
                int key = Math.Clamp(region.KeyCenter, 0, 127);
                _triggerCandidate[0] = index;
                StartRegions(installed, _triggerCandidate, channel, key, 127, 0, order, first: false, ReleasePhase.Controller);
                break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ControlChangeNow(MidiChannelState channel, int controller, int value, double normalized)
    {
        bool pedalWasDown = channel.Sustain;
        int oldValue = channel.Controllers[controller];
        bool sostenutoWasDown = channel.Controllers[ControllerSostenuto] >= 64;
        switch (controller)
        {
            case MidiChannelState.ControllerAllSoundOff:
                FadeChannel(channel.Index);
                return;
            case MidiChannelState.ControllerResetAll:
                channel.ResetControllers();
                break;
            case MidiChannelState.ControllerAllNotesOff:
            case 124:
            case 125:
            case 126:
            case 127:
                for (int k = 0; k < 128; k++)
                {
                    if (channel.KeyDown[k])
                        NoteOffNow(channel, k);
                }

                ReleaseChannel(channel, respectPedal: true);
                return;
            default:
                channel.SetController(controller, value, normalized);
                TriggerByController(channel, controller, value);
                StopByController(channel, controller, value);
                break;
        }

        if (sostenutoWasDown != channel.Controllers[ControllerSostenuto] >= 64)
            SostenutoChanged(channel, sostenutoWasDown);

        if (pedalWasDown && !channel.Sustain)
        {
            long order = ++_order;
            FirePendingReleases(channel, order);
            for (int i = 0; i < _voices.ActiveCount; i++)
            {
                var v = _voices[i];
                if (v.Channel == channel.Index && v.HeldByPedal && !v.HeldBySostenuto && !v.Region!.VoiceOptions.CustomPedals)
                    v.Release(order);
            }
        }

        if (_table.Get(channel.Bank, channel.Program)?.Compiled is { HasControllerHooks: true } hooked)
            AriaControllerMoved(hooked, channel, controller, oldValue); // custom pedals, ampeg_dynamic (Sampler.CustomPedals.cs)
    }

    private void ReleaseChannel(MidiChannelState channel, bool respectPedal)
    {
        long order = ++_order;
        bool pedal = respectPedal && channel.Sustain;
        for (int i = 0; i < _voices.ActiveCount; i++)
        {
            var v = _voices[i];
            if (v.Channel != channel.Index || v.NoteReleased || v.HeldByPedal)
                continue;
            if ((respectPedal && SustainHolds(pedal, channel, v.Region!)) || v.HeldBySostenuto) // sustain_sw=off: the pedal does not hold this region
                v.HeldByPedal = true;
            else
                v.Release(order);
        }
    }

    private void FadeChannel(int channel)
    {
        long order = ++_order;
        for (int i = 0; i < _voices.ActiveCount; i++)
        {
            var v = _voices[i];
            if (v.Channel == channel)
                v.FadeOut(_fadeFrames, order);
        }
    }

    private void ById(int noteId, bool kill)
    {
        if (noteId == 0)
            return;
        long order = ++_order;
        for (int i = 0; i < _voices.ActiveCount; i++)
        {
            var v = _voices[i];
            if (v.NoteId != noteId)
                continue;
            if (kill)
                v.FadeOut(_fadeFrames, order);
            else if (!v.NoteReleased && !v.HeldByPedal)
            {
                var vc = _channels[v.Channel];
                if (SustainHolds(vc.Sustain, vc, v.Region!) || v.HeldBySostenuto)
                    v.HeldByPedal = true;
                else
                    v.Release(order);
            }
        }
    }
}

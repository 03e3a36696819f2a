using MidiSampler.Engine;
using MidiSampler.Hosting;
using MidiSampler.Jack.Native;
using MidiSampler.Model;
using MidiSampler.Realtime;
using MidiSampler.Rendering;

namespace MidiSampler.Jack;

/// <summary>
/// Plays a <see cref="Sampler"/> as a JACK client: JACK MIDI in (<c>midi_in</c>), stereo audio out
/// (<c>out_1</c>, <c>out_2</c>), every MIDI event applied at the exact frame at which it arrived. With
/// <see cref="JackHostOptions.MultiOut"/>, also one stereo pair per MIDI channel (<c>ch01_L</c> ... <c>ch16_R</c>); with
/// <see cref="JackHostOptions.Outputs"/>, one per SFZ region output (<c>output00_L</c> ...).
/// </summary>
/// <remarks>
/// Design: the process callback reads the MIDI port buffer, decodes each event with its frame time
/// inside the period as its offset (the engine's <see cref="MidiDecoder"/>: SysEx, RPN/NRPN, allocation-free) into a
/// preallocated array, and renders straight into JACK's port buffers wrapped as spans. FluidSynth's JACK
/// driver applies every event at the start of the period instead, which jitters by up to one period.
/// The engine renders periods longer than its block bound in chunks, so a buffer-size change needs
/// nothing but a note. A sample-rate change does need every instrument compiled again: a worker thread
/// builds, fills and warms a new sampler and publishes it with one reference swap; the audio thread
/// picks it up at the start of a period. Server shutdown (jack_on_info_shutdown) sets
/// <see cref="ShutdownWaitHandle"/>. Control operations go through <see cref="HostControls"/>, serialised by one lock
/// the audio thread never takes.
/// </remarks>
public sealed unsafe class JackSamplerHost : ILiveHost, IJackProcessor
{
    private const int NoPendingRate = 0;
    private const int HistogramMicroseconds = 50_000;

    private readonly JackHostOptions _options;
    private readonly HostControls _controls;
    private readonly MidiEvent[] _events;
    private readonly MidiDecoder _decoder = new(); // the process callback's: JACK MIDI in to engine events
    private readonly ManualResetEvent _shutdown = new(initialState: false);
    private readonly AutoResetEvent _wake = new(initialState: false);
    private readonly ManualResetEvent _songEnded = new(initialState: false);
    private readonly LiveSongPlayer? _song;
    private readonly MidiClockTempo _clock = new(); // the audio thread's: MIDI clock ticks on the JACK MIDI input
    private readonly ArrivalScheduler? _live;
    private readonly List<string> _warnings = [];
    private readonly List<string> _connections = [];
    private readonly JackClient _client;
    private readonly jack_client_t* _clientPointer;
    private readonly jack_port_t* _midiIn;
    private readonly jack_port_t* _out1;
    private readonly jack_port_t* _out2;
    // --multi-out: ch01_L, ch01_R, ... ch16_R, channel by channel; --outputs N: output00_L ... output{N-1}_R, output by
    // output. Bus k's pair is at 2k, 2k + 1. Null when both are off.
    private readonly jack_port_t*[]? _busPorts;
    private readonly Thread _worker;
    private readonly long[]? _processTimeHistogram;
    private readonly long[]? _completionHistogram;
    private readonly double _ticksPerMicrosecond = System.Diagnostics.Stopwatch.Frequency / 1e6;
    private Sampler _sampler = null!;
    private volatile bool _stopping;
    private volatile bool _active;
    private volatile bool _serverLost;
    private volatile string? _shutdownReason;
    private int _serverSampleRate;
    private int _pendingSampleRate;
    private int _bufferSizeFrames;
    private int _sampleRateChanges;
    private bool _disposed;

    // Counters written by JACK threads, read by any thread.
    private long _xruns;
    private long _cycles;
    private long _lastCycleStartFrame;
    private int _probeReset;
    private long _allocatedBaseline;
    private long _allocatedLatest;

    private JackSamplerHost(JackHostOptions options)
    {
        _options = options;
        _controls = new HostControls(() => Sampler); // whichever sampler plays now (a rate change rebuilds it)
        _events = new MidiEvent[options.MaxEventsPerPeriod];
        _processTimeHistogram = options.MeasureProcessTime ? new long[HistogramMicroseconds + 1] : null;
        _completionHistogram = options.MeasureProcessTime ? new long[HistogramMicroseconds + 1] : null;
        _client = JackClient.Open(options.ClientName, options.NoStartServer, this, options.Notice);
        try
        {
            _clientPointer = _client.Pointer;
            int rate = _client.SampleRate;
            Volatile.Write(ref _serverSampleRate, rate);
            _bufferSizeFrames = _client.BufferSizeFrames;
            _sampler = CreateSampler(rate, options.GainDb, []);
            _song = options.Song is null ? null : new LiveSongPlayer(SongSchedule.FromSong(options.Song, rate));
            _live = options.LiveMidi;
            _midiIn = _client.RegisterPort("midi_in", midi: true, input: true);
            _out1 = _client.RegisterPort("out_1", midi: false, input: false);
            _out2 = _client.RegisterPort("out_2", midi: false, input: false);
            MidiInputPort = JackClient.PortName(_midiIn);
            OutputPorts = [JackClient.PortName(_out1), JackClient.PortName(_out2)];
            var busNames = new List<string>();
            var outputNames = new List<string>();
            if (options.Outputs > 0)
            {
                _busPorts = new jack_port_t*[options.Outputs * 2];
                for (int k = 0; k < options.Outputs; k++)
                {
                    for (int side = 0; side < 2; side++)
                    {
                        var port = _client.RegisterPort(OutputBusPortName(k, side), midi: false, input: false);
                        _busPorts[(k * 2) + side] = port;
                        outputNames.Add(JackClient.PortName(port));
                    }
                }
            }
            else if (options.MultiOut)
            {
                _busPorts = new jack_port_t*[ChannelBusOutputs.Planes];
                for (int c = 0; c < 16; c++)
                {
                    for (int side = 0; side < 2; side++)
                    {
                        var port = _client.RegisterPort(ChannelPortName(c, side), midi: false, input: false);
                        _busPorts[(c * 2) + side] = port;
                        busNames.Add(JackClient.PortName(port));
                    }
                }
            }

            ChannelOutputPorts = busNames;
            OutputBusPorts = outputNames;
        }
        catch
        {
            _client.Dispose();
            throw;
        }

        _worker = new Thread(WorkerLoop) { IsBackground = true, Name = "jack-host control" };
    }

    /// <summary>
    /// Drops libjack's own messages on stderr while true (a host retrying to connect every second would
    /// otherwise log five lines a second). Process-wide. Any thread.
    /// </summary>
    public static bool QuietLibraryMessages
    {
        get => JackClient.LibraryMessagesQuiet;
        set => JackClient.LibraryMessagesQuiet = value;
    }

    /// <inheritdoc/>
    public string Backend => "JACK";

    /// <summary>Signalled once the song of <see cref="JackHostOptions.Song"/> has ended and every voice is silent. Any thread.</summary>
    public WaitHandle SongEndedWaitHandle => _songEnded;

    /// <summary>The client name the server registered. Any thread.</summary>
    public string ClientName => _client.Name;

    /// <summary>Full name of the MIDI input port ("client:midi_in"). Any thread.</summary>
    public string MidiInputPort { get; }

    /// <summary>Full names of the two output ports. Any thread.</summary>
    public IReadOnlyList<string> OutputPorts { get; }

    /// <summary>
    /// Full names of the per-channel outputs ("client:ch01_L", "client:ch01_R", ... "client:ch16_R"), channel
    /// by channel, left then right; empty unless <see cref="JackHostOptions.MultiOut"/>. Any thread.
    /// </summary>
    public IReadOnlyList<string> ChannelOutputPorts { get; }

    /// <summary>
    /// Full names of the per-output ports ("client:output00_L", "client:output00_R", ...), output by output, left then
    /// right; empty unless <see cref="JackHostOptions.Outputs"/>. Any thread.
    /// </summary>
    public IReadOnlyList<string> OutputBusPorts { get; }

    /// <summary>The short name of a per-output port: <c>output03_R</c> for SFZ output 3, right. Any thread.</summary>
    /// <param name="output">SFZ output number 0..15.</param>
    /// <param name="side">0 for left, 1 for right.</param>
    public static string OutputBusPortName(int output, int side) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"output{output:00}_{(side == 0 ? 'L' : 'R')}");

    /// <summary>The short name of a per-channel output port: <c>ch01_L</c> for channel 0 (MIDI channel 1), left. Any thread.</summary>
    /// <param name="channel">MIDI channel 0..15.</param>
    /// <param name="side">0 for left, 1 for right.</param>
    public static string ChannelPortName(int channel, int side) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ch{channel + 1:00}_{(side == 0 ? 'L' : 'R')}");

    /// <summary>The server's sample rate in Hz. Any thread.</summary>
    public int SampleRate => Volatile.Read(ref _serverSampleRate);

    /// <summary>The current JACK period in frames. Any thread.</summary>
    public int BufferSizeFrames => Volatile.Read(ref _bufferSizeFrames);

    /// <summary>How often a sample-rate change made the host rebuild its sampler. Any thread.</summary>
    public int SampleRateChanges => Volatile.Read(ref _sampleRateChanges);

    /// <summary>The sampler currently playing (replaced after a sample-rate change). Any thread.</summary>
    public Sampler Sampler => Volatile.Read(ref _sampler);

    /// <summary>What did not work but did not stop the host (refused real-time priority, patterns with no port). Control thread.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>True once the server has shut down or dropped this client. Any thread.</summary>
    public bool IsServerShutdown => _shutdownReason is not null;

    /// <summary>The server's reason for the shutdown, or null. Any thread.</summary>
    public string? ShutdownReason => _shutdownReason;

    /// <summary>
    /// True when the watchdog declared the server lost: no process callback for <see cref="JackHostOptions.LostServerSeconds"/>
    /// while active, and no shutdown notice (PipeWire's JACK sends none). <see cref="IsServerShutdown"/> is true too. Any thread.
    /// </summary>
    public bool IsServerLost => _serverLost;

    private int _abandoned; // 1 once Dispose left the client of a lost server open

    /// <summary>JACK ports connected by <see cref="JackHostOptions.ConnectPhysical"/> and the MIDI patterns, as "source -> destination". Control thread.</summary>
    public IReadOnlyList<string> Connections => _connections;

    /// <summary>Signalled when the server shuts down or drops this client (or stops calling it). Any thread.</summary>
    public WaitHandle ShutdownWaitHandle => _shutdown;

    /// <summary>Output gain in dB, ramped over the next period. Any thread.</summary>
    public double GainDb
    {
        get => _controls.GainDb;
        set => _controls.GainDb = value;
    }

    /// <summary>Periods processed so far. Any thread.</summary>
    public long ProcessCycles => Volatile.Read(ref _cycles);

    /// <summary>Bytes the process callback allocated since the last <see cref="ResetAllocationProbe"/> (expected: 0).</summary>
    internal long AudioThreadAllocatedBytes => Volatile.Read(ref _allocatedLatest) - Volatile.Read(ref _allocatedBaseline);

    /// <summary>The JACK frame time at the start of the last processed period. Any thread.</summary>
    internal long LastCycleStartFrame => Volatile.Read(ref _lastCycleStartFrame);

    /// <summary>
    /// Connects to JACK, creates the sampler at the server's rate (warmed up so that the JIT runs
    /// now), registers the ports, activates and makes the connections the options ask for.
    /// Control thread.
    /// </summary>
    /// <exception cref="JackException">No server, or the server refused the client or a port.</exception>
    /// <exception cref="ArgumentException">The options ask for both kinds of bus, or for more than 16 outputs.</exception>
    public static JackSamplerHost Start(JackHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Outputs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Outputs, SamplerConfig.MaxOutputBuses);
        if (options.MultiOut && options.Outputs > 0)
            throw new ArgumentException("--multi-out and --outputs exclude each other: buses follow either the MIDI channel or the region's output", nameof(options));
        var host = new JackSamplerHost(options);
        try
        {
            host._client.Activate();
            host._active = true;
            host._worker.Start(); // it also keeps the watchdog, from activation on
            if (options.RealtimePriority is int priority && !host._client.TryAcquireRealtime(priority))
            {
                host._warnings.Add($"could not raise the JACK process thread to SCHED_FIFO priority {priority} " +
                    "(needs an rtprio limit in /etc/security/limits.d or CAP_SYS_NICE); it keeps the server's scheduling");
            }

            host.MakeConnections();
            host.CheckScheduling();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Installs <paramref name="instrument"/> at program <paramref name="program"/> (or clears it). Sounding
    /// notes keep the instrument they started with; the next note plays the new one: no gap. Control thread.
    /// </summary>
    public void SetInstrument(int program, Instrument? instrument) => SetInstruments([(0, program, instrument)]);

    /// <inheritdoc/>
    public void SetInstruments(IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> instruments) => _controls.SetInstruments(instruments);

    /// <summary>The instrument at a program slot of bank 0, or null. Control thread.</summary>
    public Instrument? GetInstrument(int program) => GetInstrument(0, program);

    /// <summary>The instrument at (bank, program), or null. Control thread.</summary>
    public Instrument? GetInstrument(int bank, int program) => _controls.GetInstrument(bank, program);

    /// <inheritdoc/>
    public IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> GetInstruments() => _controls.GetInstruments();

    /// <summary>Queues an event for the start of the next period. Control thread.</summary>
    public bool Send(in MidiEvent midiEvent) => _controls.Send(midiEvent);

    /// <inheritdoc/>
    public void StartSong() => _song?.Start();

    /// <summary>Fades out every voice and resets every controller (MIDI panic). Control thread.</summary>
    public void Panic() => _controls.Panic();

    /// <summary>The sampler's statistics with the host's xruns and dropped MIDI events folded in. Any thread.</summary>
    public SamplerStats GetStats() => _controls.GetStats(Volatile.Read(ref _xruns), _decoder.Counters.Dropped);

    /// <summary>
    /// Silences every voice with a short fade and stops processing, so that nothing is cut mid-wave
    /// and no note is left sounding. Control thread; safe after a server shutdown.
    /// </summary>
    public void Stop()
    {
        _active = false; // from here on, no callback is expected: the watchdog rests
        if (_serverLost)
            return; // nothing answers: deactivating would block (Dispose abandons the client instead)
        if (!IsServerShutdown && ProcessCycles > 0)
        {
            Panic();

            // Two periods let the audio thread apply the panic and finish the fades (at most 5 ms).
            int rate = Math.Max(1, SampleRate);
            int waitMs = Math.Clamp((int)Math.Ceiling((2.0 * BufferSizeFrames * 1000 / rate) + 10), 10, 500);
            long target = ProcessCycles + 2;
            var deadline = Environment.TickCount64 + waitMs;
            while (ProcessCycles < target && Environment.TickCount64 < deadline && !IsServerShutdown)
                Thread.Sleep(1);
        }

        _client.Deactivate();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Stop();
        _stopping = true;
        _wake.Set();
        if (_worker.IsAlive)
            _worker.Join(TimeSpan.FromSeconds(5));
        if (_serverLost)
            Volatile.Write(ref _abandoned, 1); // the client stays open: see IJackProcessor.Process
        else
            _client.Dispose();
        _wake.Dispose();
        _shutdown.Dispose();
        _songEnded.Dispose();
    }

    /// <summary>
    /// A copy of the process-callback duration histogram: element i counts the periods whose callback took
    /// i µs (the last element: that long or longer). Empty unless <see cref="JackHostOptions.MeasureProcessTime"/>.
    /// Any thread (a racing period may be missing from the copy).
    /// </summary>
    public long[] GetProcessTimeHistogram() => _processTimeHistogram is null ? [] : (long[])_processTimeHistogram.Clone();

    /// <summary>
    /// Copies the process-callback duration histogram (see <see cref="GetProcessTimeHistogram"/>) into
    /// <paramref name="destination"/> without allocating (the web panel polls it while playing), as far as it fits;
    /// returns the elements copied, 0 unless <see cref="JackHostOptions.MeasureProcessTime"/>. Any thread.
    /// </summary>
    public int CopyProcessTimeHistogram(Span<long> destination) => CopyHistogram(_processTimeHistogram, destination);

    /// <summary>
    /// Copies the completion-time histogram (see <see cref="GetCompletionTimeHistogram"/>) into <paramref name="destination"/>
    /// without allocating, as far as it fits; returns the elements copied, 0 unless <see cref="JackHostOptions.MeasureProcessTime"/>.
    /// Any thread.
    /// </summary>
    public int CopyCompletionTimeHistogram(Span<long> destination) => CopyHistogram(_completionHistogram, destination);

    private static int CopyHistogram(long[]? histogram, Span<long> destination)
    {
        if (histogram is null)
            return 0;
        int n = Math.Min(destination.Length, histogram.Length);
        histogram.AsSpan(0, n).CopyTo(destination);
        return n;
    }

    /// <summary>
    /// Like <see cref="GetProcessTimeHistogram"/>, but of the time from the start of the period (JACK's
    /// cycle time) to the end of the callback: it includes a late wake-up, and a callback held at the
    /// managed-code entry by a garbage collection, which the duration alone cannot see. Any thread.
    /// </summary>
    public long[] GetCompletionTimeHistogram() => _completionHistogram is null ? [] : (long[])_completionHistogram.Clone();

    /// <summary>What the MIDI input's decoder has seen: messages acted on, ignored and malformed. Any thread.</summary>
    public MidiDecoderCounters MidiCounters => _live is null ? _decoder.Counters : _decoder.Counters + _live.Decoder.Counters;

    /// <summary>Starts the probe of the audio thread's allocations from now (tests).</summary>
    internal void ResetAllocationProbe() => Volatile.Write(ref _probeReset, 1);

    /// <inheritdoc/>
    int IJackProcessor.Process(int frames)
    {
        // A host disposed after its server froze leaves its client open: closing would wait on the server (forever if it
        // never answers), and a close that completes once it answers again ends libjack's threads with pthread_cancel,
        // which aborts the process when it lands in a managed callback. If the server comes back, this callback's
        // non-zero result makes libjack deactivate the client and end its thread itself, from native code.
        if (Volatile.Read(ref _abandoned) != 0)
            return 1;
        long startTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        var sampler = Volatile.Read(ref _sampler);
        void* midi = LibJack.jack_port_get_buffer(_midiIn, (uint)frames);
        float* left = (float*)LibJack.jack_port_get_buffer(_out1, (uint)frames);
        float* right = (float*)LibJack.jack_port_get_buffer(_out2, (uint)frames);

        // Each JACK MIDI event's time is its frame within this period: it becomes the engine's offset.
        int count = 0;
        uint available = LibJack.jack_midi_get_event_count(midi);
        uint cycleStartFrame = JackClient.LastFrameTime(_clientPointer);
        jack_midi_event_t raw;
        for (uint i = 0; i < available; i++)
        {
            if (LibJack.jack_midi_event_get(&raw, midi, i) != 0)
                continue;
            if (raw.size == 1 && raw.buffer[0] == 0xF8)
                _clock.Tick(cycleStartFrame + (long)raw.time); // MIDI clock: a tempo source (see UpdateTempo)
            // Whole messages of any length (SysEx included) through the engine's one decoder; a full array drops and counts.
            var bytes = new ReadOnlySpan<byte>(raw.buffer, (int)Math.Min(raw.size, int.MaxValue));
            count += _decoder.Decode(bytes, (int)raw.time, _events.AsSpan(count));
        }

        count = AddSongAndLiveEvents(count, frames);
        UpdateTempo(sampler, cycleStartFrame);
        var mainLeft = new Span<float>(left, frames);
        var mainRight = new Span<float>(right, frames);
        var events = new ReadOnlySpan<MidiEvent>(_events, 0, count);
        if (_busPorts is { } busPorts)
        {
            // The bus port buffers (per channel or per output), named on the stack for this period only.
            var buses = default(ChannelBusOutputs);
            for (int b = 0; b < busPorts.Length / 2; b++)
            {
                var busLeft = (float*)LibJack.jack_port_get_buffer(busPorts[b * 2], (uint)frames);
                var busRight = (float*)LibJack.jack_port_get_buffer(busPorts[(b * 2) + 1], (uint)frames);
                buses.SetBus(b, busLeft, busRight, frames);
            }

            sampler.ProcessPlanar(mainLeft, mainRight, frames, events, buses);
        }
        else
        {
            sampler.ProcessPlanar(mainLeft, mainRight, frames, events);
        }

        _song?.Advance(frames, sampler.GetStats().ActiveVoices);
        Volatile.Write(ref _lastCycleStartFrame, JackClient.LastFrameTime(_clientPointer));
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        if (Volatile.Read(ref _probeReset) != 0)
        {
            Volatile.Write(ref _allocatedBaseline, allocated);
            Volatile.Write(ref _probeReset, 0);
        }

        Volatile.Write(ref _allocatedLatest, allocated);
        if (_processTimeHistogram is { } histogram)
        {
            long micros = (long)((System.Diagnostics.Stopwatch.GetTimestamp() - startTicks) / _ticksPerMicrosecond);
            histogram[Math.Min(micros, HistogramMicroseconds)]++; // single writer: this thread
            uint periodStartFrame;
            ulong periodStartMicros, nextMicros;
            float periodMicros;
            if (LibJack.jack_get_cycle_times(_clientPointer, &periodStartFrame, &periodStartMicros, &nextMicros, &periodMicros) == 0)
            {
                ulong now = LibJack.jack_get_time();
                long sinceStart = now > periodStartMicros ? (long)(now - periodStartMicros) : 0;
                _completionHistogram![Math.Min(sinceStart, HistogramMicroseconds)]++;
            }
        }

        Volatile.Write(ref _cycles, _cycles + 1);
        return 0;
    }

    /// <summary>
    /// Gives the sampler this period's tempo (<see cref="LiveTempo"/>): the transport's BBT tempo when a timebase master
    /// publishes one, else the MIDI clock on the input port, else the song's tempo map, else 120 BPM. Audio thread:
    /// jack_transport_query only copies the cycle's position.
    /// </summary>
    private void UpdateTempo(Sampler sampler, uint periodStartFrame)
    {
        byte* position = stackalloc byte[LibJack.TransportPositionBytes];
        double transport = double.NaN;
        LibJack.jack_transport_query(_clientPointer, position);
        if ((*(int*)(position + LibJack.PositionValidOffset) & LibJack.JackPositionBBT) != 0)
            transport = *(double*)(position + LibJack.PositionBeatsPerMinuteOffset);
        double clock = _clock.TryGetTempo(periodStartFrame, Volatile.Read(ref _serverSampleRate), out double clockBpm) ? clockBpm
            : _live?.ClockTempoBpm(RealtimeClock.NowNanoseconds()) ?? double.NaN; // JACK MIDI clock, else the ALSA sequencer's
        sampler.TempoBpm = LiveTempo.Choose(transport, clock, _song?.TempoBpm ?? double.NaN);
    }

    /// <summary>
    /// Adds the song's events (<see cref="JackHostOptions.Song"/>) and the live events stamped on arrival
    /// (<see cref="JackHostOptions.LiveMidi"/>) of this period after the <paramref name="count"/> JACK MIDI events, in
    /// frame order. Audio thread.
    /// </summary>
    private int AddSongAndLiveEvents(int count, int frames)
    {
        int sources = count > 0 ? 1 : 0;
        if (_song is { } song)
        {
            int length = frames; // a period with more song events than fit takes the rest at the next one's start
            int added = song.Fill(ref length, _events.AsSpan(count));
            sources += added > 0 ? 1 : 0;
            count += added;
        }

        if (_live is { } live)
        {
            live.BeginPeriod(RealtimeClock.NowNanoseconds(), frames, Volatile.Read(ref _serverSampleRate));
            int added = live.Take(0, frames, _events.AsSpan(count));
            sources += added > 0 ? 1 : 0;
            count += added;
        }

        if (sources > 1)
            MidiEventOrder.SortByOffset(_events.AsSpan(0, count));
        return count;
    }

    /// <inheritdoc/>
    void IJackProcessor.OnXrun()
    {
        Interlocked.Increment(ref _xruns);
        Volatile.Read(ref _sampler)?.ReportXrun();
    }

    /// <inheritdoc/>
    void IJackProcessor.OnBufferSize(int frames) => Volatile.Write(ref _bufferSizeFrames, frames);

    /// <inheritdoc/>
    void IJackProcessor.OnSampleRate(int sampleRateHz)
    {
        Volatile.Write(ref _serverSampleRate, sampleRateHz);
        var sampler = Volatile.Read(ref _sampler);
        if (sampler is null || sampler.Config.SampleRate == sampleRateHz)
            return;

        // Not here: this is JACK's notification thread, and recompiling instruments takes a while.
        Volatile.Write(ref _pendingSampleRate, sampleRateHz);
        _wake.Set();
    }

    /// <inheritdoc/>
    void IJackProcessor.OnShutdown(string reason)
    {
        _shutdownReason = reason;
        _shutdown.Set();
    }

    private Sampler CreateSampler(int sampleRate, double gainDb, IEnumerable<Instrument?> instruments)
    {
        var sampler = new Sampler(new SamplerConfig
        {
            SampleRate = sampleRate,
            OutputChannels = 2,
            MaxPolyphony = _options.Polyphony,
            MaxBlockFrames = _options.MaxBlockFrames,
            MaxEventsPerBlock = _options.MaxEventsPerPeriod,
            MasterGainDb = gainDb,
            EffectsEnabled = _options.EffectsEnabled,
            ChannelBuses = _options.MultiOut,
            OutputBuses = _options.Outputs,
            ChannelMeters = _options.ChannelMeters,
        });
        sampler.WarmUp(instruments);
        return sampler;
    }

    private void WorkerLoop()
    {
        long lastCycles = -1;
        long lastProgress = Environment.TickCount64;
        int pollMs = _options.LostServerSeconds > 0 ? (int)Math.Clamp(_options.LostServerSeconds * 1000 / 8, 20, 500) : 500;
        while (!_stopping)
        {
            _wake.WaitOne(pollMs);
            if (_stopping)
                break;
            long cycles = ProcessCycles, now = Environment.TickCount64;
            if (cycles != lastCycles || !_active)
            {
                lastCycles = cycles;
                lastProgress = now;
            }
            else if (LostServerTimeoutMs() is > 0 and var limit && now - lastProgress > limit && !IsServerShutdown)
            {
                DeclareServerLost(now - lastProgress);
            }

            int rate = Interlocked.Exchange(ref _pendingSampleRate, NoPendingRate);
            lock (_controls.Gate)
            {
                if (rate != NoPendingRate && rate != _sampler.Config.SampleRate)
                    RebuildAt(rate);
                _sampler.CollectRetired();
            }

            if (_song is { IsFinished: true })
                _songEnded.Set();
        }
    }

    /// <summary>How long without a process callback means a lost server: the option, and at least 16 periods; 0 when off.</summary>
    private long LostServerTimeoutMs()
    {
        if (_options.LostServerSeconds <= 0)
            return 0;
        double periods = 16.0 * BufferSizeFrames * 1000 / Math.Max(1, SampleRate);
        return (long)Math.Ceiling(Math.Max(_options.LostServerSeconds * 1000, periods));
    }

    /// <summary>The watchdog's verdict: the server stopped calling us without a word. Worker thread.</summary>
    private void DeclareServerLost(long silentMs)
    {
        _serverLost = true;
        double periods = silentMs * (double)SampleRate / 1000 / Math.Max(1, BufferSizeFrames);
        _shutdownReason = FormattableString.Invariant(
            $"no process callback for {silentMs / 1000.0:0.0} s ({periods:0} periods) while active, and no word from the server: it stopped or died without telling its clients (PipeWire's JACK does not)");
        _shutdown.Set();
    }

    /// <summary>
    /// Warns, in our words and with the fix, when the server runs real-time but our process thread does not (the
    /// system refused it SCHED_FIFO): libjack only prints its own line, and xruns follow as soon as the machine is busy.
    /// </summary>
    private void CheckScheduling()
    {
        if (!_client.ServerIsRealtime)
            return;
        var deadline = Environment.TickCount64 + 1000; // the thread sets its own scheduling when it starts
        while (ProcessCycles == 0 && Environment.TickCount64 < deadline && !IsServerShutdown)
            Thread.Sleep(5);
        if (_client.ProcessThreadPolicy() is 0)
        {
            _warnings.Add("the JACK process thread runs without real-time scheduling: the server is real-time, but this process was refused " +
                "SCHED_FIFO (libjack's 'Cannot use real-time scheduling' above), so any busy program can delay the audio and xruns follow. " +
                $"Fix: {Realtime.RealtimeAdvice.LimitsFix}; {Realtime.RealtimeAdvice.CapabilityFix(Environment.ProcessPath)}; " +
                "'midi-sampler check' shows what stands in the way");
        }
    }

    /// <summary>A new sampler at the new rate with every instrument compiled for it. Called under the control lock.</summary>
    private void RebuildAt(int sampleRate)
    {
        var fresh = CreateSampler(sampleRate, _sampler.MasterGainDb, _controls.Slots.Distinct());
        fresh.SetInstruments(_controls.Slots.All());

        Volatile.Write(ref _sampler, fresh);
        Interlocked.Increment(ref _sampleRateChanges);
    }

    private void MakeConnections()
    {
        if (_options.ConnectPhysical)
        {
            var playback = _client.GetPorts(null, midi: false, JackPortFlags.JackPortIsPhysical | JackPortFlags.JackPortIsInput);
            if (playback.Count == 0)
                _warnings.Add("--connect: the server has no physical playback ports");
            for (int i = 0; i < OutputPorts.Count && playback.Count > 0; i++)
                Connect(OutputPorts[i], playback[Math.Min(i, playback.Count - 1)]);
            var midiSources = _client.GetPorts(null, midi: true, JackPortFlags.JackPortIsPhysical | JackPortFlags.JackPortIsOutput);
            if (midiSources.Count == 0)
            {
                _warnings.Add("--connect: the JACK server has no physical MIDI source, so no keyboard is connected to midi_in. A USB or " +
                    "ALSA MIDI device reaches jackd only with its ALSA MIDI bridge ('jackd ... -d alsa ... -X seq', a driver option) or a2jmidid ('a2jmidid -e'); " +
                    "with PipeWire, connect the device to midi_in in its graph. Or name a source with --midi-connect PATTERN (docs/jack.md)");
            }

            foreach (var source in midiSources)
                Connect(source, MidiInputPort);
        }

        foreach (var pattern in _options.MidiConnectPatterns)
        {
            var sources = _client.GetPorts(pattern, midi: true, JackPortFlags.JackPortIsOutput);
            if (sources.Count == 0)
                _warnings.Add($"--midi-connect '{pattern}': no JACK MIDI output port matches");
            foreach (var source in sources)
            {
                if (!string.Equals(source, MidiInputPort, StringComparison.Ordinal))
                    Connect(source, MidiInputPort);
            }
        }
    }

    private void Connect(string source, string destination)
    {
        _client.Connect(source, destination);
        _connections.Add($"{source} -> {destination}");
    }
}

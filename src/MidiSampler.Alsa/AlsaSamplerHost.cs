using System.Runtime.InteropServices;
using MidiSampler.Engine;
using MidiSampler.Hosting;
using MidiSampler.Model;
using MidiSampler.Realtime;
using MidiSampler.Rendering;

namespace MidiSampler.Alsa;

/// <summary>
/// Plays a <see cref="Sampler"/> through an ALSA playback PCM from an audio thread of its own: no JACK server needed
/// (a Raspberry Pi running as a synth module). Live MIDI comes from an <see cref="ArrivalScheduler"/> (the ALSA
/// sequencer input), a song from a <see cref="LiveSongPlayer"/>; both apply at exact frames.
/// </summary>
/// <remarks>
/// Design: one thread, at SCHED_FIFO when asked, loops render → convert → blocking <c>snd_pcm_writei</c>; the write
/// returns when the device has consumed a period, which paces the loop like a JACK process callback. Each period is
/// rendered in chunks that end at the song's next block boundary (see <see cref="SongSchedule.Fill"/>) and at the
/// sampler's block bound, with the song's and the live events merged in frame order. The buffers (planar floats and
/// the device's interleaved bytes) are native memory allocated once. An underrun is recovered in the loop and counted;
/// an unrecoverable write error (the USB interface was unplugged) ends the loop with its errno, and the host's worker
/// thread turns it into <see cref="ShutdownReason"/> and signals <see cref="ShutdownWaitHandle"/> (text is formatted
/// there, never on the audio thread). The worker also frees retired instruments and notices the end of a song.
/// Control operations go through <see cref="HostControls"/>, serialised by one lock the audio thread never takes.
/// </remarks>
public sealed unsafe class AlsaSamplerHost : ILiveHost
{
    private readonly AlsaHostOptions _options;
    private readonly HostControls _controls;
    private readonly MidiEvent[] _events;
    private readonly List<string> _warnings = [];
    private readonly ManualResetEvent _shutdown = new(initialState: false);
    private readonly ManualResetEvent _songEnded = new(initialState: false);
    private readonly ManualResetEvent _audioReady = new(initialState: false);
    private readonly AutoResetEvent _wake = new(initialState: false);
    private readonly PcmOutput _pcm;
    private readonly Sampler _sampler;
    private readonly LiveSongPlayer? _song;
    private readonly ArrivalScheduler? _live;
    private readonly Thread _audio;
    private readonly Thread _worker;
    private readonly float* _left;
    private readonly float* _right;
    private readonly byte* _bytes;
    private volatile bool _stopping;
    private volatile bool _workerStopping;
    private volatile string? _shutdownReason;
    private string? _realtimeProblem;
    private int _lostError;
    private long _xruns;
    private long _cycles;
    private int _probeReset;
    private long _allocatedBaseline;
    private long _allocatedLatest;
    private bool _disposed;

    private AlsaSamplerHost(AlsaHostOptions options)
    {
        _options = options;
        _controls = new HostControls(() => Sampler);
        _pcm = PcmOutput.Open(options.Device, options.SampleRate, options.PeriodFrames, options.Periods);
        try
        {
            var grant = _pcm.Grant;
            if (grant.SampleRate != options.SampleRate)
                _warnings.Add(FormattableString.Invariant($"ALSA device '{options.Device}' granted {grant.SampleRate} Hz instead of {options.SampleRate} Hz: the sampler runs at {grant.SampleRate} Hz"));
            _events = new MidiEvent[Math.Max(options.MaxEventsPerPeriod, SongSchedule.ReleaseEventCount)];
            _sampler = new Sampler(new SamplerConfig
            {
                SampleRate = grant.SampleRate,
                OutputChannels = 2,
                MaxPolyphony = options.Polyphony,
                MaxBlockFrames = options.MaxBlockFrames,
                MaxEventsPerBlock = _events.Length,
                MasterGainDb = options.GainDb,
                EffectsEnabled = options.EffectsEnabled,
                ChannelMeters = options.ChannelMeters,
            });
            _sampler.WarmUp();
            _song = options.CreateSongPlayer(grant.SampleRate);
            _live = options.LiveMidi;
            _left = (float*)NativeMemory.AlignedAlloc((nuint)(grant.PeriodFrames * sizeof(float)), 64);
            _right = (float*)NativeMemory.AlignedAlloc((nuint)(grant.PeriodFrames * sizeof(float)), 64);
            _bytes = PcmOutput.AllocateBuffer(grant.PeriodFrames * _pcm.FrameBytes);
        }
        catch
        {
            _pcm.Dispose();
            throw;
        }

        _audio = new Thread(AudioLoop, 1024 * 1024) { IsBackground = true, Name = "alsa audio" };
        _worker = new Thread(WorkerLoop) { IsBackground = true, Name = "alsa-host control" };
    }

    /// <inheritdoc/>
    public string Backend => "ALSA";

    /// <inheritdoc/>
    public string ClientName => _options.Device;

    /// <summary>What the device granted (format, rate, period, buffer). Any thread.</summary>
    public PcmGrant Grant => _pcm.Grant;

    /// <inheritdoc/>
    public int SampleRate => _pcm.Grant.SampleRate;

    /// <inheritdoc/>
    public int BufferSizeFrames => _pcm.Grant.PeriodFrames;

    /// <inheritdoc/>
    public Sampler Sampler => _sampler;

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <inheritdoc/>
    public WaitHandle ShutdownWaitHandle => _shutdown;

    /// <inheritdoc/>
    public string? ShutdownReason => _shutdownReason;

    /// <summary>Signalled once the song has played to its end and every voice has finished (never without a song). Any thread.</summary>
    public WaitHandle SongEndedWaitHandle => _songEnded;

    /// <inheritdoc/>
    public MidiDecoderCounters MidiCounters => _live?.Decoder.Counters ?? default;

    /// <summary>Periods written so far. Any thread.</summary>
    public long ProcessCycles => Volatile.Read(ref _cycles);

    /// <summary>Bytes the audio thread allocated since the last <see cref="ResetAllocationProbe"/> (expected: 0).</summary>
    internal long AudioThreadAllocatedBytes => Volatile.Read(ref _allocatedLatest) - Volatile.Read(ref _allocatedBaseline);

    /// <summary>Starts the probe of the audio thread's allocations from now (tests).</summary>
    internal void ResetAllocationProbe() => Volatile.Write(ref _probeReset, 1);

    /// <summary>Underruns recovered so far. Any thread.</summary>
    public long Xruns => Volatile.Read(ref _xruns);

    /// <summary>The audio thread's scheduling, as it reported it once started. Any thread.</summary>
    public ThreadScheduling AudioThreadScheduling { get; private set; }

    /// <inheritdoc/>
    public double GainDb
    {
        get => _controls.GainDb;
        set => _controls.GainDb = value;
    }

    /// <summary>
    /// Opens the device, negotiates its configuration, creates the sampler at the granted rate (warmed up) and
    /// starts the audio thread. Control thread.
    /// </summary>
    /// <exception cref="AlsaException">The device is missing, busy or offers nothing usable: the message names it.</exception>
    public static AlsaSamplerHost Start(AlsaHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PeriodFrames, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Periods, 2);
        var host = new AlsaSamplerHost(options);
        host._worker.Start();
        host._audio.Start();
        host._audioReady.WaitOne(TimeSpan.FromSeconds(5));
        if (host._realtimeProblem is { } problem)
            host._warnings.Add(problem);
        return host;
    }

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    public void Panic() => _controls.Panic();

    /// <inheritdoc/>
    public SamplerStats GetStats() => _controls.GetStats(Volatile.Read(ref _xruns), _live?.DroppedEvents ?? 0);

    /// <inheritdoc/>
    public void Stop()
    {
        if (_stopping)
            return;
        if (_shutdownReason is null && ProcessCycles > 0)
        {
            Panic();

            // The fade (at most 5 ms) is rendered within two periods, then it must play out of the buffer.
            var grant = _pcm.Grant;
            int waitMs = Math.Clamp((int)Math.Ceiling((1000.0 * ((2 * grant.PeriodFrames) + grant.BufferFrames) / grant.SampleRate) + 10), 10, 1000);
            long target = ProcessCycles + 2 + grant.Periods;
            long deadline = Environment.TickCount64 + waitMs;
            while (ProcessCycles < target && Environment.TickCount64 < deadline && _shutdownReason is null)
                Thread.Sleep(1);
        }

        _stopping = true;
        if (_audio.IsAlive)
            _audio.Join(TimeSpan.FromSeconds(5));
        _pcm.Drop();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Stop();
        _workerStopping = true;
        _wake.Set();
        if (_worker.IsAlive)
            _worker.Join(TimeSpan.FromSeconds(5));
        _pcm.Dispose();
        if (!_audio.IsAlive)
        {
            NativeMemory.AlignedFree(_left);
            NativeMemory.AlignedFree(_right);
            NativeMemory.AlignedFree(_bytes);
        }

        _sampler.Dispose();
        _wake.Dispose();
        _shutdown.Dispose();
        _songEnded.Dispose();
        _audioReady.Dispose();
    }

    private void AudioLoop()
    {
        if (_options.RealtimePriority is int priority)
        {
            var result = RealtimeSupport.EnableRealtime(priority, lockMemory: false);
            if (!result.Scheduling)
                _realtimeProblem = $"the ALSA audio thread keeps normal scheduling: {string.Join("; ", result.Problems)}";
        }

        AudioThreadScheduling = RealtimeSupport.GetCurrentThreadScheduling();
        _audioReady.Set();
        var grant = _pcm.Grant;
        int period = grant.PeriodFrames, rate = grant.SampleRate;
        var left = new Span<float>(_left, period);
        var right = new Span<float>(_right, period);
        var bytes = new Span<byte>(_bytes, period * _pcm.FrameBytes);
        long cycle = 0;
        while (!_stopping)
        {
            _live?.BeginPeriod(RealtimeClock.NowNanoseconds(), period, rate);
            RenderPeriod(left, right, period);
            PcmSampleWriter.Write(left, right, _pcm.Format, grant.Channels, bytes);
            if (_options.StallEveryPeriods > 0 && cycle > 0 && cycle % _options.StallEveryPeriods == 0)
                Thread.Sleep(_options.StallMilliseconds); // tests only: an audio thread made late on purpose

            var written = _pcm.Write(_bytes, period, out int error);
            if (written == PcmWriteResult.RecoveredXrun)
            {
                Interlocked.Increment(ref _xruns);
                _sampler.ReportXrun();
            }
            else if (written == PcmWriteResult.DeviceLost)
            {
                Volatile.Write(ref _lostError, error);
                _wake.Set();
                break;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread();
            if (Volatile.Read(ref _probeReset) != 0)
            {
                Volatile.Write(ref _allocatedBaseline, allocated);
                Volatile.Write(ref _probeReset, 0);
            }

            Volatile.Write(ref _allocatedLatest, allocated);
            cycle++;
            Volatile.Write(ref _cycles, cycle);
        }
    }

    /// <summary>One period in chunks: each ends where the song's events or the block bound require. Audio thread.</summary>
    private void RenderPeriod(Span<float> left, Span<float> right, int period)
    {
        int done = 0;
        int maxBlock = _sampler.Config.MaxBlockFrames;
        var events = _events.AsSpan();
        while (done < period)
        {
            int length = Math.Min(period - done, maxBlock);
            int count = 0;
            if (_song is { } song)
                count = song.Fill(ref length, events);
            if (_live is { } live)
            {
                int before = count;
                count += live.Take(done, length, events[count..]);
                if (before > 0 && count > before)
                    MidiEventOrder.SortByOffset(events[..count]);
            }

            // The tempo: a MIDI clock on the sequencer input, else the song's tempo map, else 120 BPM.
            _sampler.TempoBpm = LiveTempo.Choose(double.NaN, _live?.ClockTempoBpm(RealtimeClock.NowNanoseconds()) ?? double.NaN,
                _song is { IsStarted: true } playing ? playing.TempoBpm : double.NaN);
            _sampler.ProcessPlanar(left.Slice(done, length), right.Slice(done, length), length, events[..count]);
            _song?.Advance(length, _sampler.GetStats().ActiveVoices);
            done += length;
        }
    }

    private void WorkerLoop()
    {
        while (!_workerStopping)
        {
            _wake.WaitOne(TimeSpan.FromMilliseconds(50));
            int lost = Volatile.Read(ref _lostError);
            if (lost != 0 && _shutdownReason is null)
            {
                _shutdownReason = PcmOutput.ErrorText(lost) + (lost == -19 ? " (unplugged?)" : "");
                _shutdown.Set();
            }

            if (_song is { IsFinished: true })
                _songEnded.Set();
            _controls.CollectRetired();
        }
    }
}

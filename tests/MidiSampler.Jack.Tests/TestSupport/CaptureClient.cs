using MidiSampler.Jack.Native;

namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// A test JACK client with one audio input that, while recording, notes the absolute JACK frame time
/// (<c>jack_last_frame_time</c> + index) of every onset: a sample whose magnitude rises above a
/// threshold after one at or below it (the previous sample carried across periods). With
/// <c>recordFrames</c> it also keeps the raw samples (into a buffer allocated up front) for waveform checks.
/// </summary>
internal sealed unsafe class CaptureClient : IJackProcessor, IDisposable
{
    private const float Threshold = 1e-4f;

    private readonly JackClient _client;
    private readonly jack_port_t* _port;
    private readonly long[] _onsets = new long[8192];
    private readonly float[] _onsetLevels = new float[8192];
    private readonly float[] _samples;
    private int _sampleCount;
    private long _firstRecordedFrame = -1;
    private int _onsetCount;
    private int _recording;
    private long _recordedCycles;
    private long _xruns;
    private float _previous;

    public CaptureClient(string name, int recordFrames = 0)
    {
        _samples = new float[recordFrames];
        _client = JackClient.Open(name, noStartServer: true, this);
        _port = _client.RegisterPort("in", midi: false, input: true);
        InputPort = JackClient.PortName(_port);
        _client.Activate();
    }

    public string InputPort { get; }

    public JackClient Client => _client;

    public long RecordedCycles => Volatile.Read(ref _recordedCycles);

    /// <summary>The xruns the server reported to this client since it opened (every client hears of every xrun).</summary>
    public long Xruns => Interlocked.Read(ref _xruns);

    void IJackProcessor.OnXrun() => Interlocked.Increment(ref _xruns);

    public void StartRecording() => Volatile.Write(ref _recording, 1);

    public void StopRecording() => Volatile.Write(ref _recording, 0);

    public long[] Onsets() => _onsets.AsSpan(0, Volatile.Read(ref _onsetCount)).ToArray();

    /// <summary>The raw samples recorded so far (empty unless constructed with recordFrames).</summary>
    public float[] Samples() => _samples.AsSpan(0, Volatile.Read(ref _sampleCount)).ToArray();

    /// <summary>The JACK frame time of <see cref="Samples"/>[0], or -1.</summary>
    public long FirstRecordedFrame => Volatile.Read(ref _firstRecordedFrame);

    public float[] OnsetLevels() => _onsetLevels.AsSpan(0, Volatile.Read(ref _onsetCount)).ToArray();

    public int Process(int frames)
    {
        var input = new ReadOnlySpan<float>(LibJack.jack_port_get_buffer(_port, (uint)frames), frames);
        if (Volatile.Read(ref _recording) == 0)
        {
            _previous = frames > 0 ? MathF.Abs(input[frames - 1]) : 0;
            return 0;
        }

        long start = JackClient.LastFrameTime(_client.Pointer);
        int room = Math.Min(frames, _samples.Length - _sampleCount);
        if (room > 0)
        {
            if (_sampleCount == 0)
                Volatile.Write(ref _firstRecordedFrame, start);
            input[..room].CopyTo(_samples.AsSpan(_sampleCount));
            Volatile.Write(ref _sampleCount, _sampleCount + room);
        }

        float previous = _previous;
        for (int i = 0; i < input.Length; i++)
        {
            float x = MathF.Abs(input[i]);
            if (x > Threshold && previous <= Threshold && _onsetCount < _onsets.Length)
            {
                _onsets[_onsetCount] = start + i;
                _onsetLevels[_onsetCount] = input[i];
                Volatile.Write(ref _onsetCount, _onsetCount + 1);
            }

            previous = x;
        }

        _previous = previous;
        Volatile.Write(ref _recordedCycles, _recordedCycles + 1);
        return 0;
    }

    public void Dispose() => _client.Dispose();
}

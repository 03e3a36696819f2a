using MidiSampler.Jack.Native;

namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// A test JACK client with one MIDI output that plays a fixed script once <see cref="Start"/> is called: each message
/// (any length: SysEx included) at its period, counted from the first period after the start, and its frame inside
/// that period. It records the absolute JACK frame time of the script's first period (<c>jack_last_frame_time</c>), the
/// time base the capture client uses too, so every message's absolute frame is known.
/// </summary>
internal sealed unsafe class MidiScriptClient : IJackProcessor, IDisposable
{
    private readonly JackClient _client;
    private readonly jack_port_t* _port;
    private readonly (int Period, int Frame, byte[] Bytes)[] _script;
    private int _started;
    private int _period = -1;
    private int _next;
    private long _startFrame = -1;
    private int _failedWrites;

    /// <param name="name">The client name.</param>
    /// <param name="script">The messages in time order: period index from the start, frame inside it, raw bytes.</param>
    public MidiScriptClient(string name, IReadOnlyList<(int Period, int Frame, byte[] Bytes)> script)
    {
        _script = [.. script];
        _client = JackClient.Open(name, noStartServer: true, this);
        _port = _client.RegisterPort("midi_out", midi: true, input: false);
        OutputPort = JackClient.PortName(_port);
        _client.Activate();
    }

    public string OutputPort { get; }

    public JackClient Client => _client;

    /// <summary>The absolute frame of the script's period 0, or -1 before it ran.</summary>
    public long StartFrame => Volatile.Read(ref _startFrame);

    /// <summary>True once every message was written.</summary>
    public bool Done => Volatile.Read(ref _next) == _script.Length;

    /// <summary>Messages JACK refused to write (a full port buffer).</summary>
    public int FailedWrites => Volatile.Read(ref _failedWrites);

    public void Start() => Volatile.Write(ref _started, 1);

    public int Process(int frames)
    {
        void* buffer = LibJack.jack_port_get_buffer(_port, (uint)frames);
        LibJack.jack_midi_clear_buffer(buffer);
        if (Volatile.Read(ref _started) == 0)
            return 0;
        int period = ++_period;
        if (period == 0)
            Volatile.Write(ref _startFrame, JackClient.LastFrameTime(_client.Pointer));
        while (_next < _script.Length && _script[_next].Period == period)
        {
            var (_, frame, bytes) = _script[_next];
            fixed (byte* data = bytes)
            {
                if (LibJack.jack_midi_event_write(buffer, (uint)frame, data, (nuint)bytes.Length) != 0)
                    Interlocked.Increment(ref _failedWrites);
            }

            Volatile.Write(ref _next, _next + 1);
        }

        return 0;
    }

    public void Dispose() => _client.Dispose();
}

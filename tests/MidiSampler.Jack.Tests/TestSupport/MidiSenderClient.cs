using MidiSampler.Jack.Native;

namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// A test JACK client with one MIDI output that, once <see cref="StartSending"/> is called, writes a
/// note-on every <c>intervalCycles</c> periods at a chosen frame inside the period (the first frame,
/// the last frame, or a pseudo-random one) and records the absolute JACK frame time of each
/// (<c>jack_last_frame_time</c> + offset): the time base the capture client uses too.
/// </summary>
internal sealed unsafe class MidiSenderClient : IJackProcessor, IDisposable
{
    private readonly JackClient _client;
    private readonly jack_port_t* _port;
    private readonly long[] _sentFrames = new long[8192];
    private readonly int _intervalCycles;
    private readonly byte _key;
    private int _sentCount;
    private int _sending;
    private long _cycle;
    private uint _random = 12345;
    private bool _noteOffPending;

    public MidiSenderClient(string name, int intervalCycles, byte key = 60)
    {
        _intervalCycles = intervalCycles;
        _key = key;
        _client = JackClient.Open(name, noStartServer: true, this);
        _port = _client.RegisterPort("midi_out", midi: true, input: false);
        OutputPort = JackClient.PortName(_port);
        _client.Activate();
    }

    public string OutputPort { get; }

    public JackClient Client => _client;

    public void StartSending() => Volatile.Write(ref _sending, 1);

    public void StopSending() => Volatile.Write(ref _sending, 0);

    /// <summary>Absolute frame times of the note-ons written so far.</summary>
    public long[] SentFrames() => _sentFrames.AsSpan(0, Volatile.Read(ref _sentCount)).ToArray();

    public int Process(int frames)
    {
        void* buffer = LibJack.jack_port_get_buffer(_port, (uint)frames);
        LibJack.jack_midi_clear_buffer(buffer);
        byte* message = stackalloc byte[3];
        if (_noteOffPending)
        {
            message[0] = 0x80;
            message[1] = _key;
            message[2] = 64;
            _ = LibJack.jack_midi_event_write(buffer, 0, message, 3);
            _noteOffPending = false;
        }

        long cycle = _cycle++;
        if (Volatile.Read(ref _sending) == 0 || cycle % _intervalCycles != 0 || _sentCount == _sentFrames.Length)
            return 0;

        _random = (_random * 1664525) + 1013904223;
        int offset = (_sentCount % 4) switch
        {
            0 => 0,
            1 => frames - 1,
            _ => (int)((_random >> 8) % (uint)frames),
        };
        message[0] = 0x90;
        message[1] = _key;
        message[2] = 127;
        if (LibJack.jack_midi_event_write(buffer, (uint)offset, message, 3) == 0)
        {
            _sentFrames[_sentCount] = JackClient.LastFrameTime(_client.Pointer) + (long)offset;
            Volatile.Write(ref _sentCount, _sentCount + 1);
            _noteOffPending = true;
        }

        return 0;
    }

    public void OnXrun()
    {
    }

    public void OnBufferSize(int frames)
    {
    }

    public void OnSampleRate(int sampleRateHz)
    {
    }

    public void OnShutdown(string reason)
    {
    }

    public void Dispose() => _client.Dispose();
}

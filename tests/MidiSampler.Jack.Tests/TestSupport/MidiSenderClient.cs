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
    private int _stallMilliseconds;
    private int _programChange = -1;
    private int _oneShot = -1;
    private int _maxOffsetFrames = -1;

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

    /// <summary>The latest frame within a period at which a note was written (the period's last frame, once a few were sent).</summary>
    public int MaxOffsetFrames => Volatile.Read(ref _maxOffsetFrames);

    public void StartSending() => Volatile.Write(ref _sending, 1);

    public void StopSending() => Volatile.Write(ref _sending, 0);

    /// <summary>Writes a program change on channel 1 at the first frame of the next period.</summary>
    public void SendProgramChange(int program) => Volatile.Write(ref _programChange, program & 127);

    /// <summary>Writes one 3-byte channel message (e.g. a note-on with no note-off) at the first frame of the next period.</summary>
    public void SendOnce(byte status, byte data1, byte data2) => Volatile.Write(ref _oneShot, status | (data1 << 8) | (data2 << 16));

    /// <summary>True once the message of <see cref="SendOnce"/> has been written.</summary>
    public bool OneShotSent => Volatile.Read(ref _oneShot) == -1;

    /// <summary>Makes the next period overrun its deadline by sleeping in the process callback (provokes an xrun).</summary>
    public void StallOnce(int milliseconds) => Volatile.Write(ref _stallMilliseconds, milliseconds);

    /// <summary>Absolute frame times of the note-ons written so far.</summary>
    public long[] SentFrames() => _sentFrames.AsSpan(0, Volatile.Read(ref _sentCount)).ToArray();

    public int Process(int frames)
    {
        int stall = Interlocked.Exchange(ref _stallMilliseconds, 0);
        if (stall > 0)
            Thread.Sleep(stall); // a test client may block; the sampler never does
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

        int program = Interlocked.Exchange(ref _programChange, -1);
        if (program >= 0)
        {
            message[0] = 0xC0;
            message[1] = (byte)program;
            _ = LibJack.jack_midi_event_write(buffer, 0, message, 2);
        }

        int once = Volatile.Read(ref _oneShot);
        if (once >= 0)
        {
            message[0] = (byte)once;
            message[1] = (byte)(once >> 8);
            message[2] = (byte)(once >> 16);
            _ = LibJack.jack_midi_event_write(buffer, 0, message, 3);
            Volatile.Write(ref _oneShot, -1);
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
            if (offset > _maxOffsetFrames)
                Volatile.Write(ref _maxOffsetFrames, offset);
        }

        return 0;
    }

    public void Dispose() => _client.Dispose();
}

using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using MidiSampler.Alsa.Native;
using MidiSampler.Engine;
using MidiSampler.Hosting;
using MidiSampler.Realtime;

namespace MidiSampler.Alsa;

/// <summary>
/// MIDI input from the ALSA sequencer: a client (named like the JACK client) with one writable port <c>midi_in</c>.
/// Every event is stamped on arrival and handed to an <see cref="ArrivalScheduler"/>, which the audio thread (ALSA or
/// JACK) applies one period later at its exact frame.
/// </summary>
/// <remarks>
/// Design: a reader thread polls the client's descriptors and drains its events (non-blocking mode, so that it can be
/// stopped); each is stamped with CLOCK_MONOTONIC the moment it is read, before any translation, then translated by
/// <see cref="SeqEventTranslator"/>. With <c>--connect</c> every hardware MIDI source (a USB keyboard; not the system
/// client nor "Midi Through") is subscribed at start; with <c>--midi-connect PATTERN</c> every readable port whose
/// "client:port" names match. The port also subscribes the system announce port (0:1), so a keyboard plugged in
/// later announces its port (SND_SEQ_EVENT_PORT_START) and is connected at once by the same rules — what FluidSynth's
/// <c>-o midi.autoconnect</c> does only at start. Messages (a port connected) go to <see cref="Message"/>.
/// </remarks>
public sealed unsafe class SeqMidiInput : IDisposable
{
    private const int EAGAIN = 11;
    private readonly SeqHandle _seq;
    private readonly snd_seq_t* _pointer;
    private readonly ArrivalScheduler _target;
    private readonly SeqEventTranslator _translator;
    private readonly bool _connectHardware;
    private readonly Regex[] _patterns;
    private readonly List<string> _warnings = [];
    private readonly List<SeqPort> _connected = [];
    private readonly Thread _reader;
    private volatile bool _stopping;
    private long _received;

    private SeqMidiInput(SeqHandle seq, ArrivalScheduler target, bool connectHardware, IReadOnlyList<string> patterns)
    {
        _seq = seq;
        _pointer = seq.Pointer;
        _target = target;
        _translator = new SeqEventTranslator(target.Decoder);
        _connectHardware = connectHardware;
        _patterns = patterns.Select(p => new Regex(p, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)).ToArray();
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "alsa-seq reader" };
    }

    /// <summary>The sequencer client number. Any thread.</summary>
    public int ClientId { get; private set; }

    /// <summary>The port number of <c>midi_in</c>. Any thread.</summary>
    public int PortId { get; private set; }

    /// <summary>The client name registered. Any thread.</summary>
    public string ClientName { get; private set; } = "";

    /// <summary>"client:port" of <c>midi_in</c>, as aconnect takes it. Any thread.</summary>
    public string Address => FormattableString.Invariant($"{ClientId}:{PortId}");

    /// <summary>Sources connected at start. Control thread.</summary>
    public IReadOnlyList<SeqPort> Connected => _connected;

    /// <summary>What did not work (a pattern matching no port). Control thread.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Sequencer events read so far. Any thread.</summary>
    public long ReceivedEvents => Volatile.Read(ref _received);

    /// <summary>Called on the reader thread with a line for the user (a hot-plugged keyboard connected).</summary>
    public Action<string>? Message { get; set; }

    /// <summary>
    /// Opens the sequencer as <paramref name="clientName"/>, creates <c>midi_in</c>, subscribes the announce port and
    /// the sources asked for, and starts reading into <paramref name="target"/>. Control thread.
    /// </summary>
    /// <exception cref="AlsaException">The sequencer cannot be opened (no /dev/snd/seq: the snd-seq module is not loaded).</exception>
    /// <exception cref="ArgumentException">A pattern is not a valid regular expression.</exception>
    public static SeqMidiInput Open(string clientName, ArrivalScheduler target, bool connectHardware, IReadOnlyList<string> patterns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientName);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patterns);
        LibAsound.Bind();
        int error = LibAsound.snd_seq_open(out var seq, "default", LibAsound.SND_SEQ_OPEN_DUPLEX, LibAsound.SND_SEQ_NONBLOCK);
        if (error < 0)
        {
            seq.Dispose();
            throw new AlsaException($"cannot open the ALSA sequencer: {LibAsound.ErrorText(error)} (is /dev/snd/seq there? `modprobe snd-seq`)") { Error = error };
        }

        SeqMidiInput? input = null;
        try
        {
            input = new SeqMidiInput(seq, target, connectHardware, patterns);
            input.Setup(clientName);
            input._reader.Start();
            return input;
        }
        catch
        {
            if (input is null)
                seq.Dispose();
            else
                input.Dispose();
            throw;
        }
    }

    /// <summary>Every readable port of the sequencer, for reports (<c>check</c>) and matching. Control thread.</summary>
    public IReadOnlyList<SeqPort> ListSources() => ListSources(_pointer);

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping = true;
        if (_reader.IsAlive)
            _reader.Join(TimeSpan.FromSeconds(2));
        _seq.Dispose();
        _translator.Dispose();
    }

    private static IReadOnlyList<SeqPort> ListSources(snd_seq_t* seq)
    {
        var result = new List<SeqPort>();
        AlsaException.Check(LibAsound.snd_seq_client_info_malloc(out var clientInfo), "snd_seq_client_info_malloc");
        AlsaException.Check(LibAsound.snd_seq_port_info_malloc(out var portInfo), "snd_seq_port_info_malloc");
        using (clientInfo)
        using (portInfo)
        {
            LibAsound.snd_seq_client_info_set_client(clientInfo.Pointer, -1);
            while (LibAsound.snd_seq_query_next_client(seq, clientInfo.Pointer) >= 0)
            {
                int client = LibAsound.snd_seq_client_info_get_client(clientInfo.Pointer);
                string clientName = Marshal.PtrToStringUTF8((nint)LibAsound.snd_seq_client_info_get_name(clientInfo.Pointer)) ?? "";
                LibAsound.snd_seq_port_info_set_client(portInfo.Pointer, client);
                LibAsound.snd_seq_port_info_set_port(portInfo.Pointer, -1);
                while (LibAsound.snd_seq_query_next_port(seq, portInfo.Pointer) >= 0)
                {
                    if (Describe(client, clientName, portInfo.Pointer) is { } port)
                        result.Add(port);
                }
            }
        }

        return result;
    }

    /// <summary>A readable, subscribable port, or null.</summary>
    private static SeqPort? Describe(int client, string clientName, snd_seq_port_info_t* info)
    {
        uint caps = LibAsound.snd_seq_port_info_get_capability(info);
        const uint readable = LibAsound.SND_SEQ_PORT_CAP_READ | LibAsound.SND_SEQ_PORT_CAP_SUBS_READ;
        if ((caps & readable) != readable || (caps & LibAsound.SND_SEQ_PORT_CAP_NO_EXPORT) != 0)
            return null;
        uint type = LibAsound.snd_seq_port_info_get_type(info);
        string portName = Marshal.PtrToStringUTF8((nint)LibAsound.snd_seq_port_info_get_name(info)) ?? "";
        return new SeqPort(client, LibAsound.snd_seq_port_info_get_port(info), clientName, portName, (type & LibAsound.SND_SEQ_PORT_TYPE_HARDWARE) != 0);
    }

    private void Setup(string clientName)
    {
        AlsaException.Check(LibAsound.snd_seq_set_client_name(_pointer, clientName), $"cannot name the ALSA sequencer client '{clientName}'");
        ClientName = clientName;
        ClientId = AlsaException.Check(LibAsound.snd_seq_client_id(_pointer), "snd_seq_client_id");
        PortId = AlsaException.Check(
            LibAsound.snd_seq_create_simple_port(_pointer, "midi_in", LibAsound.SND_SEQ_PORT_CAP_WRITE | LibAsound.SND_SEQ_PORT_CAP_SUBS_WRITE,
                LibAsound.SND_SEQ_PORT_TYPE_MIDI_GENERIC | LibAsound.SND_SEQ_PORT_TYPE_APPLICATION),
            "cannot create the ALSA sequencer port midi_in");

        // Port announcements (a keyboard plugged in later) arrive on midi_in like any event.
        if (_connectHardware || _patterns.Length > 0)
        {
            if (LibAsound.snd_seq_connect_from(_pointer, PortId, LibAsound.SND_SEQ_CLIENT_SYSTEM, LibAsound.SND_SEQ_PORT_SYSTEM_ANNOUNCE) < 0)
                _warnings.Add("cannot subscribe the ALSA sequencer's announce port: keyboards plugged in later are not connected automatically");
        }

        var matched = new bool[_patterns.Length];
        foreach (var port in ListSources(_pointer))
        {
            if (Wanted(port, matched) && Connect(port))
                _connected.Add(port);
        }

        for (int i = 0; i < _patterns.Length; i++)
        {
            if (!matched[i])
                _warnings.Add($"--midi-connect '{_patterns[i]}': no ALSA sequencer port matches yet (one that appears later is connected)");
        }
    }

    /// <summary>Whether a source should be connected: a hardware port with --connect, or one a pattern matches.</summary>
    private bool Wanted(SeqPort port, bool[]? matched)
    {
        if (port.Client == ClientId || port.Client == LibAsound.SND_SEQ_CLIENT_SYSTEM)
            return false;
        bool wanted = _connectHardware && port.IsHardware;
        string name = $"{port.ClientName}:{port.PortName}";
        for (int i = 0; i < _patterns.Length; i++)
        {
            if (_patterns[i].IsMatch(name))
            {
                wanted = true;
                if (matched is not null)
                    matched[i] = true;
            }
        }

        return wanted;
    }

    private bool Connect(SeqPort port) => LibAsound.snd_seq_connect_from(_pointer, PortId, port.Client, port.Port) >= 0;

    private void ReadLoop()
    {
        int count = LibAsound.snd_seq_poll_descriptors_count(_pointer, PollFd.POLLIN);
        var fds = stackalloc PollFd[Math.Clamp(count, 1, 8)];
        int used = LibAsound.snd_seq_poll_descriptors(_pointer, fds, (uint)Math.Clamp(count, 1, 8), PollFd.POLLIN);
        Span<MidiEvent> decoded = stackalloc MidiEvent[SeqEventTranslator.MaxEventsPerSeqEvent];
        while (!_stopping)
        {
            if (LibAsound.poll(fds, (nuint)Math.Max(used, 0), 200) <= 0)
                continue;
            while (!_stopping)
            {
                snd_seq_event_t* ev = null;
                int result = LibAsound.snd_seq_event_input(_pointer, &ev);
                if (result == -EAGAIN || ev is null)
                    break;
                long now = RealtimeClock.NowNanoseconds();
                Interlocked.Increment(ref _received);
                if (ev->type is (byte)SeqEventType.PortStart)
                {
                    try
                    {
                        OnPortStart(ev->channel, ev->note); // data.addr: client, port
                    }
                    catch (AlsaException e)
                    {
                        Message?.Invoke($"ALSA MIDI: a new port could not be examined: {e.Message}");
                    }

                    continue;
                }

                if (ev->type is (byte)SeqEventType.Clock)
                    _target.PostClock(now); // a tempo source for the host (ArrivalScheduler.ClockTempoBpm)

                int n = _translator.Translate(ev, decoded);
                for (int i = 0; i < n; i++)
                    _target.Post(decoded[i], now);
            }
        }
    }

    /// <summary>A port appeared (the announce port): connect it when the rules want it. The reader thread.</summary>
    private void OnPortStart(int client, int port)
    {
        AlsaException.Check(LibAsound.snd_seq_client_info_malloc(out var clientInfo), "snd_seq_client_info_malloc");
        AlsaException.Check(LibAsound.snd_seq_port_info_malloc(out var portInfo), "snd_seq_port_info_malloc");
        using (clientInfo)
        using (portInfo)
        {
            if (LibAsound.snd_seq_get_any_client_info(_pointer, client, clientInfo.Pointer) < 0
                || LibAsound.snd_seq_get_any_port_info(_pointer, client, port, portInfo.Pointer) < 0)
            {
                return;
            }

            string clientName = Marshal.PtrToStringUTF8((nint)LibAsound.snd_seq_client_info_get_name(clientInfo.Pointer)) ?? "";
            if (Describe(client, clientName, portInfo.Pointer) is { } source && Wanted(source, null))
                Message?.Invoke(Connect(source) ? $"ALSA MIDI: connected {source} (plugged in)" : $"ALSA MIDI: cannot connect {source}");
        }
    }
}

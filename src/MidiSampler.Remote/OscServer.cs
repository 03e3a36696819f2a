using System.Net;
using System.Net.Sockets;
using MidiSampler.Hosting;
using MidiSampler.Remote.Osc;

namespace MidiSampler.Remote;

/// <summary>
/// OSC over UDP (docs/remote.md, "OSC address space"): the web API's operations under <c>/ms/</c>, each answered to
/// the sender with <c>/ms/reply</c>, and <c>/ms/status</c> answered with the figures.
/// </summary>
/// <remarks>
/// Design: one receiver thread (a control thread) decodes with our <see cref="OscCodec"/> and runs the command
/// through <see cref="RemoteOperations"/>, the same path as the web and the console. Packets over
/// <see cref="RemoteOptions.MaxOscPacketBytes"/> are dropped, as are those over the per-address rate. On a listener
/// beyond the loopback, a sender that is not on this machine must first send <c>/ms/auth ,s TOKEN</c>; its address
/// and port are then trusted for an hour (at most 64 at once). UDP sources can be forged, so on an untrusted network
/// prefer the web API (TCP) or keep OSC on the loopback.
/// </remarks>
public sealed class OscServer : IDisposable
{
    private const int MaxTrusted = 64;
    private static readonly TimeSpan TrustTime = TimeSpan.FromHours(1);
    private readonly RemoteOperations _operations;
    private readonly RemoteOptions _options;
    private readonly Socket _socket;
    private readonly RateLimiter _limiter;
    private readonly Dictionary<EndPoint, long> _trusted = [];
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _dropped;

    private OscServer(RemoteOperations operations, RemoteOptions options, Socket socket)
    {
        _operations = operations;
        _options = options;
        _socket = socket;
        _limiter = new RateLimiter(options.RequestsPerSecond, options.RequestBurst);
        _thread = new Thread(Receive) { IsBackground = true, Name = "osc" };
    }

    /// <summary>Where it listens (the port the system gave when 0 was asked).</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Packets dropped: too large, malformed, over the rate, or unauthenticated.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Binds <see cref="RemoteOptions.Osc"/> and starts receiving. Control thread.</summary>
    /// <exception cref="IOException">The port cannot be bound.</exception>
    public static OscServer Start(RemoteOperations operations, RemoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.Osc ?? throw new ArgumentException("no OSC endpoint", nameof(options));
        if (!RemoteOptions.IsLoopback(endpoint) && options.Token is null)
            throw new ArgumentException("an OSC endpoint beyond the loopback needs a token");
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endpoint);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"--osc {endpoint}: cannot listen: {e.Message}", e);
        }

        var server = new OscServer(operations, options, socket);
        server._thread.Start();
        return server;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping = true;
        _socket.Dispose(); // unblocks the receiver
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private void Receive()
    {
        var buffer = new byte[_options.MaxOscPacketBytes + 1];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping)
        {
            EndPoint from = any;
            int n;
            try
            {
                n = _socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
            {
                Interlocked.Increment(ref _dropped); // larger than the buffer: truncated by the kernel, refused here
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return; // closed
            }

            var sender = (IPEndPoint)from;
            if (n > _options.MaxOscPacketBytes || !_limiter.Allow(sender.Address))
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            IReadOnlyList<OscMessage> messages;
            try
            {
                messages = OscCodec.Read(buffer.AsSpan(0, n));
            }
            catch (OscFormatException e)
            {
                Interlocked.Increment(ref _dropped);
                Reply(sender, OscMessage.Create("/ms/reply", "?", false, $"not OSC: {e.Message}"));
                continue;
            }

            foreach (var message in messages)
                Handle(sender, message);
        }
    }

    private void Handle(IPEndPoint sender, OscMessage message)
    {
        var a = message.Arguments;
        if (message.Address == "/ms/auth")
        {
            bool ok = _options.Token is { } token && a.Count == 1 && RemoteToken.Matches(token, a[0].AsString());
            if (ok)
                Trust(sender);
            Reply(sender, OscMessage.Create("/ms/reply", message.Address, ok, ok ? "authenticated for an hour" : "wrong token"));
            return;
        }

        if (_options.Token is not null && !IPAddress.IsLoopback(sender.Address) && !IsTrusted(sender))
        {
            Interlocked.Increment(ref _dropped);
            Reply(sender, OscMessage.Create("/ms/reply", message.Address, false, "send /ms/auth with the token first"));
            return;
        }

        if (message.Address == "/ms/status")
        {
            ReplyStatus(sender);
            return;
        }

        if (message.Address == "/ms/meters")
        {
            ReplyMeters(sender);
            return;
        }

        if (message.Address is "/ms/load" or "/ms/reload")
        {
            // Decoding an instrument takes a while: off the receiver, so that a panic sent meanwhile is not held up.
            ThreadPool.QueueUserWorkItem(_ => Run(sender, message));
            return;
        }

        Run(sender, message);
    }

    private void Run(IPEndPoint sender, OscMessage message)
    {
        var a = message.Arguments;

        (int Status, CommandResult Result) answer = message.Address switch
        {
            "/ms/panic" => _operations.Panic(),
            "/ms/gain" when a.Count == 1 && a[0].AsNumber() is { } db => _operations.SetGain(db),
            "/ms/load" when a.Count is >= 1 and <= 3 && a[0].AsString() is { } path =>
                _operations.Load(path, a.Count == 3 ? a[2].AsInt() ?? -1 : 0, a.Count >= 2 ? a[1].AsInt() ?? -1 : null),
            "/ms/unload" when a.Count == 1 && a[0].AsInt() is { } program => _operations.Unload(program),
            "/ms/reload" when a.Count == 0 => _operations.Reload(null),
            "/ms/reload" when a.Count == 1 && a[0].AsInt() is { } program => _operations.Reload(program),
            "/ms/channel" when a.Count == 2 && a[0].AsInt() is { } channel && a[1].AsInt() is { } program => _operations.SetChannelProgram(channel, program),
            "/ms/stats/reset" => _operations.ResetPeaks(),
            _ => (404, CommandResult.Fail($"unknown address or arguments: {message.Address} (see docs/remote.md)")),
        };
        Reply(sender, OscMessage.Create("/ms/reply", message.Address, answer.Result.Ok, answer.Result.Message));
    }

    private void ReplyStatus(IPEndPoint sender)
    {
        var host = _operations.Target.Commands.Host;
        if (host is null)
        {
            Reply(sender, OscMessage.Create("/ms/reply", "/ms/status", false, "no audio backend right now"));
            return;
        }

        var s = host.GetStats();
        Reply(sender, OscMessage.Create(
            "/ms/status",
            s.ActiveVoices,
            s.PeakVoices,
            (float)s.DspLoad,
            (float)s.MaxBlockMicroseconds,
            (int)Math.Min(int.MaxValue, s.Xruns),
            (int)Math.Min(int.MaxValue, s.DroppedEvents),
            (float)host.GainDb,
            s.PeakLevel));
    }

    /// <summary><c>/ms/meters ,f×32</c>: the 16 channels' peak levels (dBFS), then their RMS levels.</summary>
    private void ReplyMeters(IPEndPoint sender)
    {
        var peak = new float[16];
        var rms = new float[16];
        if (!_operations.Meters.CopyTo(peak, rms, new float[16]))
        {
            Reply(sender, OscMessage.Create("/ms/reply", "/ms/meters", false, "no channel meters (no audio backend, or --outputs)"));
            return;
        }

        var values = new object?[32];
        for (int c = 0; c < 16; c++)
        {
            values[c] = peak[c];
            values[16 + c] = rms[c];
        }

        Reply(sender, OscMessage.Create("/ms/meters", values));
    }

    private void Reply(IPEndPoint to, OscMessage message)
    {
        try
        {
            _socket.SendTo(OscCodec.Write(message), to);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // the sender is gone or we are closing: replies are best effort, as UDP is
        }
    }

    private void Trust(IPEndPoint sender)
    {
        lock (_trusted)
        {
            if (_trusted.Count >= MaxTrusted)
                _trusted.Clear();
            _trusted[sender] = Environment.TickCount64;
        }
    }

    private bool IsTrusted(IPEndPoint sender)
    {
        lock (_trusted)
            return _trusted.TryGetValue(sender, out long since) && Environment.TickCount64 - since < TrustTime.TotalMilliseconds;
    }
}

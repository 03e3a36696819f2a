using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MidiSampler.Jack.Service;

/// <summary>
/// Tells systemd how a <c>Type=notify</c> service is doing (sd_notify(3)): <c>READY=1</c> once it plays,
/// <c>STATUS=...</c> for <c>systemctl status</c>, <c>RELOADING=1</c> around a reload, <c>STOPPING=1</c> at shutdown.
/// </summary>
/// <remarks>
/// Design: the protocol is one datagram per message on the AF_UNIX socket named by <c>$NOTIFY_SOCKET</c>
/// (newline-separated <c>KEY=VALUE</c> lines), so no libsystemd is needed. A name starting with '@' is a
/// Linux abstract socket: '@' becomes a leading NUL byte, as sd_notify does (sd-daemon.c). Sending never
/// throws: a service must keep playing even if systemd's socket went away (a failed send returns false).
/// Outside systemd (<c>NOTIFY_SOCKET</c> unset) <see cref="FromEnvironment"/> returns null.
/// Control thread only (never the audio thread: a send is a system call and may block briefly).
/// </remarks>
public sealed class SystemdNotifier : IDisposable
{
    /// <summary>The environment variable systemd sets for services with Type=notify.</summary>
    public const string SocketVariable = "NOTIFY_SOCKET";

    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endPoint;
    private readonly Lock _gate = new();

    /// <summary>Creates a notifier that sends to the socket <paramref name="socketName"/> (a path, or '@name' for an abstract socket). Control thread.</summary>
    /// <exception cref="ArgumentException">The name is empty or not a path or '@name'.</exception>
    public SystemdNotifier(string socketName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketName);
        if (socketName[0] != '/' && socketName[0] != '@')
            throw new ArgumentException($"NOTIFY_SOCKET '{socketName}' is neither an absolute path nor an abstract name starting with '@'", nameof(socketName));
        SocketName = socketName;

        // .NET maps a leading NUL in the path to Linux's abstract namespace (sockaddr_un.sun_path[0] == 0).
        _endPoint = new UnixDomainSocketEndPoint(socketName[0] == '@' ? "\0" + socketName[1..] : socketName);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>The socket name as given ('@' for abstract names). Any thread.</summary>
    public string SocketName { get; }

    /// <summary>A notifier for <c>$NOTIFY_SOCKET</c>, or null when the variable is unset or unusable (not under systemd). Control thread.</summary>
    public static SystemdNotifier? FromEnvironment()
    {
        string? name = Environment.GetEnvironmentVariable(SocketVariable);
        if (string.IsNullOrWhiteSpace(name) || (name[0] != '/' && name[0] != '@'))
            return null;
        return new SystemdNotifier(name);
    }

    /// <summary>Sends raw sd_notify state lines (e.g. "READY=1\nSTATUS=playing"). Returns false if the send failed. Control thread.</summary>
    public bool Notify(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        byte[] datagram = Encoding.UTF8.GetBytes(state);
        lock (_gate)
        {
            try
            {
                return _socket.SendTo(datagram, SocketFlags.None, _endPoint) == datagram.Length;
            }
            catch (SocketException)
            {
                return false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <summary>The service is up (instruments loaded, JACK client active): <c>READY=1</c> with a status line. Control thread.</summary>
    public bool Ready(string status) => Notify($"READY=1\nSTATUS={OneLine(status)}");

    /// <summary>A free-form status line shown by <c>systemctl status</c>. Control thread.</summary>
    public bool Status(string status) => Notify($"STATUS={OneLine(status)}");

    /// <summary>
    /// A reload has started (<c>RELOADING=1</c> with <c>MONOTONIC_USEC</c>, which Type=notify-reload requires);
    /// follow it with <see cref="Ready"/> when it is done. Control thread.
    /// </summary>
    public bool Reloading(string status) =>
        Notify(string.Create(CultureInfo.InvariantCulture, $"RELOADING=1\nMONOTONIC_USEC={MonotonicMicroseconds()}\nSTATUS={OneLine(status)}"));

    /// <summary>The service is shutting down: <c>STOPPING=1</c>. Control thread.</summary>
    public bool Stopping(string status) => Notify($"STOPPING=1\nSTATUS={OneLine(status)}");

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
            _socket.Dispose();
    }

    /// <summary>CLOCK_MONOTONIC in microseconds: on Linux, <see cref="Stopwatch"/> reads that clock.</summary>
    private static long MonotonicMicroseconds() => (long)(Stopwatch.GetTimestamp() * (1e6 / Stopwatch.Frequency));

    /// <summary>A newline would start a new KEY=VALUE assignment: a status is one line.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

using System.Net.Sockets;
using System.Text;
using MidiSampler.Jack.Service;

namespace MidiSampler.Jack.Tests.Service;

/// <summary>The sd_notify protocol against real AF_UNIX datagram sockets, the way systemd listens.</summary>
public sealed class SystemdNotifierTests
{
    [Fact]
    public void Ready_status_reloading_and_stopping_arrive_as_one_datagram_each_on_a_path_socket()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ms-notify-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        using var listener = Listen(new UnixDomainSocketEndPoint(path));
        try
        {
            using var notifier = new SystemdNotifier(path);

            Assert.True(notifier.Ready("playing ganjo\non 'midi-sampler'"));
            Assert.True(notifier.Status("2 instruments"));
            Assert.True(notifier.Reloading("reloading"));
            Assert.True(notifier.Stopping("stopping"));

            Assert.Equal("READY=1\nSTATUS=playing ganjo on 'midi-sampler'", Receive(listener)); // a newline in a status cannot start a new assignment
            Assert.Equal("STATUS=2 instruments", Receive(listener));
            string reloading = Receive(listener);
            Assert.Matches(@"^RELOADING=1\nMONOTONIC_USEC=\d+\nSTATUS=reloading$", reloading);
            long usec = long.Parse(reloading.Split('\n')[1]["MONOTONIC_USEC=".Length..]);
            long nowUsec = (long)(System.Diagnostics.Stopwatch.GetTimestamp() * (1e6 / System.Diagnostics.Stopwatch.Frequency));
            Assert.InRange(nowUsec - usec, 0, 10_000_000); // CLOCK_MONOTONIC, the clock systemd compares with
            Assert.Equal("STOPPING=1\nSTATUS=stopping", Receive(listener));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_at_sign_names_an_abstract_socket()
    {
        string name = $"ms-notify-test-{Environment.ProcessId}-{Guid.NewGuid():N}";
        using var listener = Listen(new UnixDomainSocketEndPoint("\0" + name));
        using var notifier = new SystemdNotifier("@" + name);

        Assert.True(notifier.Ready("up"));

        Assert.Equal("READY=1\nSTATUS=up", Receive(listener));
        Assert.False(File.Exists("@" + name));
    }

    [Fact]
    public void From_environment_reads_NOTIFY_SOCKET_and_a_vanished_socket_is_a_false_not_an_exception()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ms-notify-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        string? saved = Environment.GetEnvironmentVariable(SystemdNotifier.SocketVariable);
        try
        {
            Environment.SetEnvironmentVariable(SystemdNotifier.SocketVariable, null);
            Assert.Null(SystemdNotifier.FromEnvironment());
            Environment.SetEnvironmentVariable(SystemdNotifier.SocketVariable, "relative/name");
            Assert.Null(SystemdNotifier.FromEnvironment());

            Environment.SetEnvironmentVariable(SystemdNotifier.SocketVariable, path);
            using var notifier = SystemdNotifier.FromEnvironment();
            Assert.NotNull(notifier);
            Assert.Equal(path, notifier.SocketName);
            Assert.False(notifier.Ready("nobody listens")); // no socket at that path yet

            using (var listener = Listen(new UnixDomainSocketEndPoint(path)))
            {
                Assert.True(notifier.Status("now someone does"));
                Assert.Equal("STATUS=now someone does", Receive(listener));
            }

            File.Delete(path);
            Assert.False(notifier.Stopping("gone again"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SystemdNotifier.SocketVariable, saved);
            File.Delete(path);
        }
    }

    private static Socket Listen(UnixDomainSocketEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(endPoint);
        socket.ReceiveTimeout = 5000;
        return socket;
    }

    private static string Receive(Socket socket)
    {
        var buffer = new byte[4096];
        int n = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}

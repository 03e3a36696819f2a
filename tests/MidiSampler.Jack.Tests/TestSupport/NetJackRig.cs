using System.Collections.Concurrent;
using System.Diagnostics;

namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// A netJACK2 master and slave on one host, for tests: two network namespaces joined by a veth pair
/// (10.231.0.1/24 and 10.231.0.2/24, a private subnet that exists only inside them), a master
/// <c>jackd -d dummy</c> with the <c>netmanager</c> internal client in one, a slave <c>jackd -d net</c>
/// in the other. <see cref="Start"/> returns once the slave has joined (the master lists its
/// <c>sidecar:*</c> ports) and points this process at the slave (JACK_DEFAULT_SERVER), so in-process
/// clients (the sampler, a MIDI sender) are clients of the slave. Dispose stops both servers and deletes
/// the namespaces (which deletes the veth pair); a process-exit hook does the same after a crash.
/// </summary>
/// <remarks>
/// Design: on one network stack the slave receives its own multicast announcement back and jackd 1.9.21
/// dies with SIGFPE (jack2 issue #356; docs/jack.md, "netJACK"), hence the namespaces. Only the servers
/// run in them: JACK clients reach their server through files in /dev/shm (shared memory, semaphores,
/// Unix sockets bound to paths), which a network namespace does not separate, so the test process and
/// the JACK tools it runs stay in the host's namespace. The two servers share /dev/shm and differ only by
/// name (-n). Needs root (CAP_NET_ADMIN for the namespaces). No packet leaves the namespaces: the
/// multicast route and both addresses are on the veth pair only.
/// </remarks>
internal sealed class NetJackRig : IDisposable
{
    /// <summary>netJACK2's default multicast group and port (what netmanager and <c>jackd -d net</c> use unless told).</summary>
    private const string MulticastGroup = "225.3.19.154";
    private const string UdpPort = "19000";
    private static readonly ConcurrentDictionary<NetJackRig, bool> Live = new();

    private readonly string _masterNamespace;
    private readonly string _slaveNamespace;
    private ChildProcess? _master;
    private ChildProcess? _slave;
    private int _disposed;

    static NetJackRig()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var rig in Live.Keys)
                rig.Dispose();
        };
    }

    private NetJackRig(int slot, int periodFrames, int sampleRate)
    {
        // Few names, reused (as JackServer does): a crashed run's leftovers are replaced by the next run's.
        _masterNamespace = $"msnj-master-{slot}";
        _slaveNamespace = $"msnj-slave-{slot}";
        MasterServer = $"midisampler-netmaster-{slot}";
        SlaveServer = $"midisampler-netslave-{slot}";
        PeriodFrames = periodFrames;
        SampleRate = sampleRate;
    }

    /// <summary>The master's JACK server name.</summary>
    public string MasterServer { get; }

    /// <summary>The slave's JACK server name (this process's JACK_DEFAULT_SERVER once started).</summary>
    public string SlaveServer { get; }

    /// <summary>The name the slave has on the master: its ports there are <c>sidecar:from_slave_N</c> and <c>sidecar:to_slave_N</c>.</summary>
    public static string SlaveClientName => "sidecar";

    /// <summary>The master's period in frames (the slave takes the master's).</summary>
    public int PeriodFrames { get; }

    /// <summary>The sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>What both servers printed (for failure messages).</summary>
    public string Log => $"--- master:\n{_master?.Output}\n--- slave:\n{_slave?.Output}";

    /// <summary>True while both servers run.</summary>
    public bool IsRunning => _master is { HasExited: false } && _slave is { HasExited: false };

    /// <summary>
    /// Builds the namespaces, starts the master (dummy driver, netmanager loaded) and a slave with 2 audio
    /// and 1 MIDI port each way, and waits (at most 20 s) until the slave has joined.
    /// </summary>
    public static NetJackRig Start(int periodFrames, int sampleRate = 48_000)
    {
        var rig = new NetJackRig(Environment.ProcessId % 4, periodFrames, sampleRate);
        Live[rig] = true;
        try
        {
            rig.Build();
            return rig;
        }
        catch
        {
            rig.Dispose();
            throw;
        }
    }

    /// <summary>Runs a JACK tool against <paramref name="server"/> (from the host's namespace); returns its exit code and output.</summary>
    public static (int ExitCode, string Output) RunTool(string server, string tool, TimeSpan timeout, params string[] args)
        => Run(tool, new Dictionary<string, string>(StringComparer.Ordinal) { ["JACK_DEFAULT_SERVER"] = server, ["JACK_NO_START_SERVER"] = "1" }, timeout, args);

    /// <summary>Starts a long-running JACK tool (e.g. <c>jack_rec</c>) as a client of the master.</summary>
    public ChildProcess StartOnMaster(string tool, params string[] args)
        => ChildProcess.Start(tool, new Dictionary<string, string>(StringComparer.Ordinal) { ["JACK_DEFAULT_SERVER"] = MasterServer, ["JACK_NO_START_SERVER"] = "1" }, args);

    /// <summary>Stops the slave, then the master (SIGTERM, SIGKILL after 3 s), deletes the namespaces and the servers' files in /dev/shm.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;

        // The slave first: a master whose slave vanished waits seconds for it on shutdown.
        Stop(_slave);
        Stop(_master);
        DeleteNamespaces();
        JackServer.RemoveSharedMemory(SlaveServer);
        JackServer.RemoveSharedMemory(MasterServer);
        Live.TryRemove(this, out _);
    }

    private static void Stop(ChildProcess? server)
    {
        if (server is null)
            return;
        try
        {
            if (!server.HasExited)
            {
                server.Signal(15);
                if (!server.Process.WaitForExit(3000))
                    server.Process.Kill();
                server.Process.WaitForExit(3000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        server.Dispose();
    }


    private static (int ExitCode, string Output) Run(string fileName, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
            psi.Environment[name] = value;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill();
            p.WaitForExit();
            return (-1, "timeout");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private static void Ip(params string[] args)
    {
        var (code, output) = Run("ip", new Dictionary<string, string>(StringComparer.Ordinal), TimeSpan.FromSeconds(10), args);
        if (code != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed ({code}): {output} (network namespaces need root)");
    }

    private void DeleteNamespaces()
    {
        // Deleting a namespace destroys the veth end inside it, and with it the peer.
        foreach (var ns in new[] { _slaveNamespace, _masterNamespace })
            _ = Run("ip", new Dictionary<string, string>(StringComparer.Ordinal), TimeSpan.FromSeconds(10), "netns", "delete", ns);
    }

    private void Build()
    {
        DeleteNamespaces(); // what a killed earlier run may have left
        Ip("netns", "add", _masterNamespace);
        Ip("netns", "add", _slaveNamespace);
        Ip("link", "add", "msnj-m", "netns", _masterNamespace, "type", "veth", "peer", "name", "msnj-s", "netns", _slaveNamespace);
        foreach (var (ns, link, address) in new[] { (_masterNamespace, "msnj-m", "10.231.0.1/24"), (_slaveNamespace, "msnj-s", "10.231.0.2/24") })
        {
            Ip("-n", ns, "link", "set", "lo", "up");
            Ip("-n", ns, "address", "add", address, "dev", link);
            Ip("-n", ns, "link", "set", link, "up", "multicast", "on");
            Ip("-n", ns, "route", "add", $"{MulticastGroup}/32", "dev", link);
        }

        var serverEnvironment = new Dictionary<string, string>(StringComparer.Ordinal) { ["JACK_NO_AUDIO_RESERVATION"] = "1", ["JACK_NO_START_SERVER"] = "1" };
        string[] realtime = Environment.GetEnvironmentVariable("MIDISAMPLER_JACKD_NO_REALTIME") == "1" ? ["--no-realtime"] : [];
        _master = ChildProcess.Start("ip", serverEnvironment,
            ["netns", "exec", _masterNamespace, "jackd", "-n", MasterServer, .. realtime, "-t", "5000",
             "-d", "dummy", "-r", SampleRate.ToString(), "-p", PeriodFrames.ToString()]);
        WaitFor(() => RunTool(MasterServer, "jack_lsp", TimeSpan.FromSeconds(5)).ExitCode == 0, TimeSpan.FromSeconds(15), "the master did not answer jack_lsp");

        // netmanager runs inside the master jackd, so it listens in the master's namespace.
        var (code, output) = RunTool(MasterServer, "jack_load", TimeSpan.FromSeconds(10), "netmanager", "-i", $"-a {MulticastGroup} -p {UdpPort}");
        if (code != 0)
            throw new InvalidOperationException($"jack_load netmanager failed ({code}): {output}\n{Log}");

        // 2 audio and 1 MIDI port each way; -l 2: two periods of network latency.
        _slave = ChildProcess.Start("ip", serverEnvironment,
            ["netns", "exec", _slaveNamespace, "jackd", "-n", SlaveServer, .. realtime, "-t", "5000",
             "-d", "net", "-a", MulticastGroup, "-p", UdpPort, "-C", "2", "-P", "2", "-i", "1", "-o", "1", "-l", "2", "-n", SlaveClientName]);
        WaitFor(
            () => RunTool(MasterServer, "jack_lsp", TimeSpan.FromSeconds(5)).Output.Contains($"{SlaveClientName}:from_slave_1", StringComparison.Ordinal)
                && RunTool(SlaveServer, "jack_lsp", TimeSpan.FromSeconds(5)).Output.Contains("system:playback_1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            "the slave did not join the master");

        NativeEnvironment.Set("JACK_DEFAULT_SERVER", SlaveServer);
        NativeEnvironment.Set("JACK_NO_START_SERVER", "1");
        NativeEnvironment.Set("JACK_NO_AUDIO_RESERVATION", "1");
    }

    private void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_master is { HasExited: true } || _slave is { HasExited: true })
                throw new InvalidOperationException($"{what}: a server exited\n{Log}");
            if (condition())
                return;
            Thread.Sleep(100);
        }

        throw new TimeoutException($"{what} within {timeout.TotalSeconds} s\n{Log}");
    }
}

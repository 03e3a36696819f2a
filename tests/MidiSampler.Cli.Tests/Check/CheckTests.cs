using MidiSampler.Cli.Commands.Check;
using MidiSampler.Realtime;

namespace MidiSampler.Cli.Tests.Check;

/// <summary>Each check fed recorded /proc and /sys contents: ok, warning and failure cases.</summary>
public sealed class CheckTests
{
    private const string Group = "root:x:0:\naudio:x:29:alice\n";
    private const string Passwd = "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh\n";

    private static FakeSystemView User(int uid, string groups, string rtprio, string memlock, string caps = "0000000000000000") =>
        new FakeSystemView().Limits(rtprio, memlock).Status(uid, groups, caps).With("/etc/group", Group).With("/etc/passwd", Passwd);

    [Fact]
    public void Rtprio_limit()
    {
        Assert.Equal(CheckStatus.Ok, PermissionChecks.Rtprio(User(1000, "29", "95", "unlimited")).Status);
        Assert.Equal(CheckStatus.Ok, PermissionChecks.Rtprio(User(1000, "29", "unlimited", "unlimited")).Status);
        var low = PermissionChecks.Rtprio(User(1000, "29", "40", "unlimited"));
        Assert.Equal(CheckStatus.Warning, low.Status);
        Assert.Contains("RLIMIT_RTPRIO 40", low.Found, StringComparison.Ordinal);
        var none = PermissionChecks.Rtprio(User(1000, "1000", "0", "8388608"));
        Assert.Equal(CheckStatus.Failure, none.Status);
        Assert.Contains("@audio - rtprio 95", none.Fix, StringComparison.Ordinal);
        Assert.Contains("LimitRTPRIO", none.Fix, StringComparison.Ordinal);
        // CAP_SYS_NICE (bit 23) overrides the limit.
        Assert.Equal(CheckStatus.Ok, PermissionChecks.Rtprio(User(1000, "1000", "0", "8388608", "0000000000800000")).Status);
    }

    [Fact]
    public void Memlock_limit_must_be_unlimited_for_a_dotnet_process()
    {
        Assert.Equal(CheckStatus.Ok, PermissionChecks.Memlock(User(1000, "29", "95", "unlimited")).Status);
        var finite = PermissionChecks.Memlock(User(1000, "29", "95", "8388608"));
        Assert.Equal(CheckStatus.Warning, finite.Status);
        Assert.Contains("8 MiB", finite.Found, StringComparison.Ordinal);
        Assert.Contains("memlock unlimited", finite.Fix, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Ok, PermissionChecks.Memlock(User(1000, "29", "95", "8388608", "0000000000004000")).Status); // CAP_IPC_LOCK
    }

    [Fact]
    public void Audio_group_membership()
    {
        Assert.Equal(CheckStatus.Ok, PermissionChecks.AudioGroup(User(1000, "1000 29", "0", "8388608")).Status);
        var stale = PermissionChecks.AudioGroup(User(1000, "1000", "0", "8388608"));
        Assert.Equal(CheckStatus.Warning, stale.Status); // listed in /etc/group, not in this session
        Assert.Contains("log out", stale.Fix, StringComparison.Ordinal);
        var bob = PermissionChecks.AudioGroup(User(1001, "1001", "0", "8388608"));
        Assert.Equal(CheckStatus.Failure, bob.Status);
        Assert.Contains("usermod -aG audio bob", bob.Fix, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Ok, PermissionChecks.AudioGroup(User(1001, "1001", "95", "unlimited")).Status); // limits set another way
    }

    [Fact]
    public void Capabilities_and_the_setcap_advice()
    {
        Assert.Equal(CheckStatus.Ok, PermissionChecks.Capabilities(User(1000, "29", "0", "0", "0000000000804000")).Status);
        Assert.Equal(CheckStatus.Ok, PermissionChecks.Capabilities(User(1000, "29", "95", "unlimited")).Status);
        var none = PermissionChecks.Capabilities(User(1000, "29", "0", "65536"));
        Assert.Equal(CheckStatus.Warning, none.Status);
        Assert.Contains("setcap cap_sys_nice,cap_ipc_lock+ep /opt/midi-sampler/midi-sampler", none.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("file capabilities", none.Found, StringComparison.Ordinal); // no getcap output: not claimed
    }

    [Fact]
    public void The_executables_file_capabilities_are_read_with_getcap()
    {
        var set = User(1000, "29", "0", "65536", "0000000000804000");
        set.Tools["getcap"] = new ToolResult(0, "/opt/midi-sampler/midi-sampler cap_ipc_lock,cap_sys_nice=ep\n");
        Assert.Contains("file capabilities: cap_ipc_lock,cap_sys_nice=ep", PermissionChecks.Capabilities(set).Found, StringComparison.Ordinal);
        var old = User(1000, "29", "0", "65536");
        old.Tools["getcap"] = new ToolResult(0, "/opt/midi-sampler/midi-sampler = cap_sys_nice+ep\n");
        Assert.Equal("cap_sys_nice+ep", PermissionChecks.FileCapabilities(old));
        var unset = User(1000, "29", "0", "65536");
        unset.Tools["getcap"] = new ToolResult(0, "");
        Assert.Equal("none", PermissionChecks.FileCapabilities(unset));
    }

    [Fact]
    public void Sched_fifo_attempt()
    {
        var view = User(1000, "29", "95", "unlimited");
        Assert.Equal(CheckStatus.Ok, PermissionChecks.SchedFifo(view, 80).Status);
        view.Fifo = new RealtimeResult(false, false, ["SCHED_FIFO priority 80 refused (EPERM): ... @audio - rtprio 95 ..."]) { SchedulingErrno = 1 };
        view.FifoSeen = new ThreadScheduling(SchedulingPolicy.Other, 0);
        var refused = PermissionChecks.SchedFifo(view, 80);
        Assert.Equal(CheckStatus.Failure, refused.Status);
        Assert.Contains("EPERM", refused.Found, StringComparison.Ordinal);
        Assert.Contains("rtprio 95", refused.Fix, StringComparison.Ordinal);
    }

    private static FakeSystemView Cpus(params string[] governors)
    {
        var view = new FakeSystemView();
        for (int i = 0; i < governors.Length; i++)
        {
            view.With($"/sys/devices/system/cpu/cpu{i}/uevent", "");
            if (governors[i].Length > 0)
                view.With($"/sys/devices/system/cpu/cpu{i}/cpufreq/scaling_governor", governors[i] + "\n");
        }

        return view.With("/sys/devices/system/cpu/online", "0-3\n");
    }

    [Fact]
    public void Governor_of_every_cpu()
    {
        Assert.Equal(CheckStatus.Ok, CpuChecks.Governor(Cpus("performance", "performance")).Status);
        var mixed = CpuChecks.Governor(Cpus("performance", "schedutil", "schedutil", "performance"));
        Assert.Equal(CheckStatus.Warning, mixed.Status);
        Assert.Contains("schedutil on cpu1 cpu2", mixed.Found, StringComparison.Ordinal);
        Assert.Contains("cpupower frequency-set -g performance", mixed.Fix, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.NotApplicable, CpuChecks.Governor(Cpus("", "")).Status); // a VM without cpufreq
    }

    [Fact]
    public void Smt()
    {
        var on = new FakeSystemView().With("/sys/devices/system/cpu/smt/control", "on\n").With("/sys/devices/system/cpu/smt/active", "1\n");
        Assert.Equal(CheckStatus.Warning, CpuChecks.Smt(on).Status);
        var off = new FakeSystemView().With("/sys/devices/system/cpu/smt/control", "off\n").With("/sys/devices/system/cpu/smt/active", "0\n");
        Assert.Equal(CheckStatus.Ok, CpuChecks.Smt(off).Status);
        var none = new FakeSystemView().With("/sys/devices/system/cpu/smt/control", "notsupported\n").With("/sys/devices/system/cpu/smt/active", "0\n");
        Assert.Equal(CheckStatus.NotApplicable, CpuChecks.Smt(none).Status);
    }

    [Theory]
    [InlineData("#1 SMP PREEMPT_RT Debian 6.12.38-1", "", "", "ok")]
    [InlineData("#1 SMP PREEMPT_DYNAMIC", "none voluntary (full) lazy\n", "", "ok")]
    [InlineData("#1 SMP PREEMPT_DYNAMIC", "none (voluntary) full lazy\n", "", "warning")]
    [InlineData("#1 SMP PREEMPT_DYNAMIC", "", "root=/dev/sda1 preempt=full", "ok")]
    [InlineData("#1 SMP PREEMPT_DYNAMIC", "", "root=/dev/sda1 preempt=none", "failure")]
    [InlineData("#1 SMP PREEMPT_DYNAMIC", "", "root=/dev/sda1", "warning")]
    [InlineData("#35-Ubuntu SMP PREEMPT Mon Jan  6 2025", "", "", "ok")]
    [InlineData("#1 SMP Debian 6.1.0", "", "", "warning")]
    public void Preemption_model(string version, string debugfs, string cmdline, string expected)
    {
        var view = new FakeSystemView().With("/proc/sys/kernel/version", version + "\n").With("/proc/cmdline", cmdline + "\n");
        if (debugfs.Length > 0)
            view.With("/sys/kernel/debug/sched/preempt", debugfs);
        Assert.Equal(expected, Commands.CheckCommand.StatusName(KernelChecks.Preemption(view).Status));
    }

    [Fact]
    public void Preemption_mode_falls_back_to_the_build_configuration()
    {
        var view = new FakeSystemView().With("/proc/sys/kernel/version", "#1 SMP PREEMPT_DYNAMIC\n").With("/proc/cmdline", "quiet\n")
            .With("/proc/sys/kernel/osrelease", "6.18.0\n").With("/boot/config-6.18.0", "CONFIG_PREEMPT_VOLUNTARY=y\n# CONFIG_PREEMPT is not set\n");
        var r = KernelChecks.Preemption(view);
        Assert.Equal(CheckStatus.Warning, r.Status);
        Assert.Contains("voluntary", r.Found, StringComparison.Ordinal);
        Assert.Contains("preempt=full", r.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Timers_ticks_threadirqs_isolation()
    {
        var hres = new FakeSystemView().With("/proc/timer_list", "cpu: 0\n  .hres_active    : 1\ncpu: 1\n  .hres_active    : 1\n");
        Assert.Equal(CheckStatus.Ok, KernelChecks.HighResTimers(hres).Status);
        var lowres = new FakeSystemView().With("/proc/timer_list", "cpu: 0\n  .hres_active    : 0\n");
        Assert.Equal(CheckStatus.Failure, KernelChecks.HighResTimers(lowres).Status);
        Assert.Equal(CheckStatus.NotApplicable, KernelChecks.NoHz(new FakeSystemView()).Status);

        var plain = new FakeSystemView().With("/proc/cmdline", "root=/dev/sda1 quiet\n").With("/proc/sys/kernel/version", "#1 SMP PREEMPT_DYNAMIC\n");
        Assert.Equal(CheckStatus.Warning, KernelChecks.ThreadIrqs(plain).Status);
        Assert.Equal(CheckStatus.Ok, KernelChecks.ThreadIrqs(plain.With("/proc/cmdline", "root=/dev/sda1 threadirqs\n")).Status);

        var isolated = new FakeSystemView().With("/proc/cmdline", "isolcpus=3 nohz_full=3 rcu_nocbs=3\n");
        var iso = KernelChecks.Isolation(isolated);
        Assert.Equal(CheckStatus.Ok, iso.Status);
        Assert.Contains("isolcpus=3", iso.Found, StringComparison.Ordinal);
        isolated.With("/proc/config.gz", "# CONFIG_NO_HZ_FULL is not set\n"); // plain text: not gzip, so config.gz is ignored
        isolated.With("/proc/sys/kernel/osrelease", "6.1\n").With("/boot/config-6.1", "# CONFIG_NO_HZ_FULL is not set\n");
        Assert.Equal(CheckStatus.Warning, KernelChecks.Isolation(isolated).Status);
    }

    [Fact]
    public void Mitigations()
    {
        var view = new FakeSystemView().With("/proc/cmdline", "quiet\n")
            .With("/sys/devices/system/cpu/vulnerabilities/spectre_v2", "Mitigation: Retpolines\n")
            .With("/sys/devices/system/cpu/vulnerabilities/meltdown", "Not affected\n");
        var r = KernelChecks.Mitigations(view);
        Assert.Equal(CheckStatus.Warning, r.Status);
        Assert.Contains("spectre_v2", r.Found, StringComparison.Ordinal);
        Assert.DoesNotContain("meltdown", r.Found, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Ok, KernelChecks.Mitigations(view.With("/proc/cmdline", "mitigations=off\n")).Status);
    }

    [Fact]
    public void Swap_shm_and_dma_latency()
    {
        const string header = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n";
        Assert.Equal(CheckStatus.Ok, MemoryChecks.Swap(new FakeSystemView().With("/proc/swaps", header).With("/proc/sys/vm/swappiness", "60\n")).Status);
        var swap = new FakeSystemView().With("/proc/swaps", header + "/dev/sda2  partition\t4194300\t0\t-2\n").With("/proc/sys/vm/swappiness", "60\n");
        Assert.Equal(CheckStatus.Warning, MemoryChecks.Swap(swap).Status);
        Assert.Equal(CheckStatus.Ok, MemoryChecks.Swap(swap.With("/proc/sys/vm/swappiness", "10\n")).Status);

        var shm = new FakeSystemView { Space = (512L << 20, 500L << 20) }.With("/proc/mounts", "tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0\n");
        Assert.Equal(CheckStatus.Ok, MemoryChecks.SharedMemory(shm).Status);
        Assert.Equal(CheckStatus.Failure, MemoryChecks.SharedMemory(new FakeSystemView().With("/proc/mounts", "/dev/sda1 / ext4 rw 0 0\n")).Status);

        var dma = new FakeSystemView().With("/dev/cpu_dma_latency", "");
        var denied = MemoryChecks.CpuDmaLatency(dma);
        Assert.Equal(CheckStatus.Warning, denied.Status);
        Assert.Contains("cpu_dma_latency", denied.Fix, StringComparison.Ordinal);
        dma.Writable.Add("/dev/cpu_dma_latency");
        Assert.Equal(CheckStatus.Ok, MemoryChecks.CpuDmaLatency(dma).Status);
        Assert.Equal(CheckStatus.NotApplicable, MemoryChecks.CpuDmaLatency(new FakeSystemView()).Status);
    }

    [Fact]
    public void Instrument_file_system()
    {
        const string mounts = "/dev/sda1 / ext4 rw,relatime 0 0\n//nas/share /mnt/nas cifs rw 0 0\n/dev/mmcblk0p2 /home ext4 rw 0 0\n";
        var view = new FakeSystemView().With("/proc/mounts", mounts)
            .With("/srv/piano.sfz", "").With("/mnt/nas/piano.sfz", "").With("/home/pi/piano.sfz", "");
        Assert.Equal(CheckStatus.Ok, DeviceChecks.InstrumentFileSystem(view, "/srv/piano.sfz").Status);
        Assert.Equal(CheckStatus.Warning, DeviceChecks.InstrumentFileSystem(view, "/mnt/nas/piano.sfz").Status);
        var sd = DeviceChecks.InstrumentFileSystem(view, "/home/pi/piano.sfz");
        Assert.Equal(CheckStatus.Warning, sd.Status);
        Assert.Contains("SD card", sd.Found, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Failure, DeviceChecks.InstrumentFileSystem(view, "/nowhere.sfz").Status);
        Assert.Equal(CheckStatus.NotApplicable, DeviceChecks.InstrumentFileSystem(view, null).Status);
    }

    [Fact]
    public void Sound_and_usb_interrupts()
    {
        const string interrupts =
            "           CPU0       CPU1       CPU2       CPU3\n" +
            " 16:          0          0          0          0  IO-APIC  16-fasteoi   i801_smbus, ehci_hcd:usb1\n" +
            " 29:        120          0       5400          0  PCI-MSI 327680-edge      xhci_hcd\n" +
            " 33:          0       9000          0          0  PCI-MSI 442368-edge      snd_hda_intel:card0\n" +
            "NMI:          0          0          0          0   Non-maskable interrupts\n";
        var view = new FakeSystemView().With("/proc/interrupts", interrupts)
            .With("/proc/irq/29/smp_affinity_list", "0-3\n").With("/proc/irq/33/smp_affinity_list", "2\n");
        var sound = DeviceChecks.SoundIrqs(view);
        Assert.Equal(CheckStatus.Ok, sound.Status);
        Assert.Contains("IRQ 33 (snd_hda_intel:card0) on CPUs 2", sound.Found, StringComparison.Ordinal);
        var usb = DeviceChecks.UsbIrqs(view);
        Assert.Equal(CheckStatus.Warning, usb.Status); // ehci shares IRQ 16 with the SMBus
        Assert.Contains("IRQ 16 (i801_smbus, ehci_hcd:usb1)", usb.Found, StringComparison.Ordinal);

        var vm = new FakeSystemView().With("/proc/interrupts", "           CPU0\n 36:          0  PCI-MSIX-0000:00:02.0   1-edge      virtio1-req.0\n");
        Assert.Equal(CheckStatus.NotApplicable, DeviceChecks.SoundIrqs(vm).Status);
    }

    [Fact]
    public void Pi_throttling_and_power_supply()
    {
        const string path = "/sys/devices/platform/soc/soc:firmware/get_throttled";
        Assert.Equal(CheckStatus.Ok, DeviceChecks.Throttling(new FakeSystemView().With(path, "0\n")).Status);
        Assert.Equal(CheckStatus.Warning, DeviceChecks.Throttling(new FakeSystemView().With(path, "50000\n")).Status);
        var now = DeviceChecks.Throttling(new FakeSystemView().With(path, "50005\n"));
        Assert.Equal(CheckStatus.Failure, now.Status);
        Assert.Contains("under-voltage", now.Found, StringComparison.Ordinal);
        var battery = new FakeSystemView().With("/sys/class/power_supply/AC/type", "Mains\n").With("/sys/class/power_supply/AC/online", "0\n");
        Assert.Equal(CheckStatus.Warning, DeviceChecks.PowerSupply(battery).Status);
        Assert.Equal(CheckStatus.Ok, DeviceChecks.PowerSupply(battery.With("/sys/class/power_supply/AC/online", "1\n")).Status);
    }

    [Fact]
    public void Jack_server()
    {
        Assert.Equal(CheckStatus.NotApplicable, JackCheck.Server(new FakeSystemView()).Status);
        var down = new FakeSystemView();
        down.Tools["jack_lsp"] = new ToolResult(1, "Cannot connect to server socket");
        Assert.Equal(CheckStatus.Warning, JackCheck.Server(down).Status);
        var up = new FakeSystemView();
        up.Tools["jack_lsp"] = new ToolResult(0, "system:capture_1\n");
        up.Tools["jack_samplerate"] = new ToolResult(0, "48000\n");
        up.Tools["jack_bufsize"] = new ToolResult(0, "128\n");
        var r = JackCheck.Server(up);
        Assert.Equal(CheckStatus.Ok, r.Status);
        Assert.Contains("48000 Hz, 128 frames per period (2.67 ms", r.Found, StringComparison.Ordinal);
        up.Tools["jack_bufsize"] = new ToolResult(0, "1024\n");
        Assert.Equal(CheckStatus.Warning, JackCheck.Server(up).Status); // 21 ms
    }
}

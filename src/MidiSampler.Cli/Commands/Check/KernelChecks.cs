namespace MidiSampler.Cli.Commands.Check;

/// <summary>The kernel: preemption model, timers, ticks, interrupt threads, CPU isolation, mitigations.</summary>
internal static class KernelChecks
{
    private const string CmdlineHelp = "(GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub then 'sudo update-grub'; on a Raspberry Pi, /boot/firmware/cmdline.txt)";

    public static CheckResult Preemption(ISystemView view)
    {
        const string id = "kernel.preempt";
        string version = SystemFacts.KernelVersion(view);
        if (view.ReadText("/sys/kernel/realtime")?.Trim() == "1" || version.Contains("PREEMPT_RT", StringComparison.Ordinal))
            return CheckResult.Ok(id, "PREEMPT_RT kernel: fully preemptible, interrupts in threads");

        if (version.Contains("PREEMPT_DYNAMIC", StringComparison.Ordinal))
        {
            var (mode, source) = DynamicMode(view);
            string found = $"PREEMPT_DYNAMIC kernel, mode {mode ?? "unknown"}{source}";
            return mode switch
            {
                "full" or "lazy" => CheckResult.Ok(id, found),
                "voluntary" => CheckResult.Warn(id, found + ": preemption only at explicit points", $"boot with 'preempt=full' {CmdlineHelp}, or use a PREEMPT_RT kernel"),
                "none" => CheckResult.Fail(id, found + ": kernel code is never preempted, so latency follows the longest system call", $"boot with 'preempt=full' {CmdlineHelp}, or use a PREEMPT_RT kernel"),
                _ => CheckResult.Warn(id, found, $"mount debugfs to read /sys/kernel/debug/sched/preempt, or set 'preempt=full' on the kernel command line {CmdlineHelp}"),
            };
        }

        if (System.Text.RegularExpressions.Regex.IsMatch(version, @"\bPREEMPT\b"))
            return CheckResult.Ok(id, $"fully preemptible kernel (low-latency): {version}");
        if (version.Length == 0)
            return CheckResult.NotApplicable(id, "/proc/sys/kernel/version is unreadable");
        return CheckResult.Warn(id, $"no preemption model named in '{version}': voluntary or no preemption",
            "install a low-latency or real-time kernel (Debian: linux-image-rt-amd64 or -arm64; Ubuntu: linux-lowlatency; Raspberry Pi: a PREEMPT_RT build)");
    }

    /// <summary>The current PREEMPT_DYNAMIC mode: debugfs shows it in parentheses; else preempt= on the command line; else the build default.</summary>
    private static (string? Mode, string Source) DynamicMode(ISystemView view)
    {
        string? debug = view.ReadText("/sys/kernel/debug/sched/preempt");
        if (debug is not null)
        {
            int open = debug.IndexOf('(', StringComparison.Ordinal);
            int close = debug.IndexOf(')', StringComparison.Ordinal);
            if (open >= 0 && close > open)
                return (debug[(open + 1)..close], " (from /sys/kernel/debug/sched/preempt)");
        }

        string? param = SystemFacts.CommandLineParameter(view, "preempt");
        if (!string.IsNullOrEmpty(param))
            return (param, " (from preempt= on the kernel command line)");
        var config = SystemFacts.KernelConfig(view);
        string? built = config.GetValueOrDefault("CONFIG_PREEMPT_LAZY") == "y" ? "lazy"
            : config.GetValueOrDefault("CONFIG_PREEMPT") == "y" ? "full"
            : config.GetValueOrDefault("CONFIG_PREEMPT_VOLUNTARY") == "y" ? "voluntary"
            : config.GetValueOrDefault("CONFIG_PREEMPT_NONE") == "y" ? "none" : null;
        return built is null ? (null, "") : (built, " (the build's default: no preempt= on the command line)");
    }

    public static CheckResult HighResTimers(ISystemView view)
    {
        const string id = "kernel.hrtimers";
        string? timers = view.ReadText("/proc/timer_list");
        if (timers is not null)
        {
            var lines = timers.Split('\n').Where(l => l.TrimStart().StartsWith(".hres_active", StringComparison.Ordinal)).ToList();
            if (lines.Count > 0)
            {
                bool all = lines.All(l => l.TrimEnd().EndsWith('1'));
                return all
                    ? CheckResult.Ok(id, $"high-resolution timers active on {lines.Count} CPUs")
                    : CheckResult.Fail(id, "high-resolution timers are not active on every CPU", "boot without 'highres=off' and use a kernel built with CONFIG_HIGH_RES_TIMERS");
            }
        }

        string? built = SystemFacts.KernelConfig(view).GetValueOrDefault("CONFIG_HIGH_RES_TIMERS");
        return built switch
        {
            "y" when SystemFacts.CommandLineParameter(view, "highres") == "off" => CheckResult.Fail(id, "built with high-resolution timers but booted with highres=off", "remove 'highres=off' from the kernel command line"),
            "y" => CheckResult.Ok(id, "built with CONFIG_HIGH_RES_TIMERS"),
            "n" => CheckResult.Fail(id, "built without CONFIG_HIGH_RES_TIMERS: timers tick at jiffy resolution", "use a kernel with high-resolution timers (every distribution kernel has them)"),
            _ => CheckResult.NotApplicable(id, "neither /proc/timer_list nor the kernel configuration is readable"),
        };
    }

    public static CheckResult NoHz(ISystemView view)
    {
        const string id = "kernel.nohz";
        var config = SystemFacts.KernelConfig(view);
        if (config.Count == 0)
            return CheckResult.NotApplicable(id, "the kernel configuration is not readable (/proc/config.gz, /boot/config-*)");
        if (SystemFacts.CommandLineParameter(view, "nohz") == "off")
            return CheckResult.Ok(id, "periodic tick forced by nohz=off (costs power, not latency)");
        if (config.GetValueOrDefault("CONFIG_NO_HZ_FULL") == "y")
            return CheckResult.Ok(id, "tickless kernel with NO_HZ_FULL available (use nohz_full= to clear the tick from audio CPUs)");
        if (config.GetValueOrDefault("CONFIG_NO_HZ_IDLE") == "y" || config.GetValueOrDefault("CONFIG_NO_HZ") == "y")
            return CheckResult.Ok(id, "tickless when idle (NO_HZ_IDLE)");
        return CheckResult.Ok(id, "periodic tick (HZ_PERIODIC): fine for latency, costs some power");
    }

    public static CheckResult ThreadIrqs(ISystemView view)
    {
        const string id = "kernel.threadirqs";
        if (view.ReadText("/sys/kernel/realtime")?.Trim() == "1" || SystemFacts.KernelVersion(view).Contains("PREEMPT_RT", StringComparison.Ordinal))
            return CheckResult.Ok(id, "PREEMPT_RT: every interrupt handler runs in a thread");
        if (SystemFacts.CommandLineParameter(view, "threadirqs") is not null)
            return CheckResult.Ok(id, "threadirqs on the kernel command line: interrupt handlers run in threads whose priority can be raised");
        return CheckResult.Warn(id, "interrupt handlers run in hard interrupt context, so the sound card's interrupt cannot be given priority over others",
            $"add 'threadirqs' to the kernel command line {CmdlineHelp}, then raise the sound card's IRQ thread (the rtirq package does it at boot)");
    }

    public static CheckResult Isolation(ISystemView view)
    {
        const string id = "kernel.isolation";
        var found = new List<string>();
        foreach (string p in (string[])["isolcpus", "nohz_full", "rcu_nocbs", "irqaffinity"])
        {
            string? v = SystemFacts.CommandLineParameter(view, p);
            if (v is not null)
                found.Add($"{p}={v}");
        }

        if (found.Count == 0)
            return CheckResult.Ok(id, "no CPU reserved (optional: on 4 or more cores, 'isolcpus=3 nohz_full=3 rcu_nocbs=3' keeps one core for audio)");
        if (SystemFacts.CommandLineParameter(view, "nohz_full") is not null && SystemFacts.KernelConfig(view).GetValueOrDefault("CONFIG_NO_HZ_FULL") == "n")
            return CheckResult.Warn(id, string.Join(' ', found) + ", but the kernel is built without NO_HZ_FULL, so nohz_full= does nothing", "drop nohz_full= or use a kernel with CONFIG_NO_HZ_FULL");
        return CheckResult.Ok(id, string.Join(' ', found) + " (pin JACK and the sampler to the reserved CPUs with taskset or CPUAffinity=)");
    }

    public static CheckResult Mitigations(ISystemView view)
    {
        const string id = "kernel.mitigations";
        string? param = SystemFacts.CommandLineParameter(view, "mitigations");
        if (param == "off")
            return CheckResult.Ok(id, "mitigations=off: no speculative-execution mitigations (only sensible on a dedicated, offline machine)");
        var names = view.ListDirectory("/sys/devices/system/cpu/vulnerabilities");
        if (names is null)
            return CheckResult.NotApplicable(id, "/sys/devices/system/cpu/vulnerabilities is missing");
        var mitigated = names.Where(n => (view.ReadText($"/sys/devices/system/cpu/vulnerabilities/{n}") ?? "").StartsWith("Mitigation", StringComparison.Ordinal)).ToList();
        if (mitigated.Count == 0)
            return CheckResult.Ok(id, "no mitigation active (the CPU is not affected)");
        return CheckResult.Warn(id, $"{mitigated.Count} mitigations active ({string.Join(", ", mitigated)}): they add cost to every system call and context switch",
            "a trade of security for latency: only on a dedicated, offline instrument, boot with 'mitigations=off'; otherwise keep them and leave more headroom (a larger period)");
    }
}

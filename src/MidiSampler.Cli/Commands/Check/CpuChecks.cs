namespace MidiSampler.Cli.Commands.Check;

/// <summary>CPU frequency scaling and simultaneous multithreading.</summary>
internal static class CpuChecks
{
    public static CheckResult Governor(ISystemView view)
    {
        const string id = "cpu.governor";
        var governors = new List<(string Cpu, string Governor)>();
        foreach (string cpu in SystemFacts.Cpus(view))
        {
            string? g = view.ReadText($"/sys/devices/system/cpu/{cpu}/cpufreq/scaling_governor")?.Trim();
            if (g is not null)
                governors.Add((cpu, g));
        }

        if (governors.Count == 0)
            return CheckResult.NotApplicable(id, "no cpufreq interface: the frequency is fixed or set by the hypervisor or firmware");
        var slow = governors.Where(g => g.Governor != "performance").ToList();
        string found = string.Join(", ", governors.GroupBy(g => g.Governor, StringComparer.Ordinal).Select(g => $"{g.Key} on {string.Join(' ', g.Select(x => x.Cpu))}"));
        if (slow.Count == 0)
            return CheckResult.Ok(id, found);
        return CheckResult.Warn(id, found + ": the clock ramps up only after the load rises, so a burst of notes can miss a deadline",
            "use the performance governor: 'sudo cpupower frequency-set -g performance' now, and 'cpufreq.default_governor=performance' on the kernel command line to keep it after a reboot");
    }

    public static CheckResult Smt(ISystemView view)
    {
        const string id = "cpu.smt";
        string? control = view.ReadText("/sys/devices/system/cpu/smt/control")?.Trim();
        string? active = view.ReadText("/sys/devices/system/cpu/smt/active")?.Trim();
        if (control is null or "notsupported" or "notimplemented")
            return CheckResult.NotApplicable(id, "the CPU has no simultaneous multithreading" + (control is null ? "" : $" ({control})"));
        if (active != "1")
            return CheckResult.Ok(id, $"SMT inactive (control: {control})");
        return CheckResult.Warn(id, $"SMT active (control: {control}): two hardware threads share one core, so the audio thread's speed depends on its sibling's load",
            "switch it off: 'echo off | sudo tee /sys/devices/system/cpu/smt/control', or 'nosmt' on the kernel command line");
    }
}

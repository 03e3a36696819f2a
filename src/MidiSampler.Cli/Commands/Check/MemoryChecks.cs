using System.Globalization;
using MidiSampler.Realtime;

namespace MidiSampler.Cli.Commands.Check;

/// <summary>Swap, JACK's shared memory, and the CPU idle-latency device.</summary>
internal static class MemoryChecks
{
    public static CheckResult Swap(ISystemView view)
    {
        const string id = "mem.swap";
        string? swaps = view.ReadText("/proc/swaps");
        if (swaps is null)
            return CheckResult.NotApplicable(id, "/proc/swaps is unreadable");
        var devices = swaps.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0]).ToList();
        string? swappinessText = view.ReadText("/proc/sys/vm/swappiness")?.Trim();
        int swappiness = int.TryParse(swappinessText, CultureInfo.InvariantCulture, out int s) ? s : -1;
        if (devices.Count == 0)
            return CheckResult.Ok(id, "no swap");
        string found = $"swap on {string.Join(", ", devices)}, vm.swappiness {swappiness}";
        if (swappiness is >= 0 and <= 10)
            return CheckResult.Ok(id, found);
        return CheckResult.Warn(id, found + ": unlocked pages of a running program may be swapped out, and faulting them back in takes milliseconds",
            "'echo vm.swappiness=10 | sudo tee /etc/sysctl.d/90-audio.conf && sudo sysctl --system'; locking memory (limits.memlock) keeps the sampler itself in RAM");
    }

    public static CheckResult SharedMemory(ISystemView view)
    {
        const string id = "mem.shm";
        var mount = SystemFacts.Mounts(view).FirstOrDefault(m => m.MountPoint == "/dev/shm");
        if (mount.MountPoint is null)
            return CheckResult.Fail(id, "/dev/shm is not mounted: JACK keeps its shared memory there", "mount a tmpfs there (systemd does this at boot; add 'tmpfs /dev/shm tmpfs defaults 0 0' to /etc/fstab)");
        if (mount.Type != "tmpfs")
            return CheckResult.Warn(id, $"/dev/shm is {mount.Type}, not tmpfs", "mount a tmpfs on /dev/shm");
        var space = view.GetSpace("/dev/shm");
        if (space is null)
            return CheckResult.Ok(id, "/dev/shm is a tmpfs");
        string found = $"/dev/shm is a tmpfs of {RealtimeLimits.FormatBytes(space.Value.TotalBytes / (1 << 20) * (1 << 20))}, {space.Value.FreeBytes >> 20} MiB free";
        return space.Value.FreeBytes < (64L << 20)
            ? CheckResult.Warn(id, found + ": little room for JACK's buffers", "remove stale files in /dev/shm, or enlarge it ('size=' option in /etc/fstab)")
            : CheckResult.Ok(id, found);
    }

    public static CheckResult CpuDmaLatency(ISystemView view)
    {
        const string id = "power.cpu-dma-latency";
        const string path = "/dev/cpu_dma_latency";
        if (!view.Exists(path))
            return CheckResult.NotApplicable(id, $"{path} does not exist (kernel without PM QoS)");
        if (view.CanOpenForWriting(path))
            return CheckResult.Ok(id, $"{path} is writable: JACK (or the sampler) can keep the CPUs out of deep idle states while it runs");
        return CheckResult.Warn(id, $"{path} is not writable by this user: waking a CPU from a deep idle state can take hundreds of microseconds",
            "let the audio group write it: a udev rule 'KERNEL==\"cpu_dma_latency\", GROUP=\"audio\", MODE=\"0660\"' in /etc/udev/rules.d/40-audio.rules");
    }
}

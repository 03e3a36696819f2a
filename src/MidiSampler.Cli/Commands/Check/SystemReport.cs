namespace MidiSampler.Cli.Commands.Check;

/// <summary>Runs every check in a fixed order. Control thread.</summary>
internal static class SystemReport
{
    /// <summary>Runs all checks against <paramref name="view"/>.</summary>
    /// <param name="view">The system to read.</param>
    /// <param name="instrumentPath">An instrument file or folder whose file system to check, or null.</param>
    /// <param name="priority">The SCHED_FIFO priority to try.</param>
    /// <param name="alsa">The ALSA device to open and the period to ask of it, or null.</param>
    public static IReadOnlyList<CheckResult> Run(ISystemView view, string? instrumentPath, int priority, AlsaDeviceRequest? alsa = null) =>
    [
        PermissionChecks.Rtprio(view),
        PermissionChecks.Memlock(view),
        PermissionChecks.AudioGroup(view),
        PermissionChecks.Capabilities(view),
        PermissionChecks.SchedFifo(view, priority),
        CpuChecks.Governor(view),
        CpuChecks.Smt(view),
        KernelChecks.Preemption(view),
        KernelChecks.HighResTimers(view),
        KernelChecks.NoHz(view),
        KernelChecks.ThreadIrqs(view),
        KernelChecks.Isolation(view),
        KernelChecks.Mitigations(view),
        MemoryChecks.Swap(view),
        MemoryChecks.SharedMemory(view),
        MemoryChecks.CpuDmaLatency(view),
        DeviceChecks.InstrumentFileSystem(view, instrumentPath),
        DeviceChecks.SoundIrqs(view),
        DeviceChecks.UsbIrqs(view),
        DeviceChecks.PowerSupply(view),
        DeviceChecks.Throttling(view),
        JackCheck.Server(view),
        AlsaChecks.Cards(view),
        AlsaChecks.Device(alsa?.Device, alsa?.SampleRateHz ?? 48_000, alsa?.PeriodFrames ?? 256, alsa?.Periods ?? 3),
    ];
}

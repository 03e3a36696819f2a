using System.Runtime.InteropServices;

namespace MidiSampler.Tests.Realtime;

/// <summary>
/// Drops capabilities from the calling thread's effective set (capset(2) acts on one thread only), so that
/// a test can meet the refusal path as an unprivileged user would, on a throw-away thread, without
/// touching the rest of the test process.
/// </summary>
internal static partial class ThreadCapabilities
{
    public const int CAP_IPC_LOCK = 14;
    public const int CAP_SYS_NICE = 23;
    private const uint LinuxCapabilityVersion3 = 0x20080522;

    [StructLayout(LayoutKind.Sequential)]
    private struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static unsafe partial int CapGet(CapHeader* header, CapData* data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static unsafe partial int CapSet(CapHeader* header, CapData* data);

    /// <summary>True when the calling thread has <paramref name="capability"/> in its effective set.</summary>
    public static unsafe bool HasEffective(int capability)
    {
        var header = new CapHeader { Version = LinuxCapabilityVersion3, Pid = 0 };
        var data = stackalloc CapData[2];
        if (CapGet(&header, data) != 0)
            return false;
        return (data[capability / 32].Effective & (1u << (capability % 32))) != 0;
    }

    /// <summary>Removes the capabilities from the calling thread's effective set; throws if the kernel refuses.</summary>
    public static unsafe void DropEffective(params int[] capabilities)
    {
        var header = new CapHeader { Version = LinuxCapabilityVersion3, Pid = 0 };
        var data = stackalloc CapData[2];
        if (CapGet(&header, data) != 0)
            throw new InvalidOperationException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        foreach (int cap in capabilities)
            data[cap / 32].Effective &= ~(1u << (cap % 32));
        if (CapSet(&header, data) != 0)
            throw new InvalidOperationException($"capset failed: errno {Marshal.GetLastPInvokeError()}");
    }
}

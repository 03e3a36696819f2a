using System.Runtime.InteropServices;

namespace MidiSampler.Model;

/// <summary>
/// One sample's frames in native memory (off the GC heap), zeroed at allocation so that the guard frames are silent.
/// </summary>
/// <remarks>
/// Design: a <see cref="SafeHandle"/>, so that freeing is both deterministic and finalizer-safe. The memory has one owner
/// reference (the <see cref="Sample"/>'s, dropped by <see cref="Sample.ReleaseMemory"/> or, if nobody calls it, by the
/// finalizer once the sample is unreachable) plus one counted reference per compiled engine instrument that plays it
/// (<see cref="SampleMemoryLease"/>, taken on the control thread at install, given back by the control thread when the
/// retired instrument's last voice has ended). The memory is freed when the last of these goes: never on the audio
/// thread, never while a voice reads it. Large buffers come from calloc, which maps fresh zero pages, so freeing gives
/// the memory back to the system. Threads: created on a loader or control thread; read from any thread.
/// </remarks>
internal sealed unsafe class SampleBuffer : SafeHandle
{
    private static long s_liveBytes;
    private static long s_liveBuffers;

    /// <summary>Allocates <paramref name="bytes"/> zeroed bytes. Loader or control thread.</summary>
    public SampleBuffer(long bytes)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        Bytes = bytes;
        SetHandle((nint)NativeMemory.AllocZeroed((nuint)bytes));
        Interlocked.Add(ref s_liveBytes, bytes);
        Interlocked.Increment(ref s_liveBuffers);
    }

    /// <summary>Bytes held by sample buffers not yet freed, in the whole process (diagnostics and tests).</summary>
    public static long LiveBytes => Interlocked.Read(ref s_liveBytes);

    /// <summary>Sample buffers not yet freed, in the whole process.</summary>
    public static long LiveBuffers => Interlocked.Read(ref s_liveBuffers);

    /// <summary>Size in bytes.</summary>
    public long Bytes { get; }

    /// <summary>The first byte.</summary>
    public byte* Pointer => (byte*)handle;

    /// <summary>True once the memory was given back (for tests).</summary>
    public bool IsFreed { get; private set; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        IsFreed = true;
        Interlocked.Add(ref s_liveBytes, -Bytes);
        Interlocked.Decrement(ref s_liveBuffers);
        return true;
    }
}

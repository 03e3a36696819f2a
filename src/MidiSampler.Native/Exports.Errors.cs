using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MidiSampler.Native;

/// <summary>Version and error texts of the C API. Any thread.</summary>
internal static unsafe partial class Exports
{
    /// <summary>MS_API_VERSION in include/midi_sampler.h: major in the high 16 bits.</summary>
    public const uint ApiVersion = 0x0001_0000;

    /// <summary>ms_api_version. Any thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_api_version")]
    public static uint GetApiVersion() => ApiVersion;

    /// <summary>ms_last_error: the calling thread's last failure message. Any thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_last_error")]
    public static byte* GetLastError() => LastError.Pointer;

    /// <summary>ms_status_string: a constant, NUL-terminated text per status. Any thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_status_string")]
    public static byte* StatusString(int status) => (NativeStatus)status switch
    {
        NativeStatus.Ok => Pointer("MS_OK\0"u8),
        NativeStatus.NullArgument => Pointer("MS_ERROR_NULL_ARGUMENT: a required pointer was NULL\0"u8),
        NativeStatus.InvalidHandle => Pointer("MS_ERROR_INVALID_HANDLE: not a live handle of that kind (never created, or destroyed)\0"u8),
        NativeStatus.InvalidArgument => Pointer("MS_ERROR_INVALID_ARGUMENT: a value out of range\0"u8),
        NativeStatus.File => Pointer("MS_ERROR_FILE: a file is missing, unreadable or invalid\0"u8),
        NativeStatus.QueueFull => Pointer("MS_ERROR_QUEUE_FULL: the event ring was full; the event was dropped\0"u8),
        NativeStatus.Busy => Pointer("MS_ERROR_BUSY: another thread was queuing an event on the sampler\0"u8),
        NativeStatus.Limit => Pointer("MS_ERROR_LIMIT: a fixed limit was reached\0"u8),
        NativeStatus.Realtime => Pointer("MS_ERROR_REALTIME: real-time scheduling or memory locking was refused\0"u8),
        NativeStatus.Internal => Pointer("MS_ERROR_INTERNAL: an unexpected failure inside the library\0"u8),
        _ => Pointer("unknown ms_status_t\0"u8),
    };

    // A u8 literal lives in the image's read-only data: its address is fixed for the life of the process.
    private static byte* Pointer(ReadOnlySpan<byte> text) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(text));
}

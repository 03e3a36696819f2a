using System.Runtime.InteropServices;

namespace MidiSampler.Streaming.Native;

#pragma warning disable IDE1006, CA1707 // C names and constants kept exactly

/// <summary>
/// The libc memory-mapping calls the sample store needs (sys/mman.h), names and constants kept exactly (Linux values,
/// the same on x86-64 and arm64). Every call sets errno. Control thread and streamer thread only.
/// </summary>
internal static unsafe partial class LibCMemory
{
    private const string Lib = "libc";

    public const int PROT_READ = 0x1;
    public const int PROT_WRITE = 0x2;
    public const int MAP_PRIVATE = 0x02;
    public const int MAP_ANONYMOUS = 0x20;
    public const int MAP_NORESERVE = 0x4000;
    public const int MADV_DONTNEED = 4;

    /// <summary>mmap's failure value, (void*)-1.</summary>
    public static readonly void* MAP_FAILED = (void*)-1;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial void* mmap(void* addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int munmap(void* addr, nuint length);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int madvise(void* addr, nuint length, int advice);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int mlock(void* addr, nuint len);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int munlock(void* addr, nuint len);
}

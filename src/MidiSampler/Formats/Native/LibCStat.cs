using System.Runtime.InteropServices;

namespace MidiSampler.Formats.Native;

#pragma warning disable IDE1006, CA1707 // C names and constants kept exactly

/// <summary>
/// statx(2), which .NET does not expose: the type of a file (regular, FIFO, device) before it is opened, because
/// opening a FIFO for reading blocks until a writer comes and a device reports a length of 0. statx is chosen over
/// stat because its struct has the same layout on every architecture (linux/stat.h), so one declaration serves x64
/// and arm64. C names and constants kept exactly.
/// </summary>
internal static unsafe partial class LibCStat
{
    private const string Lib = "libc";

    /// <summary>The current directory as dirfd (fcntl.h).</summary>
    public const int AT_FDCWD = -100;

    /// <summary>Want stx_mode's file type bits.</summary>
    public const uint STATX_TYPE = 0x0001;

    /// <summary>Want stx_size.</summary>
    public const uint STATX_SIZE = 0x0200;

    /// <summary>Size of struct statx in bytes.</summary>
    public const int StatxBytes = 256;

    /// <summary>Offset of the 16-bit stx_mode in struct statx.</summary>
    public const int StxModeOffset = 0x1C;

    /// <summary>Offset of the 64-bit stx_size in struct statx.</summary>
    public const int StxSizeOffset = 0x28;

    public const int S_IFMT = 0xF000;
    public const int S_IFSOCK = 0xC000;
    public const int S_IFLNK = 0xA000;
    public const int S_IFREG = 0x8000;
    public const int S_IFBLK = 0x6000;
    public const int S_IFDIR = 0x4000;
    public const int S_IFCHR = 0x2000;
    public const int S_IFIFO = 0x1000;

    /// <summary>int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf).</summary>
    [LibraryImport(Lib, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int statx(int dirfd, string pathname, int flags, uint mask, byte* statxbuf);
}

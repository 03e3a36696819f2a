using MidiSampler.Formats.Native;

namespace MidiSampler.Formats;

/// <summary>
/// Loaders read only regular files, and never more than a cap: a path may name a device (<c>/dev/zero</c> reports a
/// length of 0 and reads forever), a FIFO (opening it blocks until some writer comes), a socket or a directory, for
/// example through an SFZ <c>#include</c> or a sample path inside an instrument.
/// </summary>
/// <remarks>
/// Design: the file's type is asked with statx(2) before it is opened (see <see cref="LibCStat"/>), so a FIFO is refused
/// without blocking; the cap is then enforced while reading, not taken from the reported length, so a file that grows
/// or a /proc file that reports 0 cannot exceed it either. Where statx is unavailable (not Linux, or a filter denies it)
/// the check is skipped and the bounded read still holds. Threads: control or loader thread.
/// </remarks>
internal static unsafe class RegularFile
{
    /// <summary>
    /// Null when <paramref name="path"/> names an existing regular file (symbolic links followed) of at most
    /// <paramref name="maxBytes"/> bytes; otherwise why it is refused, as a phrase ("is a FIFO (named pipe), not a
    /// regular file"). <paramref name="what"/> names the expected content in the size message ("an SFZ file").
    /// </summary>
    public static string? Problem(string path, long maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux())
        {
            byte* buffer = stackalloc byte[LibCStat.StatxBytes];
            new Span<byte>(buffer, LibCStat.StatxBytes).Clear();
            if (LibCStat.statx(LibCStat.AT_FDCWD, path, 0, LibCStat.STATX_TYPE | LibCStat.STATX_SIZE, buffer) == 0)
            {
                int type = *(ushort*)(buffer + LibCStat.StxModeOffset) & LibCStat.S_IFMT;
                if (type != LibCStat.S_IFREG)
                    return "is " + TypeName(type) + ", not a regular file; only regular files are read";
                long size = *(long*)(buffer + LibCStat.StxSizeOffset);
                return size > maxBytes ? TooLarge(size, maxBytes, what) : null;
            }
        }

        if (Directory.Exists(path))
            return "is a directory, not a regular file; only regular files are read";
        var info = new FileInfo(path);
        if (!info.Exists)
            return "no such file";
        return info.Length > maxBytes ? TooLarge(info.Length, maxBytes, what) : null;
    }

    /// <summary>
    /// Reads a file checked by <see cref="Problem"/>, stopping with an <see cref="IOException"/> once more than
    /// <paramref name="maxBytes"/> bytes came (the file grew, or its reported length was wrong).
    /// </summary>
    public static byte[] ReadBounded(string path, long maxBytes, string what)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var content = new MemoryStream();
        byte[] chunk = new byte[64 * 1024];
        int count;
        while ((count = stream.Read(chunk)) > 0)
        {
            if (content.Length + count > maxBytes)
                throw new IOException($"gives more than {maxBytes} bytes, the limit for {what} (more than its reported length)");
            content.Write(chunk, 0, count);
        }

        return content.ToArray();
    }

    /// <summary>Throws <see cref="InstrumentLoadException"/> naming the file when <see cref="Problem"/> finds one.</summary>
    public static void Require(string path, long maxBytes, string what)
    {
        if (Problem(path, maxBytes, what) is { } problem)
            throw new InstrumentLoadException(path, problem);
    }

    private static string TooLarge(long size, long maxBytes, string what) =>
        $"is {size} bytes, more than {maxBytes} bytes, the limit for {what}";

    private static string TypeName(int type) => type switch
    {
        LibCStat.S_IFDIR => "a directory",
        LibCStat.S_IFIFO => "a FIFO (named pipe), which could block forever",
        LibCStat.S_IFCHR => "a character device, which may never end",
        LibCStat.S_IFBLK => "a block device",
        LibCStat.S_IFSOCK => "a socket",
        _ => "not a regular file (type " + type.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ")",
    };
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MidiSampler.Formats.SndFile.Native;

namespace MidiSampler.Formats.SndFile;

/// <summary>
/// A window of a seekable <see cref="Stream"/> seen by libsndfile as a whole file, through <c>sf_open_virtual</c>'s
/// callbacks. Control or loader thread (the callbacks run on the thread that calls into libsndfile).
/// </summary>
/// <remarks>
/// Design: the callbacks are <see cref="UnmanagedCallersOnlyAttribute"/> statics reaching this object through a
/// <see cref="GCHandle"/> passed as user_data. No exception may cross back into C, so each callback catches everything,
/// stores the first failure in <see cref="Failure"/> and reports end of file (read 0) or a failed seek (-1) to
/// libsndfile; the decoder then reports the stored failure rather than libsndfile's secondary complaint. The window
/// (<c>origin</c>, <c>length</c>) lets an SF3 bank hand one sample's Ogg stream to libsndfile without copying it, and
/// nothing outside the window can ever be read, whatever offsets the stream's headers claim.
/// </remarks>
internal sealed unsafe class SndFileStreamIO
{
    private readonly Stream _stream;
    private readonly long _origin;
    private readonly long _length;
    private long _position;

    /// <param name="stream">Readable and seekable.</param>
    /// <param name="origin">Stream position of the window's first byte.</param>
    /// <param name="length">Bytes in the window.</param>
    public SndFileStreamIO(Stream stream, long origin, long length)
    {
        _stream = stream;
        _origin = origin;
        _length = length;
    }

    /// <summary>The first I/O error a callback met, if any.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The callback table (libsndfile copies it when opening).</summary>
    public static SF_VIRTUAL_IO Callbacks => new()
    {
        get_filelen = &GetFileLength,
        seek = &Seek,
        read = &Read,
        write = null,
        tell = &Tell,
    };

    private static SndFileStreamIO? From(void* userData) => GCHandle.FromIntPtr((nint)userData).Target as SndFileStreamIO;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long GetFileLength(void* userData) => From(userData)?._length ?? -1;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long Tell(void* userData) => From(userData)?._position ?? -1;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long Seek(long offset, int whence, void* userData)
    {
        var io = From(userData);
        if (io is null)
            return -1;
        long basePosition = whence switch
        {
            LibSndFile.SEEK_SET => 0,
            LibSndFile.SEEK_CUR => io._position,
            LibSndFile.SEEK_END => io._length,
            _ => -1,
        };
        if (basePosition < 0)
            return -1;
        // Overflow-safe: offsets come from the file's own headers.
        long target = offset > 0 && basePosition > long.MaxValue - offset ? -1 : basePosition + offset;
        if (target < 0 || target > io._length)
            return -1;
        io._position = target;
        return target;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long Read(void* destination, long count, void* userData)
    {
        var io = From(userData);
        if (io is null || count <= 0 || io.Failure is not null)
            return 0;
        long available = io._length - io._position;
        int want = (int)Math.Min(Math.Min(count, available), int.MaxValue);
        if (want <= 0)
            return 0;
        try
        {
            io._stream.Position = io._origin + io._position;
            int got = io._stream.ReadAtLeast(new Span<byte>(destination, want), want, throwOnEndOfStream: false);
            io._position += got;
            return got;
        }
        catch (Exception e)
        {
            // Nothing may unwind into libsndfile's C frames: remember the failure and report end of file.
            io.Failure = e;
            return 0;
        }
    }
}

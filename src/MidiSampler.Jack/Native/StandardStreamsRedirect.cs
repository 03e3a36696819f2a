using System.Runtime.InteropServices;

namespace MidiSampler.Jack.Native;

/// <summary>
/// Points this process's file descriptors 1 and 2 at a log file until disposed, then puts them back. A JACK server
/// that libjack starts on demand is forked from this process and inherits them, so its start-up banner and later
/// messages go to the log instead of between our own lines. Control thread; nothing else may write meanwhile.
/// </summary>
internal sealed partial class StandardStreamsRedirect : IDisposable
{
    private const int OpenWriteOnly = 0x1, OpenCreate = 0x40, OpenAppend = 0x400, OpenCloseOnExec = 0x80000;
    private readonly int _savedOut;
    private readonly int _savedError;

    private StandardStreamsRedirect(int savedOut, int savedError)
    {
        _savedOut = savedOut;
        _savedError = savedError;
    }

    /// <summary>Redirects to <paramref name="path"/> (appending); null when the file cannot be opened (nothing changed).</summary>
    public static StandardStreamsRedirect? To(string path)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        int log = open(path, OpenWriteOnly | OpenCreate | OpenAppend | OpenCloseOnExec, 0x1A4); // 0644
        if (log < 0)
            return null;
        int savedOut = fcntl(1, FcntlDupCloseOnExec, 3), savedError = fcntl(2, FcntlDupCloseOnExec, 3);
        _ = dup2(log, 1);
        _ = dup2(log, 2);
        _ = close(log);
        return new StandardStreamsRedirect(savedOut, savedError);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_savedOut >= 0)
        {
            _ = dup2(_savedOut, 1);
            _ = close(_savedOut);
        }

        if (_savedError >= 0)
        {
            _ = dup2(_savedError, 2);
            _ = close(_savedError);
        }
    }

    private const int FcntlDupCloseOnExec = 1030; // F_DUPFD_CLOEXEC: the saved copies do not leak into the server

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc")]
    private static partial int fcntl(int fd, int command, int argument);

    [LibraryImport("libc")]
    private static partial int dup2(int oldFd, int newFd);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}

using System.Runtime.InteropServices;

namespace MidiSampler.Alsa.Native;

/// <summary>libc <c>struct pollfd</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    /// <summary>POLLIN.</summary>
    public const short POLLIN = 1;

    public int fd;
    public short events;
    public short revents;
}

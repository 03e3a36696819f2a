using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace MidiSampler.Native;

/// <summary>
/// The thread-local message of the last failed C API call (ms_last_error): a NUL-terminated UTF-8 string in a
/// per-thread buffer on the pinned object heap, so its address stays valid for C while the thread lives.
/// </summary>
/// <remarks>
/// Design: the audio-thread functions fail only with constant messages, and writing one into the buffer encodes
/// into existing memory: no allocation there except the thread's buffer itself, once, on its first error.
/// </remarks>
internal static unsafe class LastError
{
    private const int Capacity = 2048;

    [ThreadStatic]
    private static byte[]? t_message;

    /// <summary>The message as a C string ("" when no call failed on this thread). Any thread.</summary>
    public static byte* Pointer
    {
        get
        {
            var buffer = Buffer();
            return (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        }
    }

    /// <summary>The message as a .NET string, for tests. Any thread.</summary>
    public static string Text
    {
        get
        {
            var buffer = Buffer();
            int length = Array.IndexOf(buffer, (byte)0);
            return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
        }
    }

    /// <summary>Records <paramref name="message"/> for this thread and returns <paramref name="status"/> as the C int. Any thread.</summary>
    public static int Fail(NativeStatus status, string message)
    {
        var buffer = Buffer();
        // Truncate on a whole character: encode at most what fits, leaving room for the terminator.
        int written = 0;
        var encoder = Encoding.UTF8;
        int max = Capacity - 1;
        if (encoder.GetMaxByteCount(message.Length) <= max)
        {
            written = encoder.GetBytes(message, buffer.AsSpan(0, max));
        }
        else
        {
            int chars = Math.Min(message.Length, max / 3);
            written = encoder.GetBytes(message.AsSpan(0, chars), buffer.AsSpan(0, max));
        }

        buffer[written] = 0;
        return (int)status;
    }

    private static byte[] Buffer() => t_message ??= GC.AllocateArray<byte>(Capacity, pinned: true);
}

namespace MidiSampler.Alsa;

/// <summary>An ALSA call failed on the control thread: the message names the device or client and alsa-lib's reason.</summary>
public sealed class AlsaException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public AlsaException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public AlsaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public AlsaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The negative errno alsa-lib returned, or 0.</summary>
    public int Error { get; init; }

    /// <summary>Throws when <paramref name="result"/> is negative: "<paramref name="what"/>: alsa-lib's text". Control thread.</summary>
    internal static int Check(int result, string what) =>
        result < 0 ? throw new AlsaException($"{what}: {Native.LibAsound.ErrorText(result)}") { Error = result } : result;
}

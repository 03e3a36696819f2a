namespace MidiSampler.Remote.Osc;

/// <summary>A packet that is not valid OSC 1.0, with the byte offset and the reason.</summary>
public sealed class OscFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OscFormatException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public OscFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public OscFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

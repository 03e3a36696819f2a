namespace MidiSampler.Jack;

/// <summary>A JACK call failed: the server is not running, a port could not be registered, a connection was refused.</summary>
/// <remarks>Thrown on the control thread only; never on the audio thread.</remarks>
public sealed class JackException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public JackException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public JackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message.</summary>
    public JackException()
    {
    }
}

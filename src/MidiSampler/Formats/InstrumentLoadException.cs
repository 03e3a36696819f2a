namespace MidiSampler.Formats;

/// <summary>
/// Bad input in an instrument, sample or MIDI file: names the file, the place in it and the reason.
/// Thrown on control and loader threads only, never on the audio thread.
/// </summary>
public sealed class InstrumentLoadException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="filePath">The file at fault.</param>
    /// <param name="location">Where in it: "line 12", "byte 4096", "chunk 'fmt '", or empty when the whole file is at fault.</param>
    /// <param name="reason">What is wrong, in words a user can act on.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public InstrumentLoadException(string filePath, string location, string reason, Exception? inner = null)
        : base(Format(filePath, location, reason), inner)
    {
        FilePath = filePath;
        Location = location;
        Reason = reason;
    }

    /// <summary>Creates the error with no place in the file.</summary>
    public InstrumentLoadException(string filePath, string reason)
        : this(filePath, "", reason)
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructors that name the file.</summary>
    public InstrumentLoadException()
        : this("", "", "bad input")
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructors that name the file.</summary>
    public InstrumentLoadException(string message, Exception inner)
        : base(message, inner)
    {
        FilePath = "";
        Location = "";
        Reason = message;
    }

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }

    /// <summary>Where in the file, or empty.</summary>
    public string Location { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    private static string Format(string filePath, string location, string reason) =>
        string.IsNullOrEmpty(location) ? $"{filePath}: {reason}" : $"{filePath}: {location}: {reason}";
}

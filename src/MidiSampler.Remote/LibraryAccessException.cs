namespace MidiSampler.Remote;

/// <summary>A path the remote may not load: outside the library (403) or missing (404).</summary>
public sealed class LibraryAccessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LibraryAccessException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public LibraryAccessException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public LibraryAccessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with its message and HTTP status.</summary>
    public LibraryAccessException(string message, int statusCode)
        : base(message) => StatusCode = statusCode;

    /// <summary>403 for a path outside the library, 404 for a missing file.</summary>
    public int StatusCode { get; } = 403;
}

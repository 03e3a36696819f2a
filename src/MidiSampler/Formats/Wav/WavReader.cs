using MidiSampler.Model;

namespace MidiSampler.Formats.Wav;

/// <summary>Reads RIFF/WAVE files into <see cref="Sample"/>s. Control or loader thread: allocates and does I/O.</summary>
/// <remarks>
/// Reads 8-bit unsigned, 16-, 24- and 32-bit integer PCM, 32- and 64-bit IEEE float, plain or as
/// WAVE_FORMAT_EXTENSIBLE, mono or stereo, and the first loop, root key and pitch fraction of a
/// <c>smpl</c> chunk. Lenient where the intent is clear and the result is safe, as libsndfile and
/// sox are: chunks in any order, unknown chunks skipped, a missing RIFF pad byte, a RIFF size of 0 or
/// 0xFFFFFFFF (streaming writers), a data chunk cut short by a truncated file (what is there is read,
/// whole frames only, with a warning). Strict where guessing would play garbage: a file cut inside its
/// header or fmt chunk, an unknown codec, an inconsistent block align. See
/// <see cref="WavFileParser"/> for the details.
/// </remarks>
public static class WavReader
{
    /// <summary>Loads a WAV file. Throws <see cref="InstrumentLoadException"/> naming the file, the place and the reason.</summary>
    public static Sample Load(string path) => Load(path, null);

    /// <summary>
    /// Loads a WAV file, adding what was tolerated (a truncated data chunk, an ignored loop, a wrong RIFF size)
    /// to <paramref name="warnings"/>, each naming the file. Throws <see cref="InstrumentLoadException"/> naming
    /// the file, the place and the reason.
    /// </summary>
    public static Sample Load(string path, ICollection<string>? warnings)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw new InstrumentLoadException(path, "is a directory, not a WAV file");
        if (File.Exists(path))
            RegularFile.Require(path, long.MaxValue, "a WAV file"); // a FIFO would block the open, a device never end
        FileStream stream;
        try
        {
            // Positioned block reads of 128 KiB bypass FileStream's own buffer; the small buffer serves the
            // 8-byte chunk-header reads of the chunk walk.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InstrumentLoadException(path, "", "no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InstrumentLoadException(path, "", "cannot open the file: " + e.Message, e);
        }

        using (stream)
            return Parse(stream, path, warnings);
    }

    /// <summary>Reads a WAV from a stream; <paramref name="name"/> is used in messages and as the sample's name.</summary>
    public static Sample Read(Stream stream, string name) => Read(stream, name, null);

    /// <summary>
    /// Reads a WAV from <paramref name="stream"/>, from its current position; <paramref name="name"/> is used in
    /// messages and as the sample's name, and tolerated problems go to <paramref name="warnings"/>. A stream
    /// that cannot seek is first copied into memory (the chunks may come in any order). The stream is not disposed.
    /// </summary>
    public static Sample Read(Stream stream, string name, ICollection<string>? warnings)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (!stream.CanRead)
            throw new ArgumentException("the stream cannot be read", nameof(stream));
        if (stream.CanSeek)
            return Parse(stream, name, warnings);
        using var copy = new MemoryStream();
        try
        {
            stream.CopyTo(copy);
        }
        catch (IOException e)
        {
            throw new InstrumentLoadException(name, "", "cannot read the stream: " + e.Message, e);
        }

        copy.Position = 0;
        return Parse(copy, name, warnings);
    }

    private static Sample Parse(Stream stream, string name, ICollection<string>? warnings)
    {
        try
        {
            return new WavFileParser(stream, name, warnings).Parse();
        }
        catch (IOException e)
        {
            throw new InstrumentLoadException(name, "", "cannot read the file: " + e.Message, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InstrumentLoadException(name, "", "cannot read the file: " + e.Message, e);
        }
    }
}

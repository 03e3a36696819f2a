using System.Text;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;

namespace MidiSampler.Formats.SndFile;

/// <summary>
/// Reads FLAC, Ogg (Vorbis, Opus), AIFF/AIFC, CAF and Wave64 files into <see cref="Sample"/>s through libsndfile
/// (Debian package <c>libsndfile1</c>). Control or loader thread: allocates, does I/O and calls native code.
/// </summary>
/// <remarks>
/// Mono and stereo; 16- and 24-bit integer and float data keep full precision (libsndfile's float read). Root key,
/// tune and the first loop come from an AIFF INST/MARK pair (or a WAV-family smpl chunk) through
/// <c>SFC_GET_INSTRUMENT</c>. The container is recognised from the file's first bytes before libsndfile sees it, and
/// only the formats above are handed over: libsndfile detects formats by content and carries readers for dozens of rare
/// ones (IRCAM, PAF, SDS...), some with known parser bugs (CVE-2025-52194 in the IRCAM reader), which a sampler has no
/// reason to expose. A RIFF/WAVE file with another extension is read by <see cref="WavReader"/>, with a warning.
/// Errors are <see cref="InstrumentLoadException"/>s naming the file, the place and the reason (libsndfile's own words
/// where it is libsndfile that refuses); a missing libsndfile says which package to install.
/// </remarks>
public static class SndFileReader
{
    /// <summary>True when libsndfile can be loaded on this machine. Any thread.</summary>
    public static bool IsAvailable => SndFileLibrary.IsAvailable;

    /// <summary>libsndfile's version string (for example "libsndfile-1.2.2"), or null when it is missing. Any thread.</summary>
    public static string? LibraryVersion => SndFileDecoder.Version();

    /// <summary>Loads a file. Throws <see cref="InstrumentLoadException"/> naming the file, the place and the reason.</summary>
    public static Sample Load(string path) => Load(path, null);

    /// <summary>Loads a file, adding what was tolerated to <paramref name="warnings"/> (each naming the file).</summary>
    public static Sample Load(string path, ICollection<string>? warnings)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw new InstrumentLoadException(path, "is a directory, not an audio file");
        if (File.Exists(path))
            RegularFile.Require(path, long.MaxValue, "an audio file"); // a FIFO would block the open, a device never end
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
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
            return ReadSeekable(stream, path, warnings, SndFileDecoder.DefaultMaxValues);
    }

    /// <summary>
    /// Reads an audio stream from its current position; <paramref name="name"/> is used in messages and as the sample's
    /// name. A stream that cannot seek is first copied into memory. The stream is not disposed.
    /// </summary>
    public static Sample Read(Stream stream, string name, ICollection<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (!stream.CanRead)
            throw new ArgumentException("the stream cannot be read", nameof(stream));
        if (stream.CanSeek)
            return ReadSeekable(stream, name, warnings, SndFileDecoder.DefaultMaxValues);
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
        return ReadSeekable(copy, name, warnings, SndFileDecoder.DefaultMaxValues);
    }

    /// <summary>As <see cref="Read"/> on a seekable stream, with a bound on the decoded values (for tests of the bound).</summary>
    internal static Sample ReadSeekable(Stream stream, string name, ICollection<string>? warnings, long maxValues)
    {
        long origin = stream.Position;
        long length;
        Span<byte> head = stackalloc byte[12];
        int got;
        try
        {
            length = Math.Max(0, stream.Length - origin);
            got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            stream.Position = origin;
        }
        catch (IOException e)
        {
            throw new InstrumentLoadException(name, "", "cannot read the file: " + e.Message, e);
        }

        var container = Sniff(head[..got]);
        if (container == Container.Wave)
        {
            warnings?.Add($"{name}: byte 0: a RIFF/WAVE file under another extension: read as WAV");
            return WavReader.Read(stream, name, warnings);
        }

        if (container == Container.Unknown)
        {
            throw new InstrumentLoadException(name, "byte 0", got == 0
                ? "the file is empty"
                : $"not a FLAC, Ogg, AIFF, CAF or Wave64 file: it starts with {Describe(head[..got])}");
        }

        return SndFileDecoder.Decode(stream, origin, length, name, "", maxValues, warnings, out _);
    }

    internal enum Container
    {
        Unknown,
        Wave,
        LibSndFile,
    }

    /// <summary>Recognises the containers by their magic numbers (FLAC "fLaC", Ogg "OggS", IFF "FORM"+"AIFF"/"AIFC", CAF "caff", Wave64's "riff" GUID, RF64).</summary>
    internal static Container Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
            return Container.Unknown;
        ReadOnlySpan<byte> id = head[..4];
        if (id.SequenceEqual("RIFF"u8) && head.Length >= 12 && head[8..12].SequenceEqual("WAVE"u8))
            return Container.Wave;
        if (id.SequenceEqual("fLaC"u8) || id.SequenceEqual("OggS"u8) || id.SequenceEqual("caff"u8) || id.SequenceEqual("riff"u8)
            || id.SequenceEqual("RF64"u8) || id[..3].SequenceEqual("ID3"u8))
            return Container.LibSndFile;
        if (id.SequenceEqual("FORM"u8) && head.Length >= 12 && (head[8..12].SequenceEqual("AIFF"u8) || head[8..12].SequenceEqual("AIFC"u8)))
            return Container.LibSndFile;
        return Container.Unknown;
    }

    private static string Describe(ReadOnlySpan<byte> head)
    {
        var hex = new StringBuilder();
        var text = new StringBuilder();
        foreach (byte b in head[..Math.Min(8, head.Length)])
        {
            hex.Append(hex.Length == 0 ? "" : " ").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            text.Append(b is >= 0x20 and <= 0x7E ? (char)b : '.');
        }

        return $"{hex} ('{text}')";
    }
}

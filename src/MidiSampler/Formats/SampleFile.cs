using MidiSampler.Formats.SndFile;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;

namespace MidiSampler.Formats;

/// <summary>
/// Loads a sample file of any supported format, chosen by its extension: WAV through <see cref="WavReader"/>, FLAC, Ogg
/// (Vorbis, Opus), AIFF, CAF and Wave64 through libsndfile (<see cref="SndFileReader"/>). Control or loader thread.
/// </summary>
public static class SampleFile
{
    /// <summary>The extensions <see cref="Load(string)"/> reads, for messages and help texts.</summary>
    public const string SupportedExtensions = ".wav, .wave, .flac, .ogg, .oga, .opus, .aif, .aiff, .aifc, .caf, .w64";

    /// <summary>
    /// Loads a sample. Throws <see cref="InstrumentLoadException"/> naming the file and the reason when it is
    /// missing, unreadable or of an unsupported format.
    /// </summary>
    public static Sample Load(string path) => LoadWithWarnings(path, null);

    /// <summary>
    /// Loads a sample, adding to <paramref name="warnings"/> what the reader tolerated (each naming the file and
    /// the place). Throws <see cref="InstrumentLoadException"/> as <see cref="Load(string)"/> does.
    /// </summary>
    public static Sample LoadWithWarnings(string path, ICollection<string>? warnings)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".wav" or ".wave" => WavReader.Load(path, warnings),
            // Everything else goes through libsndfile (SndFileReader); WAV stays on our own reader (no native
            // dependency on the common path, and its tolerance rules are ours).
            ".flac" or ".ogg" or ".oga" or ".opus" or ".aif" or ".aiff" or ".aifc" or ".caf" or ".w64" => SndFileReader.Load(path, warnings),
            _ => throw new InstrumentLoadException(path, $"unsupported sample format '{extension}' (supported: {SupportedExtensions})"),
        };
    }
}

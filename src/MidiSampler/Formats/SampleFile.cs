using MidiSampler.Formats.Wav;
using MidiSampler.Model;

namespace MidiSampler.Formats;

/// <summary>Loads a sample file of any supported format, chosen by its extension. Control or loader thread.</summary>
public static class SampleFile
{
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
            ".flac" or ".ogg" or ".oga" or ".aif" or ".aiff" =>
                throw new InstrumentLoadException(path, $"{extension} samples are not supported yet (they will be read through libsndfile)"),
            _ => throw new InstrumentLoadException(path, $"unsupported sample format '{extension}' (supported: .wav)"),
        };
    }
}

using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>Loads an SFZ file into an <see cref="Instrument"/>. Control or loader thread.</summary>
public static class SfzLoader
{
    /// <summary>
    /// Loads an SFZ instrument. Regions whose sample is missing or unreadable are skipped with a warning
    /// (in <see cref="Instrument.Warnings"/>) that names them. Throws <see cref="InstrumentLoadException"/>
    /// when the file itself cannot be read.
    /// </summary>
    /// <param name="path">The .sfz file.</param>
    /// <param name="sampleLoader">Loads a sample file by full path; defaults to <see cref="SampleFile.Load"/>.</param>
    public static Instrument Load(string path, Func<string, Sample>? sampleLoader = null) =>
        throw new NotSupportedException("contract stub: " + path + (sampleLoader is null));
}

using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>Loads an SFZ file into an <see cref="Instrument"/>. Control or loader thread.</summary>
/// <remarks>
/// What is mapped, and what is only reported, is listed in <c>SfzOpcodeCatalog.Implemented</c>; the parsing rules are
/// described on <see cref="SfzParser"/>, the inheritance and defaults on <c>SfzInstrumentBuilder</c>.
/// </remarks>
public static class SfzLoader
{
    /// <summary>
    /// Loads an SFZ instrument. Regions whose sample is missing or unreadable are skipped with a warning
    /// (in <see cref="Instrument.Warnings"/>) that names them. Throws <see cref="InstrumentLoadException"/>
    /// when the file itself cannot be read.
    /// </summary>
    /// <param name="path">The .sfz file.</param>
    /// <param name="sampleLoader">
    /// Loads a sample file by full path; defaults to <see cref="SampleFile.LoadWithWarnings"/>. It must throw
    /// <see cref="InstrumentLoadException"/> for a file it cannot read; that region is then skipped with a warning.
    /// </param>
    public static Instrument Load(string path, Func<string, Sample>? sampleLoader = null) =>
        Load(path, sampleLoader is null ? SampleFileLoader.Default : new SampleFileLoader((p, _) => sampleLoader(p)), null);

    /// <summary>
    /// Loads an SFZ instrument after one parse, its sample files all at once through <paramref name="samples"/> (see
    /// <see cref="InstrumentLoader.Load"/>, the entry point that chooses it).
    /// </summary>
    internal static Instrument Load(string path, ISampleLoader samples, IProgress<LoadProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = Path.GetFullPath(path);
        var builder = new SfzInstrumentBuilder(fullPath, samples, progress);
        Instrument? instrument = null;
        try
        {
            SfzParser.ParseFile(path, builder);
            builder.Finish();
            IReadOnlyList<string> warnings = builder.SampleWarnings.Count == 0 ? builder.Warnings : [.. builder.SampleWarnings, .. builder.Warnings];
            instrument = new Instrument(Path.GetFileNameWithoutExtension(path), builder.Regions, warnings, fullPath)
            {
                InitialControllers = builder.InitialControllers,
                Effects = builder.Effects,
            };
            return instrument;
        }
        finally
        {
            if (builder.SamplesLoaded)
                samples.Complete(instrument);
        }
    }
}

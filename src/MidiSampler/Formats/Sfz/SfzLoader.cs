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
    /// Loads a sample file by full path; defaults to <see cref="SampleFile.Load"/>. It must throw
    /// <see cref="InstrumentLoadException"/> for a file it cannot read; that region is then skipped with a warning.
    /// </param>
    public static Instrument Load(string path, Func<string, Sample>? sampleLoader = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = Path.GetFullPath(path);
        // The default loader's own warnings (a repaired sample, an ignored loop) join the instrument's.
        var sampleWarnings = new List<string>();
        var builder = new SfzInstrumentBuilder(fullPath, sampleLoader ?? (p => SampleFile.LoadWithWarnings(p, sampleWarnings)));
        SfzParser.ParseFile(path, builder);
        builder.Finish();
        IReadOnlyList<string> warnings = sampleWarnings.Count == 0 ? builder.Warnings : [.. sampleWarnings.Take(SfzInstrumentBuilder.MaxWarnings), .. builder.Warnings];
        return new Instrument(Path.GetFileNameWithoutExtension(path), builder.Regions, warnings, fullPath)
        {
            InitialControllers = builder.InitialControllers,
            Effects = builder.Effects,
        };
    }
}

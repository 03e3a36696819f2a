using MidiSampler.Model;

namespace MidiSampler.Formats;

/// <summary>
/// The in-RAM <see cref="ISampleLoader"/>: each file through a function (by default <see cref="SampleFile.LoadWithWarnings"/>,
/// whose warnings, a repaired sample or an ignored loop, join the instrument's), one after the other on the calling
/// thread. Threads: control or loader thread.
/// </summary>
internal sealed class SampleFileLoader(Func<string, ICollection<string>?, Sample> load) : ISampleLoader
{
    /// <summary>Decodes with <see cref="SampleFile.LoadWithWarnings"/>.</summary>
    public static readonly SampleFileLoader Default = new(SampleFile.LoadWithWarnings);

    public IReadOnlyDictionary<string, SampleLoadResult> LoadAll(IReadOnlyList<string> fullPaths, ICollection<string> warnings, IProgress<LoadProgress>? progress)
    {
        var results = new Dictionary<string, SampleLoadResult>(StringComparer.Ordinal);
        foreach (string path in fullPaths)
        {
            try
            {
                results[path] = new SampleLoadResult(load(path, warnings), null);
            }
            catch (InstrumentLoadException e)
            {
                results[path] = new SampleLoadResult(null, e);
            }

            progress?.Report(new LoadProgress(results.Count, fullPaths.Count, 0));
        }

        return results;
    }

    public void Complete(Instrument? instrument)
    {
    }
}

using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Sample loading: a region's sample path is resolved where the region ends, but the files are loaded together once the
/// whole SFZ is parsed, in one <see cref="ISampleLoader.LoadAll"/> call, so that a loader can decode them in parallel
/// (or open them for streaming) after a single parse. The regions are then built in file order.
/// </summary>
internal sealed partial class SfzInstrumentBuilder
{
    private readonly List<PendingRegion> _pending = [];

    /// <summary>True once the sample loader was asked for the files (so it must be told when the instrument is complete).</summary>
    public bool SamplesLoaded { get; private set; }

    /// <summary>Warnings of the sample files' readers (reported by the loader), kept before the SFZ's own.</summary>
    public List<string> SampleWarnings { get; } = [];

    private void CompleteRegions()
    {
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Conditions on controllers above 141 are fixed by the whole file's set_ccN: decide them before loading anything.
        _pending.RemoveAll(p => p.Draft.HighCcRanges.Count > 0 && !HighControllerConditionsHold(p.Draft, p.At));
        foreach (var p in _pending)
        {
            if (p.FullPath is { } full && seen.Add(full))
                paths.Add(full);
        }

        SamplesLoaded = paths.Count > 0;
        var loaded = SamplesLoaded ? _sampleLoader.LoadAll(paths, SampleWarnings, _progress) : new Dictionary<string, SampleLoadResult>();
        foreach (var p in _pending)
        {
            var sample = p.Generated;
            if (sample is null && p.FullPath is null)
            {
                sample = EmbeddedSample(p.SamplePath);
                if (sample is null)
                    Warn(p.Draft.SampleLocation ?? p.At, $"sample '{SfzParser.Excerpt(p.SamplePath)}' not found; region skipped");
            }
            else if (sample is null && loaded.TryGetValue(p.FullPath!, out var result))
            {
                sample = result.Sample;
                if (sample is null)
                {
                    string reason = result.Error?.Message ?? "not loaded";
                    Warn(p.Draft.SampleLocation ?? p.At, $"sample '{SfzParser.Excerpt(p.SamplePath)}' cannot be loaded ({reason}); region skipped");
                }
            }

            if (sample is not null)
                CompleteRegion(p.Draft, p.SamplePath, sample, p.At);
        }

        _pending.Clear();
    }

    private sealed record PendingRegion(SfzRegionDraft Draft, string SamplePath, string? FullPath, Sample? Generated, SfzLocation At);
}

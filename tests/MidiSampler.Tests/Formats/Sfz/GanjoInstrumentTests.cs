using System.Text.RegularExpressions;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>Loads the real ganjo instrument (shared/instruments/ganjo, CC0) with synthetic samples.</summary>
public sealed partial class GanjoInstrumentTests
{
    [SharedDataFact]
    public void Ganjo_loads_every_region_with_its_keys_and_round_robin()
    {
        string sfz = Path.Combine(FindGanjoDirectory(), "ganjo.sfz");
        var requested = new List<string>();

        var inst = SfzLoader.Load(sfz, path =>
        {
            Assert.True(File.Exists(path), $"ganjo.sfz names a sample that is not on disk: {path}");
            requested.Add(path);
            return Sample.FromInterleaved(path, 44_100, 1, new float[64]);
        });

        Assert.Empty(inst.Warnings);
        Assert.Equal("ganjo", inst.Name);
        // ganjo.sfz has 58 <region> headers (the folder holds 61 WAVs; three are not used by the SFZ).
        Assert.Equal(58, inst.Regions.Count);
        Assert.Equal(58, requested.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(requested.Count, requested.Distinct(StringComparer.Ordinal).Count());

        foreach (var r in inst.Regions)
        {
            Assert.StartsWith("Common/Banjo_Common - ", r.SamplePath, StringComparison.Ordinal);
            Assert.Equal(0.25, r.AmpEnvelope.ReleaseSeconds); // from <global>
            Assert.InRange(r.PitchKeyCenter, r.LoKey, r.HiKey);
            // The sample names use a note naming one octave above SFZ's (c4 = 60): "D#3" is key 39.
            string note = NoteInName().Match(r.SamplePath).Groups[1].Value;
            Assert.True(SfzKey.TryParse(note, out int named), note);
            Assert.Equal(named - 12, r.PitchKeyCenter);
        }

        var first = inst.Regions[0];
        Assert.Equal(("Common/Banjo_Common - D#3.wav", 38, 39, 39), (first.SamplePath, first.LoKey, first.HiKey, first.PitchKeyCenter));
        var last = inst.Regions[^1];
        Assert.Equal(("Common/Banjo_Common - B5.wav", 71, 72, 71), (last.SamplePath, last.LoKey, last.HiKey, last.PitchKeyCenter));

        // Round robin: every key 38..72 has exactly one region per position of its cycle, and cycles are of 1 or 2.
        for (int key = 38; key <= 72; key++)
        {
            var matching = inst.Regions.Where(r => r.Matches(key, 100, 1)).ToList();
            Assert.NotEmpty(matching);
            int length = matching[0].SeqLength;
            Assert.All(matching, r => Assert.Equal(length, r.SeqLength));
            Assert.Equal(Enumerable.Range(1, length), matching.Select(r => r.SeqPosition).Order());
        }

        Assert.Equal(11, inst.Regions.Count(r => r.SeqPosition == 2));
        Assert.DoesNotContain(inst.Regions, r => r.Matches(37, 100, 1) || r.Matches(73, 100, 1));
    }

    /// <summary>
    /// Finds shared/instruments/ganjo by walking up from the test assembly: in this workspace and in CI the
    /// repository is checked out with shared/ beside it.
    /// </summary>
    internal static string FindGanjoDirectory() => Path.Combine(FindSharedDirectory(), "instruments", "ganjo");

    /// <summary>The shared/ directory beside the clone (see <see cref="SharedData"/>).</summary>
    internal static string FindSharedDirectory() => SharedData.Require();

    [GeneratedRegex(@"- ([A-G]#?\d)(_\d+)?\.wav$")]
    private static partial Regex NoteInName();
}

using System.Diagnostics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Formats.Sfz;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>Random and mutated SFZ text: the parser and the loader never throw, never hang, never let bad numbers through.</summary>
public sealed class SfzParserPropertyTests : IDisposable
{
    private const string ValidTemplate = """
        // a comment
        #define $KEY c4
        <control> default_path=smp\
        <global> ampeg_release=0.3 volume=-3
        <master> tune=5
        <group> lokey=40 hikey=$KEY seq_length=2
        <region> sample=A b#1.wav seq_position=1 pitch_keycenter=42 /* block
        comment */ loop_mode=one_shot
        <region> sample=a B#1.wav seq_position=2 end=500 offset=10 trigger=release
        <region> sample=loop.wav key=f#3 ampeg_sustain=50 pan=-20 group=1 off_by=2
        <curve> curve_index=7 v000=0
        """;

    private static readonly string[] Fragments =
    [
        "<region>", "<group>", "<global>", "<master>", "<control>", "<curve>", "<effect>", "<sample>", "<", ">", "<>",
        "sample=", "a b.wav", "A B#1.WAV", "smp\\loop.wav", "lokey=", "hikey=", "key=", "pitch_keycenter=", "lovel=",
        "end=", "offset=", "loop_start=", "loop_end=", "volume=", "pan=", "ampeg_attack=", "ampeg_sustain=", "seq_length=",
        "seq_position=", "trigger=", "loop_mode=", "default_path=", "note_offset=", "octave_offset=", "tune=", "group=",
        "c4", "C#-1", "db9", "h3", "-1", "0", "127", "128", "1e30", "-1e30", "NaN", "Infinity", "4294967297", "0.5",
        "=", "//", "/*", "*/", "\n", "\r\n", "\r", " ", "\t", "#define $X ", "#define ", "#include \"", "#include \"a.sfz\"",
        "curve_index=", "v000=", "v064=", "v127=", "v128=", "amplitude_oncc1=", "amplitude_curvecc1=", "pitch_curvecc7=",
        "sync_beats=", "sync_offset=", "eg1_time1=", "eg1_shape1=", "eg1_level1=",
        "$X", "$", "$$", "\"", "\uFEFF", "\0", "é", "\uD800", "#", "\\", "/", "x", "_",
    ];

    private readonly TempSfzDirectory _dir = new();

    public SfzParserPropertyTests()
    {
        _dir.Touch("smp/A b#1.wav", "smp/loop.wav", "a b.wav");
        // An include that includes itself, reachable from the random text.
        _dir.Write("a.sfz", "<region> sample=a b.wav\n#include \"a.sfz\"\n");
    }

    public void Dispose() => _dir.Dispose();

    private static Gen<string> TokenSoup =>
        Gen.Elements(Fragments).ListOf().Select(parts => string.Concat(parts));

    private static Gen<string> MutatedTemplate =>
        from seed in Gen.Choose(0, int.MaxValue)
        from count in Gen.Choose(1, 12)
        select Mutate(ValidTemplate, seed, count);

    private static Gen<string> AnyText => ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "");

    [Fact]
    public void Parser_never_throws_and_reports_sane_locations() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(
            Gen.OneOf(TokenSoup, MutatedTemplate, AnyText).ToArbitrary(),
            text =>
            {
                var r = RecordingSfzListener.Parse(text, Path.Combine(_dir.Root, "random.sfz"));
                int lines = text.Count(c => c is '\n' or '\r') + 1;
                foreach (var loc in r.Headers.Select(h => h.Location).Concat(r.Opcodes.Select(o => o.Location)).Concat(r.Diagnostics.Select(d => d.Location)))
                {
                    if (loc.Line < 1 || loc.Column < 1 || (loc.FilePath.EndsWith("random.sfz", StringComparison.Ordinal) && loc.Line > lines))
                        return false;
                }

                return r.Opcodes.All(o => o.Value.Length <= SfzParser.MaxExpandedChars);
            }));

    [Fact]
    public void Loader_never_throws_and_every_region_holds_valid_values() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(250), Prop.ForAll(
            Gen.OneOf(TokenSoup, MutatedTemplate).ToArbitrary(),
            text =>
            {
                var watch = Stopwatch.StartNew();
                var inst = _dir.Load(text, "random.sfz");
                // A runaway guard, not a speed figure: a load takes milliseconds, and 10 s leaves room for a busy 2-core machine.
                if (watch.Elapsed > TimeSpan.FromSeconds(10) || inst.Warnings.Count > SfzInstrumentBuilder.MaxWarnings + 1)
                    return false;
                return inst.Regions.All(IsSane);
            }));

    [Fact]
    public void The_unmutated_template_loads_cleanly()
    {
        var inst = _dir.Load(ValidTemplate, "template.sfz");

        Assert.Equal(3, inst.Regions.Count);
        Assert.Empty(inst.Warnings); // <curve> is implemented: the template is clean
        Assert.Equal(inst.Regions[0].Sample, inst.Regions[1].Sample); // "A b#1" and "a B#1": one file, case ignored
        Assert.Equal((40, 60, 2, 2), (inst.Regions[1].LoKey, inst.Regions[1].HiKey, inst.Regions[1].SeqLength, inst.Regions[1].SeqPosition));
        Assert.Equal((54, 54, 0.5, 5.0), (inst.Regions[2].LoKey, inst.Regions[2].HiKey, inst.Regions[2].AmpEnvelope.SustainLevel, inst.Regions[2].TuneCents));
    }

    private static bool IsSane(MidiSampler.Model.Region r)
    {
        var e = r.AmpEnvelope;
        double[] values = [r.TuneCents, r.VolumeDb, r.Pan, r.AmpVeltrackPercent, r.PitchKeytrackCents,
            e.DelaySeconds, e.AttackSeconds, e.HoldSeconds, e.DecaySeconds, e.SustainLevel, e.ReleaseSeconds];
        return values.All(double.IsFinite)
            && r.LoKey is >= 0 and <= 127 && r.HiKey is >= 0 and <= 127 && r.PitchKeyCenter is >= 0 and <= 127
            && r.LoVelocity is >= 0 and <= 127 && r.HiVelocity is >= 0 and <= 127
            && r.LoChannel is >= 1 and <= 16 && r.HiChannel is >= 1 and <= 16
            && r.VolumeDb is >= -144 and <= 48 // the builder's cap (as sfizz), not the spec page's 6 dB
            && r.Pan is >= -100 and <= 100 && e.SustainLevel is >= 0 and <= 1
            && e.ReleaseSeconds is >= 0 and <= 100 && e.AttackSeconds is >= 0 and <= 100
            && r.Offset >= 0 && r.LoopStart >= 0 && r.LoopEnd >= 0 && (r.End == -1 || r.End > 0)
            && r.SeqLength is >= 1 and <= 100 && r.SeqPosition is >= 1 and <= 100 && r.Transpose is >= -127 and <= 127;
    }

    /// <summary>Deletes, duplicates, inserts and flips pieces of <paramref name="text"/>, reproducibly from <paramref name="seed"/>.</summary>
    private static string Mutate(string text, int seed, int count)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(text);
        for (int m = 0; m < count; m++)
        {
            int at = random.Next(sb.Length + 1);
            int length = Math.Min(random.Next(1, 12), sb.Length - at);
            switch (random.Next(4))
            {
                case 0 when length > 0:
                    sb.Remove(at, length);
                    break;
                case 1 when length > 0:
                    sb.Insert(at, sb.ToString(at, length));
                    break;
                case 2:
                    sb.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                default:
                    if (at < sb.Length)
                        sb[at] = (char)random.Next(0, 128);
                    break;
            }
        }

        return sb.ToString();
    }
}

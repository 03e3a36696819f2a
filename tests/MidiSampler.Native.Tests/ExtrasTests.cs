using MidiSampler.Cli.Tests.TestSupport;
using System.Globalization;
using System.Text.RegularExpressions;
using MidiSampler.Native.Tests.TestSupport;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Native.Tests;

/// <summary>
/// CPrograms/extras.c: the API beyond the original design. An instrument loaded whole from an SFZ or SoundFont file, or
/// from a FLAC sample; a raw MIDI note-on that must sound at exactly its frame offset; planar rendering; the stats struct.
/// </summary>
public sealed partial class ExtrasTests
{
    private const int OffsetFrames = 37;

    [Fact]
    public void Sfz_file_played_by_raw_midi_sounds_at_its_frame_offset_with_its_pitch()
    {
        using var dir = new TempDirectory();
        TestAudio.WriteSine(dir.File("tone.wav"));
        File.WriteAllText(dir.File("tone.sfz"), "<region> sample=tone.wav pitch_keycenter=60\n");
        var (left, right, stats) = Render(dir, "file", dir.File("tone.sfz"));
        AssertSine(left, right, stats);
    }

    [Fact]
    public void Flac_sample_plays_like_the_wav_it_was_made_from()
    {
        using var dir = new TempDirectory();
        TestAudio.WriteSine(dir.File("tone.wav"));
        // sox makes the FLAC (24-bit): an independent encoder, decoded in the library through libsndfile.
        var (exit, output) = NativeRun.Run("sox", dir.Path, null, TimeSpan.FromSeconds(30), "tone.wav", "-b", "24", "tone.flac");
        Assert.True(exit == 0, output);
        var (left, right, stats) = Render(dir, "sample", dir.File("tone.flac"));
        AssertSine(left, right, stats);
    }

    [Fact]
    public void SoundFont_first_preset_sounds_at_the_frame_offset()
    {
        // Debian's FluidR3_GM, which scripts/install-deps.sh installs (the peer comparisons use it too).
        const string bank = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
        Assert.True(File.Exists(bank), $"the SoundFont is missing: {bank} (scripts/install-deps.sh installs fluid-soundfont-gm)");
        using var dir = new TempDirectory();
        var (left, right, stats) = Render(dir, "file", bank);
        // Silent before the offset; from it the preset's attack rises from 0, so its first audible frame is a few later.
        Assert.InRange(Signals.FirstNonZero(left, 1e-7f), OffsetFrames, OffsetFrames + 8);
        Assert.InRange(Signals.FirstNonZero(right, 1e-7f), OffsetFrames, OffsetFrames + 8);
        Assert.All(left, x => Assert.True(float.IsFinite(x)));
        Assert.InRange(Signals.Db(Signals.Rms(left, 2_400, 12_000)), -40, 0);
        Assert.Equal(0, stats.Dropped);
    }

    private static void AssertSine(float[] left, float[] right, Stats stats)
    {
        // Silence before the offset, sound from it (the sine's first frame is 0, so frame offset + 1 is the first non-zero).
        Assert.Equal(OffsetFrames + 1, Signals.FirstNonZero(left, 1e-7f));
        Assert.Equal(left, right);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, TestAudio.SampleRate, 2_400, 20_000), TestAudio.MiddleCHz), -1, 1);
        double expectedDb = Signals.Db(TestAudio.Amplitude / Math.Sqrt(2) * TestAudio.NoteGain(100));
        Assert.InRange(Signals.Db(Signals.Rms(left, 2_400, 20_000)) - expectedDb, -0.1, 0.1);
        Assert.Equal(187 * 128, stats.Frames);
        Assert.Equal(187, stats.Blocks);
        Assert.Equal(1, stats.PeakVoices);
        Assert.Equal(0, stats.Dropped);
        Assert.InRange(Signals.Db(stats.Peak) - Signals.Db(TestAudio.Amplitude * TestAudio.NoteGain(100)), -0.1, 0.1);
    }

    private static (float[] Left, float[] Right, Stats Stats) Render(TempDirectory dir, string mode, string instrument)
    {
        string output = dir.File("out.f32");
        var (exit, text) = NativeRun.Run(NativeBuild.Program("extras"), dir.Path, null, TimeSpan.FromSeconds(60),
            mode, instrument, output, OffsetFrames.ToString(CultureInfo.InvariantCulture));
        Assert.True(exit == 0, $"extras exited {exit}:\n{text}");
        var m = StatsLine().Match(text);
        Assert.True(m.Success, text);
        var stats = new Stats(
            long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture));
        var (left, right) = TestAudio.ReadStereoFloats(output);
        return (left, right, stats);
    }

    [GeneratedRegex(@"stats frames=(\d+) blocks=(\d+) peak_voices=(\d+) dropped=(\d+) peak=([0-9.]+)")]
    private static partial Regex StatsLine();

    private sealed record Stats(long Frames, long Blocks, int PeakVoices, long Dropped, double Peak);
}

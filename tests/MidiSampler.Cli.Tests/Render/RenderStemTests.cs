using System.Text.Json;
using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Wav;

namespace MidiSampler.Cli.Tests.Render;

/// <summary>
/// <c>midi-sampler render --outputs N</c> and <c>--multi-out</c>: one stereo stem file per SFZ output (or MIDI channel)
/// beside the unchanged main file, each holding only its own regions, all of the main file's length, summing to the
/// main mix; and <c>info --json</c> showing each region's output.
/// </summary>
public sealed class RenderStemTests
{
    // Key 69 (the first note of the song, at 0.5 s) on output 0, key 81 (the second, at 2.0 s) on output 3.
    private const string Kit = """
        <group> pitch_keycenter=69
        <region> sample=tone.wav hikey=75
        <region> sample=tone.wav lokey=76 output=3
        """;

    [Fact]
    public void Outputs_writes_a_stem_per_output_each_with_only_its_regions_and_the_main_file_is_their_sum()
    {
        using var dir = new TempDirectory();
        Fixtures.ToneWav(dir);
        string sfz = dir.File("kit.sfz"), song = Fixtures.TwoNotesWithTempoChange(dir), output = dir.File("mix.wav");
        File.WriteAllText(sfz, Kit);

        var (exit, stdout, stderr) = CliRunner.Run("render", sfz, song, "-o", output, "--format", "float32", "--no-effects", "--outputs", "4", "--block-size", "77");

        Assert.True(exit == 0, stderr);
        Assert.Contains("mix.wav and 4 stems (mix.output00.wav ... mix.output03.wav)", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", stderr, StringComparison.Ordinal);
        var main = WavReader.Load(output);
        var stems = Enumerable.Range(0, 4).Select(k => WavReader.Load(dir.File($"mix.output{k:00}.wav"))).ToArray();
        Assert.All(stems, s => Assert.Equal((main.FrameCount, 2, 48_000), (s.FrameCount, s.Channels, s.SampleRate)));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.partial"));

        float[] zero = Fixtures.Channel(stems[0], 0), three = Fixtures.Channel(stems[3], 0);
        Assert.Equal(24_000, Fixtures.FirstAbove(zero, 1e-4f)); // A4 at 0.5 s on output 0 ...
        Assert.Equal(-1, Fixtures.FirstAbove(zero, 1e-4f, from: 48_000 + 480)); // ... and nothing after it
        Assert.Equal(96_000, Fixtures.FirstAbove(three, 1e-4f)); // A5 at 2.0 s on output 3, silent before
        Assert.InRange(1200 * Math.Log2(Fixtures.Frequency(three, 48_000, 98_000, 118_000) / 880), -1, 1);
        foreach (int silent in new[] { 1, 2 })
        {
            Assert.All(Fixtures.Channel(stems[silent], 0), x => Assert.Equal(0f, x));
            Assert.All(Fixtures.Channel(stems[silent], 1), x => Assert.Equal(0f, x));
        }

        for (int side = 0; side < 2; side++)
        {
            float[] mix = Fixtures.Channel(main, side), a = Fixtures.Channel(stems[0], side), b = Fixtures.Channel(stems[3], side);
            for (int i = 0; i < mix.Length; i++)
                Assert.Equal(a[i] + b[i], mix[i]);
        }
    }

    [Fact]
    public void With_effects_the_main_file_is_the_one_a_render_without_stems_writes()
    {
        using var dir = new TempDirectory();
        Fixtures.ToneWav(dir);
        string sfz = dir.File("kit.sfz"), song = Fixtures.TwoNotesWithTempoChange(dir);
        File.WriteAllText(sfz, Kit.Replace("output=3", "output=3 effect1=60", StringComparison.Ordinal)); // a reverb send

        var (exitPlain, _, errorPlain) = CliRunner.Run("render", sfz, song, "-o", dir.File("plain.wav"), "--format", "float32");
        var (exitStems, _, errorStems) = CliRunner.Run("render", sfz, song, "-o", dir.File("split.wav"), "--format", "float32", "--outputs", "2");

        Assert.True(exitPlain == 0, errorPlain);
        Assert.True(exitStems == 0, errorStems);
        var plain = WavReader.Load(dir.File("plain.wav"));
        var split = WavReader.Load(dir.File("split.wav"));
        Assert.Equal(plain.FrameCount, split.FrameCount);
        float[] p = Fixtures.Channel(plain, 0), s = Fixtures.Channel(split, 0);
        float[] zero = Fixtures.Channel(WavReader.Load(dir.File("split.output00.wav")), 0), one = Fixtures.Channel(WavReader.Load(dir.File("split.output01.wav")), 0);
        for (int i = 0; i < p.Length; i++)
            Assert.Equal(p[i], s[i], 1e-5f);

        // The stems are dry: A5's reverb return (effect1) is in the main file only.
        double returns = 0;
        for (int i = 100_000; i < 140_000; i++)
            returns = Math.Max(returns, Math.Abs(s[i] - zero[i] - one[i]));
        Assert.True(returns > 1e-3, "the reverb return is missing from the main file");
        Assert.Equal(96_000, Fixtures.FirstAbove(one, 1e-4f));
    }

    [Fact]
    public void Multi_out_writes_a_stem_per_midi_channel()
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir), song = Fixtures.TwoNotesWithTempoChange(dir), output = dir.File("song.wav");

        var (exit, _, stderr) = CliRunner.Run("render", wav, song, "-o", output, "--format", "float32", "--no-effects", "--multi-out");

        Assert.True(exit == 0, stderr);
        var main = Fixtures.Channel(WavReader.Load(output), 0);
        Assert.Equal(main, Fixtures.Channel(WavReader.Load(dir.File("song.ch01.wav")), 0)); // the song plays on channel 1
        Assert.All(Fixtures.Channel(WavReader.Load(dir.File("song.ch16.wav")), 0), x => Assert.Equal(0f, x));
        Assert.Equal(17, Directory.GetFiles(dir.Path, "song*.wav").Length);
    }

    [Theory]
    [InlineData("--outputs", "17")]
    [InlineData("--outputs", "-1")]
    [InlineData("--multi-out", "--outputs=2")]
    public void Bad_stem_options_are_bad_input_and_write_nothing(string option, string value)
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir), song = Fixtures.TwoNotesWithTempoChange(dir), output = dir.File("out.wav");

        var (exit, _, stderr) = CliRunner.Run("render", wav, song, "-o", output, option, value);

        Assert.Equal(1, exit);
        Assert.Contains("--outputs", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path, "out*"));
    }

    [Fact]
    public void More_outputs_than_stems_are_reported_and_play_on_the_last_stem()
    {
        using var dir = new TempDirectory();
        Fixtures.ToneWav(dir);
        string sfz = dir.File("kit.sfz"), song = Fixtures.TwoNotesWithTempoChange(dir), output = dir.File("mix.wav");
        File.WriteAllText(sfz, Kit);

        var (exit, _, stderr) = CliRunner.Run("render", sfz, song, "-o", output, "--format", "float32", "--no-effects", "--outputs", "2");

        Assert.True(exit == 0, stderr);
        Assert.Contains("outputs 2..3 play on output 1", stderr, StringComparison.Ordinal);
        Assert.Equal(96_000, Fixtures.FirstAbove(Fixtures.Channel(WavReader.Load(dir.File("mix.output01.wav")), 0), 1e-4f));
    }

    [Fact]
    public void Info_json_shows_each_regions_output()
    {
        using var dir = new TempDirectory();
        Fixtures.ToneWav(dir);
        string sfz = dir.File("kit.sfz");
        File.WriteAllText(sfz, Kit);

        var (exit, stdout, stderr) = CliRunner.Run("info", sfz, "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var regions = doc.RootElement.GetProperty("regions");
        Assert.Equal([0, 3], regions.EnumerateArray().Select(r => r.GetProperty("output").GetInt32()));
    }
}

using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Wav;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Cli.Tests.Render;

/// <summary>
/// The demo instrument the repository ships (examples/ganjo: CC0, 16-bit FLAC) plays the README's quick start with
/// nothing beside the clone, and sounds like the original 32-bit WAV instrument of the shared data.
/// </summary>
public sealed class DemoInstrumentTests
{
    private static string Demo => Path.Combine(SharedData.RepositoryRoot, "examples", "ganjo", "ganjo.sfz");

    private static string Song => Path.Combine(SharedData.RepositoryRoot, "examples", "banjo-rolls.mid");

    [Fact]
    public void The_quick_start_renders_the_demo_banjo_from_the_repository_alone()
    {
        using var dir = new TempDirectory();
        string output = dir.File("banjo.wav");

        var (exit, stdout, stderr) = CliRunner.Run("render", Demo, Song, "-o", output);

        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("warning", stderr, StringComparison.OrdinalIgnoreCase); // every region found its FLAC
        Assert.Contains("19.80 s rendered", stdout, StringComparison.Ordinal);
        var rendered = WavReader.Load(output);
        var left = Fixtures.Channel(rendered, 0);
        double peakDb = 20 * Math.Log10(left.Max(Math.Abs));
        Assert.InRange(peakDb, -6, 0); // a real banjo piece, not silence nor clipping
    }

    [Fact]
    public void The_demo_is_small_and_carries_its_licence()
    {
        string folder = Path.GetDirectoryName(Demo)!;
        long bytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.InRange(bytes, 1, 4L << 20); // a few MB in the repository, not the 26 MB of WAVs
        Assert.Contains("CC0 1.0 Universal", File.ReadAllText(Path.Combine(folder, "LICENSE.md")), StringComparison.Ordinal);
        var (exit, stdout, stderr) = CliRunner.Run("info", Demo);
        Assert.True(exit == 0, stderr);
        Assert.Contains("58", stdout, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void The_16_bit_flac_demo_renders_the_song_within_the_dither_noise_of_the_original_wav_instrument()
    {
        using var dir = new TempDirectory();
        string original = Path.Combine(SharedData.Require(), "instruments", "ganjo", "ganjo.sfz");
        string fromDemo = dir.File("demo.wav"), fromOriginal = dir.File("original.wav");

        Assert.Equal(0, CliRunner.Run("render", Demo, Song, "-o", fromDemo, "--format", "float32").Exit);
        Assert.Equal(0, CliRunner.Run("render", original, Song, "-o", fromOriginal, "--format", "float32").Exit);

        var a = WavReader.Load(fromDemo);
        var b = WavReader.Load(fromOriginal);
        Assert.Equal(b.FrameCount, a.FrameCount);
        double signal = 0, difference = 0;
        for (int c = 0; c < 2; c++)
        {
            var x = Fixtures.Channel(a, c);
            var y = Fixtures.Channel(b, c);
            for (int i = 0; i < x.Length; i++)
            {
                signal += (double)y[i] * y[i];
                difference += (double)(x[i] - y[i]) * (x[i] - y[i]);
            }
        }

        // 16-bit TPDF dither sits near -96 dBFS; the song's RMS is about -20 dBFS: the difference is far below audibility.
        double ratioDb = 10 * Math.Log10(difference / signal);
        Assert.True(ratioDb < -60, $"the demo differs from the original by {ratioDb:0.0} dB relative to the signal");
    }
}

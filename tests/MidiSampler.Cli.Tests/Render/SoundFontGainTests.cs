using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Wav;

namespace MidiSampler.Cli.Tests.Render;

/// <summary>
/// <c>render</c> with a SoundFont defaults to -12 dB of master gain (a GM song sums 16 full-scale channels;
/// docs/soundfont.md), and <c>--gain</c> still decides when given. Needs <c>apt install fluid-soundfont-gm</c>, as the
/// FluidSynth comparison.
/// </summary>
public sealed class SoundFontGainTests
{
    private const string SoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

    [Fact]
    public void A_soundfont_renders_12_db_lower_unless_gain_is_given()
    {
        Assert.True(File.Exists(SoundFont), $"{SoundFont} is missing: apt install fluid-soundfont-gm");
        using var dir = new TempDirectory();
        string song = dir.File("note.mid");
        var writer = new Formats.Midi.MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        writer.AddNote(track, 0, 480, 0, 60, 110); // piano middle C, 0.5 s
        writer.SetEndOfTrack(track, 960);
        writer.Save(song);

        double defaultPeak = Peak(dir, song, "default.wav");
        double unityPeak = Peak(dir, song, "unity.wav", "--gain", "0");
        double lowPeak = Peak(dir, song, "low.wav", "--gain", "-20");
        Assert.True(unityPeak > 0.01, $"the note sounds (peak {unityPeak})");
        Assert.InRange(20 * Math.Log10(defaultPeak / unityPeak), -12.05, -11.95);
        Assert.InRange(20 * Math.Log10(lowPeak / unityPeak), -20.05, -19.95);
    }

    private static double Peak(TempDirectory dir, string song, string name, params string[] extra)
    {
        string output = dir.File(name);
        var (exit, _, stderr) = CliRunner.Run(["render", SoundFont, song, "-o", output, "--no-effects", "--format", "float32", .. extra]);
        Assert.True(exit == 0, stderr);
        var rendered = WavReader.Load(output);
        return Fixtures.Channel(rendered, 0).Max(MathF.Abs);
    }
}

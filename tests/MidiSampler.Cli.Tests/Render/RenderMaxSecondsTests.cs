using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Wav;

namespace MidiSampler.Cli.Tests.Render;

/// <summary>
/// Issue 20, finding 4: <c>render --max-seconds</c> (default one hour) refuses a song that would run for years, before
/// writing anything, and the render of an ordinary song ends at its last event plus the tails.
/// </summary>
public sealed class RenderMaxSecondsTests
{
    // 40 bytes: a tempo of 2.09 s a beat at one tick per beat, then a note-on after the largest delta (0x0FFFFFFF ticks).
    private static readonly byte[] SeventeenYears =
    [
        .. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, 0, 1,
        .. "MTrk"u8, 0, 0, 0, 18,
        0x00, 0xFF, 0x51, 0x03, 0x1F, 0xEC, 0x20,
        0xFF, 0xFF, 0xFF, 0x7F, 0x90, 0x3C, 0x64,
        0x00, 0xFF, 0x2F, 0x00,
    ];

    [Fact]
    public void A_song_that_declares_seventeen_years_is_refused_by_name_and_nothing_is_written()
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir), song = dir.File("17-years.mid"), output = dir.File("out.wav");
        File.WriteAllBytes(song, SeventeenYears);

        var (exit, _, stderr) = CliRunner.Run("render", wav, song, "-o", output);

        Assert.Equal(1, exit);
        Assert.Contains(song, stderr, StringComparison.Ordinal);
        Assert.Contains("17.8 years", stderr, StringComparison.Ordinal);
        Assert.Contains("--max-seconds 3600", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path, "out*"));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.partial"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("86401")]
    [InlineData("NaN")]
    public void An_absurd_cap_is_refused(string value)
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir), song = Fixtures.TwoNotesWithTempoChange(dir);

        var (exit, _, stderr) = CliRunner.Run("render", wav, song, "-o", dir.File("out.wav"), "--max-seconds", value);

        Assert.Equal(1, exit);
        Assert.Contains("--max-seconds", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cap_below_the_song_refuses_it_and_one_above_renders_it_whole()
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir), song = Fixtures.TwoNotesWithTempoChange(dir), output = dir.File("out.wav");

        var refused = CliRunner.Run("render", wav, song, "-o", output, "--max-seconds", "2.5");
        var rendered = CliRunner.Run("render", wav, song, "-o", output, "--max-seconds", "3.5");

        Assert.Equal(1, refused.Exit);
        Assert.Contains("its last event comes at 3 s", refused.Error, StringComparison.Ordinal);
        Assert.True(rendered.Exit == 0, rendered.Error);
        // The last note ends at 3.0 s plus its short release.
        Assert.InRange(WavReader.Load(output).FrameCount, 144_000, 144_000 + 4_800);
    }
}

using System.Text.RegularExpressions;
using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Wav;

namespace MidiSampler.Cli.Tests.Render;

/// <summary><c>midi-sampler render</c> end to end: real WAV and MIDI files in, a WAV out, checked by ear's proxies.</summary>
public sealed partial class RenderCommandTests
{
    [Theory]
    [InlineData("float32", "cubic")]
    [InlineData("pcm24", "linear")]
    public void Notes_start_at_their_exact_frames_in_tune_and_at_the_expected_level(string format, string interpolation)
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir), song = Fixtures.TwoNotesWithTempoChange(dir), output = dir.File("out.wav");

        var (exit, stdout, stderr) = CliRunner.Run("render", wav, song, "-o", output, "--format", format, "--interpolation", interpolation, "--block-size", "77"); // so that neither onset falls on a block boundary

        Assert.True(exit == 0, stderr);
        var rendered = WavReader.Load(output);
        Assert.Equal(48_000, rendered.SampleRate);
        Assert.Equal(2, rendered.Channels);
        var left = Fixtures.Channel(rendered, 0);

        // 0.5 s and, after the tempo change, 2.0 s: frames 24,000 and 96,000 exactly. The first note ends at 1.0 s
        // with a 1 ms release, so the search for the second starts after that.
        Assert.Equal(24_000, Fixtures.FirstAbove(left, 1e-4f));
        Assert.Equal(0f, left[48_000 + 480]);
        Assert.Equal(96_000, Fixtures.FirstAbove(left, 1e-4f, from: 48_000 + 480));

        // In tune within 1 cent: A4 resampled from 44.1 kHz, and A5 an octave up.
        double a4 = Fixtures.Frequency(left, 48_000, 26_000, 46_000);
        double a5 = Fixtures.Frequency(left, 48_000, 98_000, 118_000);
        Assert.InRange(1200 * Math.Log2(a4 / 440), -1, 1);
        Assert.InRange(1200 * Math.Log2(a5 / 880), -1, 1);

        // Level: velocity 127 is unity; GM's default CC7 of 100 gives (100/127)^2; the centre pan is unity.
        double expected = Fixtures.ToneAmplitude * Math.Pow(100 / 127.0, 2);
        double peak = left.AsSpan(30_000, 10_000).ToArray().Max(Math.Abs);
        Assert.InRange(20 * Math.Log10(peak / expected), -0.1, 0.1);

        // It ends once every voice has finished: the last note ends at 3.0 s plus a short release.
        Assert.InRange(rendered.FrameCount, 144_000, 144_000 + 4_800);
        Assert.Matches(SummaryLine(), stdout);
        Assert.Single(Directory.GetFiles(dir.Path, "*.wav"), f => f.EndsWith("out.wav", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.partial"));
    }

    [Fact]
    public void A_song_that_leaves_notes_held_is_released_and_reported_so_the_render_ends()
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir), output = dir.File("out.wav"), song = dir.File("held.mid");
        var writer = new Formats.Midi.MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        writer.AddNoteOn(track, 0, 0, 69, 100); // never released, and the tone loops forever
        writer.SetEndOfTrack(track, 480);
        writer.Save(song);

        var (exit, _, stderr) = CliRunner.Run("render", wav, song, "-o", output);

        Assert.Equal(0, exit);
        Assert.Contains("held", stderr, StringComparison.Ordinal);
        Assert.InRange(WavReader.Load(output).FrameCount, 24_000, 24_000 + 4_800);
    }

    [Fact]
    public void A_broken_midi_file_is_reported_by_name_and_the_previous_output_is_kept()
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir), output = dir.File("out.wav"), song = dir.File("broken.mid");
        File.WriteAllBytes(song, [0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1]); // MThd cut inside its header
        File.WriteAllText(output, "the user's earlier work");

        var (exit, _, stderr) = CliRunner.Run("render", wav, song, "-o", output);

        Assert.Equal(1, exit);
        Assert.Contains("broken.mid", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace
        Assert.Equal("the user's earlier work", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.partial"));
    }

    [Fact]
    public void A_missing_instrument_is_bad_input_naming_the_file()
    {
        using var dir = new TempDirectory();
        string song = Fixtures.TwoNotesWithTempoChange(dir);
        var (exit, _, stderr) = CliRunner.Run("render", dir.File("nope.sfz"), song, "-o", dir.File("out.wav"));
        Assert.Equal(1, exit);
        Assert.Contains("nope.sfz", stderr, StringComparison.Ordinal);
        Assert.Contains("no such file", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("render", "a.wav", "b.mid")] // no -o
    [InlineData("render", "a.wav", "b.mid", "-o", "c.wav", "--format", "mp3")]
    [InlineData("render", "a.wav", "b.mid", "-o", "c.wav", "--interpolation", "sinc")]
    [InlineData("render", "a.wav", "b.mid", "-o", "c.wav", "--polyphony", "many")]
    [InlineData("render", "a.wav", "b.mid", "-o", "c.wav", "--frobnicate")]
    [InlineData("no-such-command")]
    public void Wrong_usage_exits_with_2_and_says_so(params string[] args)
    {
        var (exit, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("midi-sampler", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_values_are_bad_input()
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir), song = Fixtures.TwoNotesWithTempoChange(dir);
        var (exit, _, stderr) = CliRunner.Run("render", wav, song, "-o", dir.File("o.wav"), "--sample-rate", "1000");
        Assert.Equal(1, exit);
        Assert.Contains("--sample-rate", stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"out\.wav: \d+\.\d\d s rendered in \d+\.\d\d s \(\d+\.\dx real time\), peak \d+ voices, peak level -?\d+\.\d dBFS")]
    private static partial Regex SummaryLine();
}

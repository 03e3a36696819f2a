using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Wav;

namespace MidiSampler.Cli.Tests.Render;

/// <summary>
/// <c>render</c> streams a SoundFont that decodes to 64 MiB or more (<c>--stream auto</c>, the default), as it does an SFZ:
/// FluidR3_GM (141 MB of 16-bit samples) renders sample for sample as with <c>--stream off</c>, also when voices are stolen
/// all the time (the fading reserve voices stream too: with too few stream slots the render waited 30 s per block of such
/// a voice). Needs <c>apt install fluid-soundfont-gm</c>, as the FluidSynth comparison.
/// </summary>
public sealed class SoundFontStreamingRenderTests
{
    private const string SoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

    [Fact]
    public void A_large_soundfont_streams_by_default_and_renders_as_all_in_ram_while_stealing_voices()
    {
        Assert.True(File.Exists(SoundFont), $"{SoundFont} is missing: apt install fluid-soundfont-gm");
        using var dir = new TempDirectory();
        string song = dir.File("chords.mid");
        var writer = new Formats.Midi.MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        for (int i = 0; i < 16; i++)
        {
            // Four-note chords every eighth note (250 ms at 120 bpm), each held 1.5 s: 24 notes want to sound, 4 may.
            for (int n = 0; n < 4; n++)
                writer.AddNote(track, i * 240, 1440, 0, 48 + ((i * 5) % 24) + (n * 5), 100);
        }

        writer.SetEndOfTrack(track, 16 * 240 + 1440);
        writer.Save(song);

        string[] common = ["--polyphony", "4", "--no-effects", "--format", "float32"];
        var (ramExit, _, ramError) = CliRunner.Run(["render", SoundFont, song, "-o", dir.File("ram.wav"), "--stream", "off", .. common]);
        Assert.True(ramExit == 0, ramError);
        Assert.DoesNotContain("streaming:", ramError, StringComparison.Ordinal);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (exit, _, error) = CliRunner.Run(["render", SoundFont, song, "-o", dir.File("auto.wav"), .. common]);
        Assert.True(exit == 0, error);
        Assert.True(clock.Elapsed.TotalSeconds < 25, $"the streamed render took {clock.Elapsed.TotalSeconds:F1} s (a voice waited for a chunk nobody read?)");
        Assert.Contains("streaming: 0 underruns", error, StringComparison.Ordinal);

        var ram = WavReader.Load(dir.File("ram.wav"));
        var streamed = WavReader.Load(dir.File("auto.wav"));
        Assert.True(Fixtures.Channel(ram, 0).Max(MathF.Abs) > 0.01, "the chords sound");
        for (int channel = 0; channel < 2; channel++)
        {
            var expected = Fixtures.Channel(ram, channel);
            var actual = Fixtures.Channel(streamed, channel);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] != actual[i])
                    Assert.Fail($"frame {i} channel {channel}: in RAM {expected[i]}, streamed {actual[i]}");
            }
        }
    }
}

using System.Text.Json;
using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Wav;
using MidiSampler.Tests.Formats.Wav;

namespace MidiSampler.Cli.Tests.Render;

/// <summary>
/// A generated instrument laid out the way community SFZ libraries are (docs/sfz-community.md): a program file that
/// includes modules which include a map, variables in opcode names and paths, directives sharing a line with a header,
/// keyswitched articulations, two-take round robin over FLAC samples whose names differ in case from the SFZ text.
/// Rendered through <c>midi-sampler render</c>; each take is a sine of its own pitch, so the pitch heard tells which
/// sample played.
/// </summary>
public sealed class CommunityInstrumentRenderTests
{
    private const int Rate = 48_000;
    private const int TicksPerSecond = 480; // 480 ticks per quarter at 60 BPM

    // Legato takes 1 and 2, staccato takes 1 and 2.
    private static readonly double[] TakeHz = [220, 330, 440, 550];

    [Fact]
    public void Keyswitches_choose_the_articulation_and_round_robin_alternates_its_takes()
    {
        using var dir = new TempDirectory();
        string sfz = WriteInstrument(dir);
        string song = WriteSong(dir);
        string output = dir.File("out.wav");

        var (infoExit, infoJson, infoError) = CliRunner.Run("info", sfz, "--json");
        Assert.True(infoExit == 0, infoError);
        using (var doc = JsonDocument.Parse(infoJson))
        {
            Assert.Equal(4, doc.RootElement.GetProperty("region_count").GetInt32());
            Assert.Empty(doc.RootElement.GetProperty("warnings").EnumerateArray());
        }

        var (exit, _, stderr) = CliRunner.Run("render", sfz, song, "-o", output, "--format", "float32", "--no-effects");
        Assert.True(exit == 0, stderr);
        var left = Fixtures.Channel(WavReader.Load(output), 0);

        double[] heard = [.. NoteStartsSeconds.Select(t => Nearest(Fixtures.Frequency(left, Rate, (int)((t + 0.05) * Rate), (int)((t + 0.25) * Rate))))];

        // Default keyswitch (legato): takes 1, 2, 1.
        Assert.Equal([220.0, 330.0, 220.0], heard[..3]);
        // After the staccato keyswitch: both staccato takes, one after the other (which comes first depends on how
        // the round-robin counter treats notes played under the other articulation; sfizz counts them).
        Assert.Contains(heard[3], new[] { 440.0, 550.0 });
        Assert.Contains(heard[4], new[] { 440.0, 550.0 });
        Assert.NotEqual(heard[3], heard[4]);
        // Back to legato.
        Assert.Contains(heard[5], new[] { 220.0, 330.0 });
        // The keyswitch notes themselves make no sound (they lie outside every region's key range).
        Assert.True(left.AsSpan((int)(1.36 * Rate), (int)(0.12 * Rate)).ToArray().All(x => x == 0f), "the keyswitch at 1.4 s sounded");
    }

    private static readonly double[] NoteStartsSeconds = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5];

    /// <summary>The take whose pitch is within 10 cents of <paramref name="hz"/>, or <paramref name="hz"/> itself when none is.</summary>
    private static double Nearest(double hz)
    {
        foreach (double take in TakeHz)
        {
            if (Math.Abs(1200 * Math.Log2(hz / take)) < 10)
                return take;
        }

        return hz;
    }

    private static string WriteSong(TempDirectory dir)
    {
        var writer = new MidiFileWriter(format: 0, ticksPerQuarter: 480);
        int track = writer.AddTrack();
        writer.AddTempoBpm(track, 0, 60);
        foreach (double t in NoteStartsSeconds)
            writer.AddNote(track, Ticks(t), Ticks(0.3), 0, 64, 100);
        writer.AddNote(track, Ticks(1.4), Ticks(0.05), 0, 25, 100); // staccato
        writer.AddNote(track, Ticks(2.4), Ticks(0.05), 0, 24, 100); // legato
        writer.SetEndOfTrack(track, Ticks(3.0));
        string path = dir.File("song.mid");
        writer.Save(path);
        return path;
    }

    private static long Ticks(double seconds) => (long)Math.Round(seconds * TicksPerSecond);

    /// <summary>Writes the instrument (our own text) and its FLAC takes; returns the program file.</summary>
    private static string WriteInstrument(TempDirectory dir)
    {
        // On disk the folders and names are lower case with an upper-case "RR"; the SFZ spells them "Legato/Legato rr1".
        string[] files = ["legato/legato RR1", "legato/legato RR2", "staccato/staccato RR1", "staccato/staccato RR2"];
        for (int i = 0; i < files.Length; i++)
        {
            string wav = dir.File("take.wav");
            var data = new float[Rate / 2];
            for (int n = 0; n < data.Length; n++)
                data[n] = 0.5f * (float)Math.Sin(2 * Math.PI * TakeHz[i] * n / Rate);
            WavWriter.WriteFile(wav, Rate, 1, WavSampleFormat.Pcm24, data);
            string flac = Path.Combine(dir.Path, "Samples", files[i] + ".flac");
            Directory.CreateDirectory(Path.GetDirectoryName(flac)!);
            Sox.Run(["-D", wav, flac]);
            File.Delete(wav);
        }

        Write(dir, "Programs/modules/map/env.sfz", "ampeg_attack=0.001 ampeg_release=0.005\n");
        Write(dir, "Programs/modules/map/takes.sfz", """
            <group> lokey=60 hikey=72 pitch_keycenter=64 seq_length=2 amp_veltrack=0
            #include "modules/map/env.sfz"
            <region> seq_position=1 sample=$ART/$ART rr1.$EXT
            <region> seq_position=2 sample=$ART/$ART rr2.$EXT // the second take

            """);
        Write(dir, "Programs/modules/articulations.sfz", """
            <master> $SW_last=$KS_LEGATO sw_label=Legato (default)
            #define $ART Legato
            #include "modules/map/takes.sfz"
            <master> $SW_last=$KS_STACCATO sw_label=Short notes #define $ART Staccato #include "modules/map/takes.sfz"

            """);
        return Write(dir, "Programs/Community Style.sfz", """
            // A program file in the style of community libraries (written for this test).
            #define $EXT flac
            #define $SW sw
            #define $KS_LEGATO 24
            #define $KS_STACCATO 25

            <control> default_path=../Samples/ label_cc1=Mod (1)
            <global> $SW_lokey=$KS_LEGATO $SW_hikey=$KS_STACCATO $SW_default=$KS_LEGATO
            #include "modules/articulations.sfz"

            """);
    }

    private static string Write(TempDirectory dir, string relativePath, string text)
    {
        string path = Path.Combine(dir.Path, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}

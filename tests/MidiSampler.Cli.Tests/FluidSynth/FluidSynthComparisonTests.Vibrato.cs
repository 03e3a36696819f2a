using System.Globalization;
using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Midi;

namespace MidiSampler.Cli.Tests.FluidSynth;

/// <summary>
/// The default vibrato modulators (SF2.04 sections 8.4.4 and 8.4.5: mod wheel and channel pressure → vibrato LFO
/// pitch depth, 50 cents each) against FluidSynth: sustained notes of presets with no vibrato of their own, played with
/// CC1 or channel pressure up, their pitch traced every 2.5 ms.
/// </summary>
public sealed partial class FluidSynthComparisonTests
{
    private const double VibratoNoteSeconds = 1.5;

    /// <summary>
    /// (channel, program, key, name, controller: 1 the mod wheel, -1 channel pressure, value, when: milliseconds after the
    /// note-on, negative before it). A wheel moved during the note wakes our idle voice and starts its deferred LFO in
    /// the phase it has run since the note-on, as FluidSynth's LFO, which always runs.
    /// </summary>
    private static readonly (int Channel, int Program, int Key, string Name, int Source, int Value, int AtMs)[] VibratoNotes =
    [
        (0, 19, 60, "19 church organ, CC1 127", 1, 127, -125),
        (1, 80, 69, "80 square lead, CC1 127", 1, 127, -125),
        (2, 52, 64, "52 choir aahs, CC1 64", 1, 64, -125),
        (3, 19, 60, "19 church organ, pressure 127", -1, 127, -125),
        (4, 80, 69, "80 square lead, no wheel", 1, 0, -125),
        (5, 19, 60, "19 church organ, CC1 127 at 500 ms", 1, 127, 500),
    ];

    /// <summary>The General MIDI banks of <see cref="Banks"/> (not FluidR3_GS, which has no bank 0 to play these programs).</summary>
    public static TheoryData<string, string> GmBanks => new()
    {
        { SoundFont, "fluid-soundfont-gm" },
        { "/usr/share/sounds/sf3/FluidR3Mono_GM.sf3", "fluidr3mono-gm-soundfont" },
        { "/usr/share/sounds/sf3/MuseScore_General_Lite.sf3", "musescore-general-soundfont-small" },
        { "/usr/share/sounds/sf2/OPL-3_FM_128M.sf2", "opl3-soundfont" },
    };

    [Theory]
    [MemberData(nameof(GmBanks))]
    public void Mod_wheel_and_channel_pressure_vibrato_match_fluidsynth(string bank, string package)
    {
        Assert.True(File.Exists(bank), $"{bank} is missing: apt install {package}");
        log.WriteLine(bank);
        using var dir = new TempDirectory();
        string midi = dir.File("vibrato.mid");
        WriteVibratoSong(midi);
        var (a, b) = RenderBoth(dir, midi, "-vibrato", bank);
        var failures = new List<string>();
        for (int i = 0; i < VibratoNotes.Length; i++)
        {
            var n = VibratoNotes[i];
            // FluidSynth's one-block lag (64 frames), as measured by the single-note test on the same player.
            double[] mine = PitchTrace(a, i, n.Key, 0), fluid = PitchTrace(b, i, n.Key, 64);
            if (n.AtMs > 0)
            {
                // Only after the wheel (and 10 ms for the trace's window): before it both are steady.
                int skip = ((n.AtMs - 100 + 10) * 400 / 1000) + 1;
                (mine, fluid) = (mine[skip..], fluid[skip..]);
            }

            double spanOurs = mine.Max() - mine.Min(), spanFluid = fluid.Max() - fluid.Min();
            double rms = Math.Sqrt(mine.Zip(fluid).Average(p => (p.First - p.Second) * (p.First - p.Second)));
            // Expected depth (FluidSynth normalises the wheel by 128): 2 × 50 × value/128 cents peak to peak.
            double expected = 2 * 50.0 * n.Value / 128 * (n.Source == -1 || n.Value > 0 ? 1 : 0);
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{n.Name,-32} pitch span ours {spanOurs,6:F2} cents, fluidsynth {spanFluid,6:F2} (the wheel alone: {expected:F1}); trace rms Δ {rms:F2} cents");
            log.WriteLine(line);
            // Tolerances: the span within 3 cents (a 2.5 % of the full depth: FluidSynth holds its LFO for 64-frame blocks,
            // we for 16, which moves the traced peaks by up to ±1.1 cents each); the traces, aligned, within 4 cents RMS
            // (same phase: both triangles start at 0 rising at the note-on).
            if (Math.Abs(spanOurs - spanFluid) > 3 || rms > 4)
                failures.Add(line);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void WriteVibratoSong(string path)
    {
        var writer = new MidiFileWriter(format: 0, ticksPerQuarter: 480);
        int track = writer.AddTrack("vibrato");
        writer.AddTempoBpm(track, 0, 120); // 960 ticks per second
        writer.AddSysEx(track, 0, [0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7]); // GM system on
        for (int i = 0; i < VibratoNotes.Length; i++)
        {
            var n = VibratoNotes[i];
            long start = (long)(i * SlotSeconds * 960) + 480;
            long at = start + (n.AtMs * 960 / 1000);
            writer.AddProgramChange(track, start - 240, n.Channel, n.Program);
            if (n.Source == -1)
                writer.AddChannelMessage(track, at, (byte)(0xD0 | n.Channel), (byte)n.Value);
            else
                writer.AddControlChange(track, at, n.Channel, n.Source, n.Value);
            writer.AddNote(track, start, (long)(VibratoNoteSeconds * 960), n.Channel, n.Key, 100);
        }

        writer.SetEndOfTrack(track, (long)(VibratoNotes.Length * SlotSeconds * 960) + 960);
        writer.Save(path);
    }

    /// <summary>The pitch in cents against the key, every 2.5 ms from 100 ms to 1.4 s after the onset (8 ms autocorrelation windows).</summary>
    private static double[] PitchTrace(float[] x, int note, int key, int lagFrames)
    {
        double period = Rate / (440 * Math.Pow(2, (key - 69) / 12.0));
        long onset = NoteStart(note) + lagFrames;
        int window = Math.Max(Rate * 8 / 1000, (int)(2 * period));
        var trace = new List<double>();
        for (long t = onset + (Rate / 10); t < onset + (Rate * 14 / 10); t += Rate / 400)
            trace.Add(1200 * Math.Log2(period / Period(x, t, window, period)));
        return [.. trace];
    }
}

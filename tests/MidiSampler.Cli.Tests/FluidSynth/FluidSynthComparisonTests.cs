using System.Diagnostics;
using System.Globalization;
using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Midi;
using Xunit.Abstractions;

namespace MidiSampler.Cli.Tests.FluidSynth;

/// <summary>
/// Same sound as FluidSynth: one MIDI file of single notes (GM programs and drum notes from FluidR3_GM) rendered by
/// <c>fluidsynth -R 0 -C 0 -r 48000</c> and by <c>midi-sampler render --no-effects</c>, then compared note by note:
/// the loudness envelope in 10 ms windows and the pitch on the sustained part. Needs the Debian packages fluidsynth
/// and fluid-soundfont-gm.
/// </summary>
/// <remarks>
/// Design: two things differ that are not the sound. (1) Level: one offset for the whole file, computed from both
/// programs' gain laws (<see cref="ExpectedOffsetDb"/>), not measured. (2) Time: FluidSynth starts the notes of this
/// file one 64-frame control block after their time (its player dispatches MIDI events per block); measured as the
/// median over the notes of the lag that best cross-correlates the two waveforms around the onset, then FluidSynth's
/// windows are read that much later. Without it the 10 ms windows at the onset compared different 1.3 ms of sound
/// (e.g. 4.6 dB in the nylon guitar's first window, 3 dB in the kick's decay).
/// </remarks>
public sealed partial class FluidSynthComparisonTests(ITestOutputHelper log)
{
    private const string SoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    private const int Rate = 48_000;
    private const double NoteSeconds = 1.0;
    private const double SlotSeconds = 2.5;

    /// <summary>(channel, program, key, name, checks pitch); every note is a hard assertion. Melodic notes on their own channel, drums on channel 10.</summary>
    private static readonly (int Channel, int Program, int Key, string Name, bool Pitched)[] Notes =
    [
        (0, 0, 60, "0 piano", true),
        (1, 24, 60, "24 nylon guitar", true),
        (2, 40, 67, "40 violin", true),
        (3, 56, 67, "56 trumpet", true),
        (4, 73, 72, "73 flute", true),
        (5, 19, 60, "19 church organ", true),
        (9, 0, 36, "drum 36 kick", false),
        (9, 0, 38, "drum 38 snare", false),
        (9, 0, 42, "drum 42 closed hi-hat", false),
        (6, 11, 65, "11 vibraphone", true),
        (7, 33, 40, "33 fingered bass", true),
        (8, 48, 60, "48 strings", true),
        (10, 52, 64, "52 choir aahs", true),
        (11, 65, 62, "65 alto sax", true),
        (12, 80, 69, "80 square lead", true),
        (13, 46, 55, "46 harp", true),
        (9, 0, 46, "drum 46 open hi-hat", false),
        (9, 0, 49, "drum 49 crash", false),
        (14, 61, 60, "61 brass section", true), // its own velocity → cutoff modulator (concave, -1000 cents)
    ];

    /// <summary>
    /// fluid-soundfont-gs: FluidR3_GS.sf2 holds only the GS variation banks (1-8, programs 120-127: sound effects) and the
    /// SFX kit (bank 128, program 56), to layer over FluidR3_GM; bank 0 is empty. Its notes select those banks with CC0
    /// (FluidSynth's default "gs" bank-select style, as ours). Noises are compared in level only.
    /// </summary>
    private static readonly (int Channel, int Bank, int Program, int Key, string Name, bool Pitched)[] GsNotes =
    [
        (0, 2, 120, 48, "2:120 string slap", true),
        (1, 1, 121, 60, "1:121 flute key click", false),
        (2, 1, 120, 60, "1:120 guitar cut noise", false),
        (3, 1, 124, 60, "1:124 telephone 2", false),
        (4, 3, 122, 60, "3:122 wind", false),
        (5, 4, 122, 60, "4:122 stream", false),
        (6, 8, 125, 60, "8:125 starship", false),
        (7, 2, 126, 60, "2:126 screaming", false),
        (8, 1, 123, 60, "1:123 dog", false),
        (10, 5, 124, 72, "5:124 wind chimes", false),
        (11, 4, 126, 60, "4:126 heart beat", false),
        (12, 3, 124, 60, "3:124 door slam", false),
        (13, 1, 127, 60, "1:127 machine gun", false),
        (14, 2, 122, 60, "2:122 thunder", false),
        (15, 5, 126, 60, "5:126 footsteps", false),
        (9, 56, 56, 40, "SFX kit 40", false), // drums: program 56 on channel 10 (the Bank field is unused there)
        (9, 56, 56, 50, "SFX kit 50", false),
    ];

    private const string GsBank = "/usr/share/sounds/sf2/FluidR3_GS.sf2";

    /// <summary>The note set a bank is compared on: the GM families, or the GS bank's own variations.</summary>
    private static (int Channel, int Bank, int Program, int Key, string Name, bool Pitched)[] NotesFor(string bank) =>
        bank == GsBank ? GsNotes : [.. Notes.Select(n => (n.Channel, 0, n.Program, n.Key, n.Name, n.Pitched))];

    /// <summary>The Debian banks the comparison runs on (issue 15, "on every bank"), each with the package that has it.</summary>
    public static TheoryData<string, string> Banks => new()
    {
        { SoundFont, "fluid-soundfont-gm" },
        { "/usr/share/sounds/sf3/FluidR3Mono_GM.sf3", "fluidr3mono-gm-soundfont" },
        { "/usr/share/sounds/sf3/MuseScore_General_Lite.sf3", "musescore-general-soundfont-small" },
        { "/usr/share/sounds/sf2/OPL-3_FM_128M.sf2", "opl3-soundfont" },
        { GsBank, "fluid-soundfont-gs" }, // its own note set (GsNotes): it has no bank 0
    };

    /// <summary>
    /// Notes whose loudness envelope differs from FluidSynth's by more than 1.5 dB, cause not found yet (issue 15 asks
    /// for the cause, not a wider tolerance). Their pitch is still asserted; every other note of every bank is asserted in full.
    /// </summary>
    /// <remarks>
    /// Closed, with their causes: FluidR3Mono's kick and open hi-hat, MuseScore's kick and OPL-3's drums (negative preset
    /// attenuations the engine clamped at 0 where FluidSynth clamps only the total); OPL-3's strings, square lead and brass
    /// section (21.6, 13.3 and 16.2 dB in the note-off's window: FluidSynth's shortest volume release is 16 ms where the
    /// spec allows 1 ms, SoundFontMapper.MinVolumeReleaseTimecents); MuseScore's piano (8.3 dB in the release: key ×
    /// velocity → releaseVolEnv), trumpet (3.4 dB: velocity → attackVolEnv and attackModEnv), closed hi-hat (10.7 dB:
    /// velocity → decayVolEnv and releaseVolEnv), strings (15.4 dB) and choir (7.6 dB: velocity → attackVolEnv):
    /// modulators to envelope times, now read at note-on as FluidSynth does.
    /// </remarks>
    private static readonly Dictionary<string, string[]> OpenDifferences = new(StringComparer.Ordinal)
    {
        // MuseScore_General_Lite: none (its square lead is checked against the spec: SpecChecks).
        // FluidR3_GS (measured 2026-12-08): wind 1.86 dB at 1620 ms, stream 1.96 dB at 40 ms (noise samples with LFOs to
        // pitch and cutoff and a resonant filter), wind chimes 2.15 dB at 250 ms (three detuned voices of one sample).
        // Wind chimes alone (not the tail of an earlier note) measure the same 2.15 dB, in 200-300 ms only.
        // Closed: wind chimes 6.1 dB, the spec's clamp of scaleTuning at 0 where FluidSynth plays the preset's negative
        // sum (SoundFontMapper.Clamp); heart beat 6.7 and door slam 3.2 dB were its 14 s release at the wrong pitch
        // sounding under them.
        [GsBank] = ["3:122 wind", "4:122 stream", "5:124 wind chimes"],
    };

    /// <summary>
    /// Notes where FluidSynth departs from the specification and we follow the specification: their envelope is checked
    /// against the spec's value (from our 10 ms window levels) instead of FluidSynth's.
    /// </summary>
    private static readonly Dictionary<(string Bank, string Note), Func<double[], (bool Ok, string Why)>> SpecChecks = new()
    {
        [("/usr/share/sounds/sf3/MuseScore_General_Lite.sf3", "80 square lead")] = SquareLeadBeat,
    };

    /// <summary>
    /// MuseScore's square lead: two voices of one square wave at key 69 (440 Hz), fineTune +1 and -1 cent, the first with
    /// modEnvToPitch 3 cents on a modulation envelope that falls linearly from 1 to 0 in 2 s (decayModEnv 1200,
    /// sustainModEnv 1000, attack and hold about 1 ms). They beat, and the level dips when the first voice has gained
    /// half a cycle: the spec's pitches put that at 419 ms. FluidSynth truncates every pitch to whole cents
    /// (fluid_conv.c, fluid_ct2hz_real: an unsigned cast), so its first voice is 4, 3, then 2 cents above the second,
    /// in steps of 2/3 s, and its dip falls at 492 ms (measured 490 ms; 19 dB apart in that window). Ours must dip within
    /// 15 ms of the spec's time.
    /// </summary>
    private static (bool Ok, string Why) SquareLeadBeat(double[] levels)
    {
        static double Beat(double t, bool truncated)
        {
            double envelope = Math.Max(0, 1 - (t / 2)), upper = 1 + (3 * envelope), lower = -1;
            if (truncated)
                (upper, lower) = (Math.Floor(6901 + (3 * envelope)) - 6900, Math.Floor(6899.0) - 6900);
            return 440 * (Math.Pow(2, upper / 1200) - Math.Pow(2, lower / 1200));
        }

        static double FirstDip(bool truncated)
        {
            double cycles = 0, dt = 1e-4;
            for (double t = 0; t < 2; t += dt)
            {
                cycles += Beat(t, truncated) * dt;
                if (cycles >= 0.5)
                    return t;
            }

            return double.NaN;
        }

        double spec = FirstDip(false), fluid = FirstDip(true);
        int dip = 20;
        for (int w = 20; w < 90; w++)
        {
            if (levels[w] < levels[dip])
                dip = w;
        }

        double ours = (dip * 0.01) + 0.005; // the window's centre
        string why = string.Create(CultureInfo.InvariantCulture,
            $"the beat's first dip at {ours * 1000:F0} ms, the spec's {spec * 1000:F0} ms (FluidSynth's whole cents: {fluid * 1000:F0} ms)");
        return (Math.Abs(ours - spec) <= 0.015, why);
    }

    [Theory]
    [MemberData(nameof(Banks))]
    public void Single_notes_match_fluidsynth_in_loudness_envelope_and_pitch(string bank, string package)
    {
        Assert.True(File.Exists(bank), $"{bank} is missing: apt install {package}");
        log.WriteLine(bank);
        using var dir = new TempDirectory();
        string midi = dir.File("notes.mid");
        var notes = NotesFor(bank);
        WriteSong(midi, notes);

        var (a, b) = RenderBoth(dir, midi, "", bank);
        int[] lags = notes.Select((_, i) => OnsetLag(a, b, i)).ToArray();
        int lag = lags.Order().ElementAt(lags.Length / 2);
        log.WriteLine($"FluidSynth's lag per note (frames): {string.Join(' ', lags)}; used: {lag}");
        Assert.True(lags.Count(l => l == lag) * 3 >= lags.Length * 2, "the notes disagree on FluidSynth's lag");
        Assert.InRange(lag, 0, 128); // within two control blocks: anything else is a broken render, not scheduling

        var levels = notes.Select((n, i) => (Ours: Windows(a, i, 0), Theirs: Windows(b, i, lag))).ToArray();
        double offsetDb = ExpectedOffsetDb();
        var differences = levels.SelectMany(l => l.Ours.Zip(l.Theirs).Where(p => p.Second > l.Theirs.Max() - 40).Select(p => p.First - p.Second)).Order().ToArray();
        double measuredDb = differences[differences.Length / 2];
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"level offset (ours - fluidsynth): computed {offsetDb:F2} dB, median of the windows {measuredDb:F2} dB"));
        Assert.True(Math.Abs(measuredDb - offsetDb) < 0.5, "the computed level offset does not explain the renders");

        var failures = new List<string>();
        for (int i = 0; i < notes.Length; i++)
        {
            var n = notes[i];
            var (mine, fluid) = levels[i];
            double peak = fluid.Max(), worst = 0;
            int worstWindow = 0;
            for (int w = 0; w < fluid.Length; w++)
            {
                if (fluid[w] <= peak - 40)
                    continue;
                double d = Math.Abs(mine[w] - fluid[w] - offsetDb);
                if (d > worst)
                    (worst, worstWindow) = (d, w);
            }

            double cents = n.Pitched ? PitchCents(a, b, i, n.Key, lag) : 0;
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{n.Name,-24} envelope max |Δ| {worst,5:F2} dB (at {worstWindow * 10} ms)   pitch Δ {(n.Pitched ? cents.ToString("F2", CultureInfo.InvariantCulture) + " cents" : "n/a")}");
            log.WriteLine(line);
            // Pitch is asserted on every note of every bank; the envelope too, except on the notes listed as open below,
            // and on those where FluidSynth departs from the specification, whose envelope is checked against the spec's value.
            bool open = OpenDifferences.TryGetValue(bank, out var names) && names.Contains(n.Name);
            string? specFailure = null;
            if (SpecChecks.TryGetValue((bank, n.Name), out var specCheck))
            {
                var (specOk, why) = specCheck(mine);
                log.WriteLine($"  ^ FluidSynth departs from the spec here; checked against the spec instead: {why}");
                specFailure = specOk ? null : $"{n.Name}: {why}";
            }

            bool ok = (open || specCheck is not null || worst <= 1.5) && Math.Abs(cents) <= 1 && specFailure is null;
            if (!ok)
                failures.Add(specFailure ?? line);
            else if (open && worst > 1.5)
                log.WriteLine($"  ^ open difference on this bank, not asserted (issue 15): cause not found yet");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void WriteSong(string path, (int Channel, int Bank, int Program, int Key, string Name, bool Pitched)[] notes)
    {
        var writer = new MidiFileWriter(format: 0, ticksPerQuarter: 480);
        int track = writer.AddTrack("notes");
        writer.AddTempoBpm(track, 0, 120); // 960 ticks per second
        // GM system on, or for the GS variations a GS reset (after GM on, FluidSynth ignores bank select: its GM mode).
        bool gs = notes.Any(n => n.Bank != 0 && n.Channel != 9);
        writer.AddSysEx(track, 0, gs ? [0xF0, 0x41, 0x10, 0x42, 0x12, 0x40, 0x00, 0x7F, 0x00, 0x41, 0xF7] : [0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7]);
        for (int i = 0; i < notes.Length; i++)
        {
            var n = notes[i];
            long start = (long)(i * SlotSeconds * 960) + 480;
            if (n.Channel != 9 && n.Bank != 0)
                writer.AddControlChange(track, start - 300, n.Channel, 0, n.Bank);
            if (n.Channel != 9 || n.Program != 0)
                writer.AddProgramChange(track, start - 240, n.Channel, n.Program);
            writer.AddNote(track, start, (long)(NoteSeconds * 960), n.Channel, n.Key, 100);
        }

        writer.SetEndOfTrack(track, (long)(notes.Length * SlotSeconds * 960) + 960);
        writer.Save(path);
    }

    /// <summary>
    /// Renders <paramref name="midi"/> with FluidSynth and with us (effects off, float samples) and returns both as mono,
    /// ours first. Set MIDI_SAMPLER_COMPARE_DIR to keep the MIDI file and both renders for a closer look.
    /// </summary>
    private static (float[] Ours, float[] Theirs) RenderBoth(TempDirectory dir, string midi, string suffix, string bank = SoundFont)
    {
        string theirs = dir.File($"fluidsynth{suffix}.wav");
        RunFluidSynth(midi, theirs, bank);
        string ours = dir.File($"ours{suffix}.wav");
        var (exit, _, error) = CliRunner.Run("render", bank, midi, "-o", ours, "--no-effects", "--format", "float32");
        Assert.True(exit == 0, error);
        if (Environment.GetEnvironmentVariable("MIDI_SAMPLER_COMPARE_DIR") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            foreach (string file in new[] { midi, theirs, ours })
                File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
        }

        return (SpecBank.Mono(ours), SpecBank.Mono(theirs)); // both at Rate, 48 kHz
    }

    private static void RunFluidSynth(string midi, string wav, string bank)
    {
        var start = new ProcessStartInfo("fluidsynth")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "-ni", "-R", "0", "-C", "0", "-r", "48000", "-o", "audio.file.format=float", "-F", wav, bank, midi })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start fluidsynth (apt install fluidsynth)");
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "fluidsynth did not finish in 60 s");
        Assert.True(process.ExitCode == 0 && File.Exists(wav), $"fluidsynth failed: {stderr}");
    }

    private static long NoteStart(int i) => (long)Math.Round(((i * SlotSeconds) + 0.5) * Rate);

    /// <summary>
    /// Ours minus FluidSynth's level in dB for these notes (velocity 100, CC7 100, CC11 127, centre or hard pan, summed
    /// to mono), from both gain laws. Ours: the SoundFont default master gain, velocity, CC7 and CC11 through the SF2
    /// default modulators as FluidSynth reads them (below), unity at the centre (√2 at a hard pan). FluidSynth 2.3 (fluid_voice.c, fluid_conv.c, fluid_mod.c, fluid_iir_filter.c):
    /// synth.gain 0.2; centre pan sin(500/1001 · π/2) (1 at a hard pan, the same ratio to ours within 0.01 dB); every
    /// voice through its lowpass, whose gain 1/√Q at initialFilterQ 0 (Q 0.707) is +1.5 dB; the default modulators
    /// velocity, CC7 and CC11 → attenuation, each 960 cB × concave(127 · (1 - value/128)) (its sources are normalised by
    /// 128, its concave table interpolated), the sum truncated to whole centibels (fluid_cb2amp's table).
    /// </summary>
    internal static double ExpectedOffsetDb()
    {
        double attenuationCb = (2 * 960 * FluidConcave(127 * (1 - (100 / 128.0)))) + (960 * FluidConcave(127 * (1 - (127 / 128.0))));
        // Ours: the same curves (ModulatorCurve.DefaultAttenuationCb), not truncated to whole centibels.
        double ours = Math.Pow(10, MidiSampler.Cli.Commands.CommonOptions.SoundFontGainDb / 20) * Math.Pow(10, -attenuationCb / 200);
        double theirs = 0.2 * Math.Sin(500 / 1001.0 * Math.PI / 2) / Math.Sqrt(Math.Pow(10, -3.01 / 20)) * Math.Pow(10, -Math.Floor(attenuationCb) / 200);
        return 20 * Math.Log10(ours / theirs);
    }

    /// <summary>FluidSynth's concave curve: a 128-point table of -(5/12)·log10((127 - i)/127), 0 at 0 and 1 at 127, interpolated.</summary>
    internal static double FluidConcave(double x)
    {
        static double Table(int i) => i <= 0 ? 0 : i >= 127 ? 1 : -200.0 * 2 / 960 * Math.Log10((127 - i) / 127.0);
        int i = (int)x;
        return Table(i) + ((Table(i + 1) - Table(i)) * (x - i));
    }

    /// <summary>
    /// How many frames later FluidSynth's note sounds than ours: the lag (0..256) of the best normalised cross-correlation
    /// of the two waveforms over 30 ms from 5 ms before the note's time.
    /// </summary>
    private static int OnsetLag(float[] ours, float[] theirs, int note)
    {
        long start = NoteStart(note) - (Rate / 200);
        int length = Rate * 3 / 100, best = 0;
        double bestR = double.NegativeInfinity;
        for (int lag = 0; lag <= 256; lag++)
        {
            double sum = 0, e = 0;
            for (int k = 0; k < length; k++)
            {
                double q = theirs[start + k + lag];
                sum += ours[start + k] * q;
                e += q * q;
            }

            double r = sum / Math.Sqrt(e + 1e-30);
            if (r > bestR)
                (bestR, best) = (r, lag);
        }

        return best;
    }

    /// <summary>RMS level in dB of 10 ms windows from the note's onset (plus <paramref name="lagFrames"/>) to the end of its slot.</summary>
    private static double[] Windows(float[] signal, int note, int lagFrames)
    {
        const int window = Rate / 100;
        long start = NoteStart(note) + lagFrames;
        int count = (int)((SlotSeconds - 0.5) * 100);
        var levels = new double[count];
        for (int w = 0; w < count; w++)
        {
            double sum = 0;
            for (int k = 0; k < window; k++)
            {
                long at = start + (w * window) + k;
                double x = at < signal.Length ? signal[at] : 0;
                sum += x * x;
            }

            levels[w] = 10 * Math.Log10((sum / window) + 1e-20);
        }

        return levels;
    }

    /// <summary>Pitch difference in cents from 300 to 800 ms after the onset, by autocorrelation near the key's period.</summary>
    private static double PitchCents(float[] ours, float[] theirs, int note, int key, int lagFrames)
    {
        long start = NoteStart(note) + (Rate * 3 / 10);
        int length = Rate / 2;
        double period = Rate / (440 * Math.Pow(2, (key - 69) / 12.0));
        return 1200 * Math.Log2(Period(theirs, start + lagFrames, length, period) / Period(ours, start, length, period));
    }

    private static double Period(float[] x, long start, int length, double expected)
    {
        int lo = (int)(expected * 0.94), hi = (int)(expected * 1.06) + 1;
        var r = new double[hi + 2];
        for (int lag = lo - 1; lag <= hi + 1; lag++)
        {
            double sum = 0, e1 = 0, e2 = 0;
            for (int i = 0; i < length; i++)
            {
                double p = x[start + i], q = x[start + i + lag];
                sum += p * q;
                e1 += p * p;
                e2 += q * q;
            }

            r[lag] = sum / Math.Sqrt((e1 * e2) + 1e-30);
        }

        int best = lo;
        for (int lag = lo; lag <= hi; lag++)
        {
            if (r[lag] > r[best])
                best = lag;
        }

        // Parabolic interpolation of the peak.
        double a = r[best - 1], b = r[best], c = r[best + 1];
        double denominator = a - (2 * b) + c;
        return best + (denominator == 0 ? 0 : 0.5 * (a - c) / denominator);
    }
}

using System.Globalization;
using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Sf2;
using Xunit.Abstractions;
using G = MidiSampler.Formats.Sf2.SoundFontGeneratorType;

namespace MidiSampler.Cli.Tests.FluidSynth;

/// <summary>
/// The default modulators of SF2.04 section 8.4 as connections a bank can override (section 9.5: an instrument
/// modulator identical in source, destination, amount source and transform replaces the default; amount 0 removes it),
/// each checked on the sound of a small bank against FluidSynth 2.3 in the same test (issues 12 and 15): the pitch wheel
/// removed and inverted, the velocity modulator removed, CC10 added to each zone's own pan and replaced by a bank's, and
/// a controller moving the filter Q mid-note. Needs the Debian package fluidsynth.
/// </summary>
public sealed class SoundFontDefaultModulatorTests(ITestOutputHelper log)
{
    private const ushort PitchWheelSource = 0x020E; // pitch wheel, linear, bipolar, positive (8.4.10)
    private const ushort SensitivitySource = 0x0010; // pitch wheel sensitivity (RPN 0)

    /// <summary>
    /// 8.4.10: the pitch wheel × its sensitivity → fine tune, amount 12700. Bent fully up with the default range (2
    /// semitones): the default bends up as FluidSynth does; an instrument modulator of amount 0 removes the bend (0 cents);
    /// one of amount -12700 inverts it (before, the channel bent every SF2 voice whatever the bank said).
    /// </summary>
    [Fact]
    public void A_bank_removes_or_inverts_the_pitch_wheel_modulator()
    {
        using var dir = new TempDirectory();
        var bank = new SpecBank();
        int plain = bank.Add([]);
        int removed = bank.Add([], new SoundFontModulator(PitchWheelSource, (ushort)G.FineTune, 0, SensitivitySource, 0));
        int inverted = bank.Add([], new SoundFontModulator(PitchWheelSource, (ushort)G.FineTune, -12700, SensitivitySource, 0));
        string sf2 = bank.Save(dir.File("wheel.sf2"));
        var notes = new List<(int, int, int, double, double)> { (plain, 60, 127, 0.5, 1.5), (removed, 60, 127, 0.5, 1.5), (inverted, 60, 127, 0.5, 1.5) };
        // One note per render, bent fully up before it starts, so that each one's pitch can be read alone.
        var cents = new List<(double Ours, double Theirs)>();
        for (int i = 0; i < notes.Count; i++)
        {
            string one = SpecBank.Song(dir.File($"wheel{i}.mid"), [notes[i]], [], [(0, 0xE0, 0x7F, 0x7F)]);
            var (ours, theirs) = SpecBank.RenderBoth(dir, sf2, one);
            cents.Add((SpecBank.CentsAbove(SpecBank.FrequencyHz(ours, 1.2, 0.2), 60), SpecBank.CentsAbove(SpecBank.FrequencyHz(theirs, 1.2, 0.2), 60)));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{new[] { "default", "removed", "inverted" }[i],-8}: ours {cents[i].Ours,8:F2}  FluidSynth {cents[i].Theirs,8:F2} cents"));
        }

        // 12700 × (8191/8192) × 2/128: FluidSynth reads the sensitivity as a 7-bit source (semitones / 128).
        double expected = 12700 * (8191 / 8192.0) * 2 / 128;
        Assert.InRange(cents[0].Ours, expected - 1, expected + 1);
        Assert.InRange(cents[1].Ours, -0.5, 0.5);
        Assert.InRange(cents[2].Ours, -expected - 1, -expected + 1);
        foreach (var (ours, theirs) in cents)
            Assert.InRange(ours - theirs, -1, 1);
    }

    /// <summary>
    /// Section 9.5: an instrument modulator of amount 0 identical to the default velocity → attenuation one (8.4.1) removes
    /// it, so velocity 40 sounds as loud as 127 (before, the region fell back to the (v/127)² law); the default keeps its
    /// curve. Both as FluidSynth within 0.2 dB.
    /// </summary>
    [Fact]
    public void An_instrument_modulator_of_amount_0_removes_the_default_velocity_modulator()
    {
        using var dir = new TempDirectory();
        var bank = new SpecBank();
        int plain = bank.Add([]);
        int removed = bank.Add([], new SoundFontModulator(0x0502, (ushort)G.InitialAttenuation, 0, 0, 0));
        string sf2 = bank.Save(dir.File("velocity.sf2"));
        var notes = new List<(int, int, int, double, double)> { (plain, 60, 127, 0.5, 1), (plain, 60, 40, 2, 1), (removed, 60, 127, 3.5, 1), (removed, 60, 40, 5, 1) };
        var (ours, theirs) = SpecBank.RenderBoth(dir, sf2, SpecBank.Song(dir.File("velocity.mid"), notes));
        double Drop(float[] x, int soft) => SpecBank.LevelDb(x, notes[soft].Item4 + 0.3, 0.5) - SpecBank.LevelDb(x, notes[soft - 1].Item4 + 0.3, 0.5);
        double defaultOurs = Drop(ours, 1), defaultTheirs = Drop(theirs, 1), removedOurs = Drop(ours, 3), removedTheirs = Drop(theirs, 3);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"velocity 40 re 127: default ours {defaultOurs:F2} FluidSynth {defaultTheirs:F2} dB; removed ours {removedOurs:F2} FluidSynth {removedTheirs:F2} dB"));
        Assert.InRange(removedOurs, -0.05, 0.05);
        Assert.InRange(removedOurs - removedTheirs, -0.2, 0.2);
        Assert.InRange(defaultOurs - defaultTheirs, -0.2, 0.2);
        Assert.True(defaultOurs < -15, $"the default velocity modulator lowers velocity 40 by {defaultOurs:F2} dB only");
    }

    /// <summary>
    /// Sections 8.4.5-8.4.6 and 9.5: a bank's modulator identical to the default CC7 or CC11 → attenuation one replaces it,
    /// amount 0 removing it. With CC7 and CC11 at 64 on every channel: removing the CC7 default makes the note louder by
    /// what CC7 64 takes off (the channel's CC7 no longer reaches the region), halving its amount by half of it, removing
    /// the CC11 default by what CC11 64 takes off; each against the preset with the defaults, and as FluidSynth within
    /// 0.2 dB. Before, the channel's CC7 and CC11 applied whatever the bank said (and a warning named it).
    /// </summary>
    [Fact]
    public void A_bank_can_replace_or_remove_the_default_cc7_and_cc11_modulators()
    {
        using var dir = new TempDirectory();
        var bank = new SpecBank();
        int plain = bank.Add([]);
        int noVolume = bank.Add([], new SoundFontModulator(0x0587, (ushort)G.InitialAttenuation, 0, 0, 0));
        int halfVolume = bank.Add([], new SoundFontModulator(0x0587, (ushort)G.InitialAttenuation, 480, 0, 0));
        int noExpression = bank.Add([], new SoundFontModulator(0x058B, (ushort)G.InitialAttenuation, 0, 0, 0));
        string sf2 = bank.Save(dir.File("volume.sf2"));
        var notes = new List<(int, int, int, double, double)> { (plain, 60, 127, 0.5, 1), (noVolume, 60, 127, 2, 1), (halfVolume, 60, 127, 3.5, 1), (noExpression, 60, 127, 5, 1) };
        var controllers = Enumerable.Range(0, 4).SelectMany(c => new[] { (c, 7, 64), (c, 11, 64) }).ToArray();
        var (ours, theirs) = SpecBank.RenderBoth(dir, sf2, SpecBank.Song(dir.File("volume.mid"), notes, controllers));
        double Rise(float[] x, int note) => SpecBank.LevelDb(x, notes[note].Item4 + 0.3, 0.5) - SpecBank.LevelDb(x, notes[0].Item4 + 0.3, 0.5);
        double cc64Db = 96 * FluidSynthComparisonTests.FluidConcave(127 * (1 - (64 / 128.0))); // 960 cB × concave, as FluidSynth reads it
        var checks = new[] { ("CC7 default removed", 1, cc64Db), ("CC7 default at amount 480", 2, cc64Db / 2), ("CC11 default removed", 3, cc64Db) };
        var failures = new List<string>();
        foreach (var (name, note, expected) in checks)
        {
            double mine = Rise(ours, note), fluid = Rise(theirs, note);
            string line = string.Create(CultureInfo.InvariantCulture, $"{name,-26} louder than the defaults by: expected {expected:F2}  ours {mine:F2}  FluidSynth {fluid:F2} dB");
            log.WriteLine(line);
            if (Math.Abs(mine - expected) > 0.2 || Math.Abs(mine - fluid) > 0.2)
                failures.Add(line);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// 8.4.7: CC10 is a bipolar modulator added to the zone's pan. A stereo-like zone pair (the waveform panned hard left,
    /// its octave hard right) at CC10 = 0: the left zone stays left, the right one comes to the centre, so the right
    /// channel still carries the octave at the centre's level (before, CC10 was a balance after the voice, and the right
    /// sample went silent). A centred zone at CC10 = 32 moves a quarter of the way left, and a bank's own CC10 modulator of
    /// amount -500 replaces the default and pans the other way. Levels of each tone in each channel against FluidSynth's,
    /// relative to the same tone's level in the other channel or of the other tone (the pan laws' constant cancels).
    /// </summary>
    [Fact]
    public void Cc10_moves_each_zone_from_its_own_pan_and_a_bank_can_replace_it()
    {
        using var dir = new TempDirectory();
        var bank = new SpecBank();
        int pair = bank.AddZones(new SpecZone([(G.Pan, -500)], []), new SpecZone([(G.Pan, 500)], [], Octave: true));
        int centred = bank.Add([]);
        int inverted = bank.Add([], new SoundFontModulator(0x028A, (ushort)G.Pan, -500, 0, 0));
        string sf2 = bank.Save(dir.File("pan.sf2"));
        var notes = new List<(int, int, int, double, double)> { (pair, 60, 127, 0.5, 1), (centred, 60, 127, 2, 1), (inverted, 60, 127, 3.5, 1) };
        string midi = SpecBank.Song(dir.File("pan.mid"), notes, (0, 10, 0), (1, 10, 32), (2, 10, 0));
        var (ol, or, tl, tr) = SpecBank.RenderBothStereo(dir, sf2, midi);

        double low = SpecBank.RootHz, high = 2 * SpecBank.RootHz;
        var checks = new List<(string Name, double Ours, double Theirs)>
        {
            // The pair: the right channel's octave (the right zone, now centred) against the left channel's octave: 0 dB.
            ("pair: octave right re left", ToneDb(or, 0.8, high) - ToneDb(ol, 0.8, high), ToneDb(tr, 0.8, high) - ToneDb(tl, 0.8, high)),
            // ... and against the waveform in the left channel (the left zone, hard left).
            ("pair: octave right re wave left", ToneDb(or, 0.8, high) - ToneDb(ol, 0.8, low), ToneDb(tr, 0.8, high) - ToneDb(tl, 0.8, low)),
            ("centred at CC10 32: right re left", ToneDb(or, 2.3, low) - ToneDb(ol, 2.3, low), ToneDb(tr, 2.3, low) - ToneDb(tl, 2.3, low)),
            ("bank's CC10 -500 at 0: right re left", ToneDb(or, 3.8, low) - ToneDb(ol, 3.8, low), ToneDb(tr, 3.8, low) - ToneDb(tl, 3.8, low)),
        };
        foreach (var c in checks)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Name,-38}: ours {c.Ours,8:F2}  FluidSynth {c.Theirs,8:F2} dB"));

        Assert.InRange(checks[0].Ours, -0.05, 0.05); // the right zone sits at the centre
        Assert.True(ToneDb(or, 0.8, low) < ToneDb(ol, 0.8, low) - 60, "the left zone left the left side");
        Assert.True(checks[3].Ours > 40, "the bank's inverted CC10 modulator did not pan right");
        foreach (var c in checks)
            Assert.True(Math.Abs(c.Ours - c.Theirs) < 0.3 || (c.Ours > 40 && c.Theirs > 40), $"{c.Name}: ours {c.Ours:F2} dB, FluidSynth {c.Theirs:F2} dB");
    }

    /// <summary>
    /// A modulator from a controller (CC21, linear) to initialFilterQ, 300 cB at full scale, moved from 0 to 127 mid-note:
    /// the resonance rises by 29.8 dB and the voice falls by half of it (the SF2 1/√Q), at once, as FluidSynth recomputes
    /// its filter (before, Q routes were read at note-on only). A tone in the passband falls about 15 dB, a tone at the
    /// cutoff rises about as much; both as FluidSynth within 0.5 dB.
    /// </summary>
    [Fact]
    public void A_controller_moves_the_filter_q_mid_note()
    {
        using var dir = new TempDirectory();
        var bank = new SpecBank();
        var qByCc21 = new SoundFontModulator(0x0095, (ushort)G.InitialFilterQ, 300, 0, 0);
        int passband = bank.Add([(G.InitialFilterFc, 8322)], qByCc21); // 1 kHz
        int atCutoff = bank.Add([(G.InitialFilterFc, 5426)], qByCc21); // the tone's 187.5 Hz
        string sf2 = bank.Save(dir.File("qcc.sf2"));
        var notes = new List<(int, int, int, double, double)> { (passband, 60, 127, 0.5, 2), (atCutoff, 60, 127, 0.5, 2) };
        string midi = SpecBank.Song(dir.File("qcc.mid"), [notes[0]], [(0, 21, 0)], [(1.5, 0xB0, 21, 127)]);
        var (ours, theirs) = SpecBank.RenderBoth(dir, sf2, midi);
        double passOurs = SpecBank.LevelDb(ours, 1.8, 0.6) - SpecBank.LevelDb(ours, 0.9, 0.5);
        double passTheirs = SpecBank.LevelDb(theirs, 1.8, 0.6) - SpecBank.LevelDb(theirs, 0.9, 0.5);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"passband after CC21 127 re before: ours {passOurs:F2}  FluidSynth {passTheirs:F2} dB"));

        string second = SpecBank.Song(dir.File("qcc2.mid"), [notes[1]], [(0, 21, 0)], [(1.5, 0xB0, 21, 127)]);
        var (ours2, theirs2) = SpecBank.RenderBoth(dir, sf2, second);
        double cutOurs = SpecBank.LevelDb(ours2, 1.8, 0.6) - SpecBank.LevelDb(ours2, 0.9, 0.5);
        double cutTheirs = SpecBank.LevelDb(theirs2, 1.8, 0.6) - SpecBank.LevelDb(theirs2, 0.9, 0.5);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"at cutoff after CC21 127 re before: ours {cutOurs:F2}  FluidSynth {cutTheirs:F2} dB"));
        Assert.True(passOurs < -10, $"the passband moved {passOurs:F2} dB only");
        Assert.True(cutOurs > 10, $"the tone at the cutoff moved {cutOurs:F2} dB only");
        Assert.InRange(passOurs - passTheirs, -0.5, 0.5);
        Assert.InRange(cutOurs - cutTheirs, -0.5, 0.5);
    }

    /// <summary>
    /// FluidSynth clamps the summed attenuation (generator, velocity, CC7, CC11 and every modulator) at 0 dB: a modulator
    /// from CC21 to attenuation of -480 cB (48 dB of boost at full scale) raises a note only by what velocity and the
    /// channel's volume take off, so at velocity 127 and 64 (CC7 127) both notes come out at unity (before, routes added
    /// without that clamp: 48 dB louder). Each level against its own note without the boost, as FluidSynth within 0.1 dB.
    /// </summary>
    [Fact]
    public void The_summed_attenuation_is_clamped_at_0_db()
    {
        using var dir = new TempDirectory();
        var bank = new SpecBank();
        int boosted = bank.Add([], new SoundFontModulator(0x0095, (ushort)G.InitialAttenuation, -480, 0, 0));
        string sf2 = bank.Save(dir.File("clamp.sf2"));
        var notes = new List<(int, int, int, double, double)> { (boosted, 60, 127, 0.5, 2), (boosted, 60, 64, 0.5, 2) };
        var failures = new List<string>();
        double? loudest = null;
        for (int i = 0; i < notes.Count; i++)
        {
            string midi = SpecBank.Song(dir.File($"clamp{i}.mid"), [notes[i]], [(0, 7, 127), (0, 21, 0)], [(1.5, 0xB0, 21, 127)]);
            var (ours, theirs) = SpecBank.RenderBoth(dir, sf2, midi);
            double mine = SpecBank.LevelDb(ours, 1.8, 0.6) - SpecBank.LevelDb(ours, 0.9, 0.5);
            double fluid = SpecBank.LevelDb(theirs, 1.8, 0.6) - SpecBank.LevelDb(theirs, 0.9, 0.5);
            double after = SpecBank.LevelDb(ours, 1.8, 0.6);
            loudest ??= after;
            string line = string.Create(CultureInfo.InvariantCulture, $"velocity {notes[i].Item3,3}: CC21 127 re 0: ours {mine,6:F2}  FluidSynth {fluid,6:F2} dB; level after {after,6:F2} dB");
            log.WriteLine(line);
            if (Math.Abs(mine - fluid) > 0.1 || Math.Abs(after - loudest.Value) > 0.1)
                failures.Add(line);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// RPN 5 (modulation depth range, a GM2 extension) leaves the default mod-wheel vibrato (8.4.4, 50 cents) alone, as
    /// in FluidSynth 2.3.1: a zone whose vibrato LFO runs at 8.176 Hz, CC1 127, with RPN 5 left alone and set to 2
    /// semitones, has the same peak-to-peak pitch (traced every 5 ms with 24 ms windows, so below the full 99 cents) in
    /// both renders, ours within 1 cent of FluidSynth's.
    /// </summary>
    [Fact]
    public void Rpn_5_leaves_the_mod_wheel_vibrato_as_fluidsynth_does()
    {
        var spreads = new List<(double Ours, double Theirs)>();
        using var dir = new TempDirectory();
        var bank = new SpecBank();
        int program = bank.Add([]);
        string sf2 = bank.Save(dir.File("rpn5.sf2"));
        for (int msb = -1; msb <= 2; msb += 3)
        {
            var setup = new List<(int, int, int)> { (0, 1, 127) };
            if (msb >= 0)
                setup.AddRange([(0, 101, 0), (0, 100, 5), (0, 6, msb)]);
            string midi = SpecBank.Song(dir.File($"rpn5{msb}.mid"), [(program, 60, 127, 0.5, 2)], [.. setup]);
            var (ours, theirs) = SpecBank.RenderBoth(dir, sf2, midi);
            double Spread(float[] x)
            {
                double lo = double.MaxValue, hi = double.MinValue;
                for (double t = 1.0; t < 2.0; t += 0.005)
                {
                    double c = SpecBank.CentsAbove(SpecBank.FrequencyHz(x, t, 0.012), 60);
                    lo = Math.Min(lo, c);
                    hi = Math.Max(hi, c);
                }

                return hi - lo;
            }

            spreads.Add((Spread(ours), Spread(theirs)));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RPN 5 {(msb < 0 ? "unset" : $"MSB {msb}")}: peak-to-peak ours {spreads[^1].Ours:F1} FluidSynth {spreads[^1].Theirs:F1} cents"));
        }

        Assert.InRange(spreads[0].Ours, 80, 100);
        Assert.InRange(spreads[1].Ours - spreads[0].Ours, -1, 1);
        foreach (var (ours, theirs) in spreads)
            Assert.InRange(ours - theirs, -1, 1);
    }

    /// <summary>
    /// NRPN generator control (SF2.01 section 9.6, as FluidSynth): NRPN MSB 120, LSB the generator, data entry MSB
    /// 64 ± k offsets it by k × 128 × its NRPN scale, mid-note. Cutoff -1024 cents (scale 2) on a 262 Hz lowpass under
    /// the 187.5 Hz tone; Q +25.6 dB on a 1 kHz lowpass (the passband falls half of it); attenuation +12.8 dB; fine
    /// tune -128 cents. Each level change (and the pitch) as FluidSynth within 0.5 dB (1 cent); before, NRPNs were ignored.
    /// </summary>
    [Fact]
    public void Nrpn_offsets_move_cutoff_q_attenuation_and_tuning_mid_note()
    {
        using var dir = new TempDirectory();
        var bank = new SpecBank();
        int low = bank.Add([(G.InitialFilterFc, 6000)]);
        int kilohertz = bank.Add([(G.InitialFilterFc, 8322)]);
        int plain = bank.Add([]);
        var cases = new (string Name, int Program, G Generator, int Msb, bool Pitch)[]
        {
            ("cutoff -1024 cents", low, G.InitialFilterFc, 60, false),
            ("Q +25.6 dB", kilohertz, G.InitialFilterQ, 66, false),
            ("attenuation +12.8 dB", plain, G.InitialAttenuation, 65, false),
            ("fine tune -128 cents", plain, G.FineTune, 63, true),
        };
        string sf2 = bank.Save(dir.File("nrpn.sf2"));
        var failures = new List<string>();
        for (int i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            string midi = SpecBank.Song(dir.File($"nrpn{i}.mid"), [(c.Program, 60, 127, 0.5, 2)], [],
                [(1.5, 0xB0, 99, 120), (1.5, 0xB0, 98, (byte)c.Generator), (1.5, 0xB0, 6, (byte)c.Msb)]);
            var (ours, theirs) = SpecBank.RenderBoth(dir, sf2, midi);
            double mine, fluid;
            if (c.Pitch)
            {
                mine = SpecBank.CentsAbove(SpecBank.FrequencyHz(ours, 2.0, 0.2), 60);
                fluid = SpecBank.CentsAbove(SpecBank.FrequencyHz(theirs, 2.0, 0.2), 60);
            }
            else
            {
                mine = SpecBank.LevelDb(ours, 1.8, 0.6) - SpecBank.LevelDb(ours, 0.9, 0.5);
                fluid = SpecBank.LevelDb(theirs, 1.8, 0.6) - SpecBank.LevelDb(theirs, 0.9, 0.5);
            }

            string line = string.Create(CultureInfo.InvariantCulture, $"{c.Name,-22}: ours {mine,8:F2}  FluidSynth {fluid,8:F2} {(c.Pitch ? "cents" : "dB")}");
            log.WriteLine(line);
            if (Math.Abs(mine - fluid) > (c.Pitch ? 1 : 0.5) || Math.Abs(mine) < 3)
                failures.Add(line);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// The level in dB of the sine of <paramref name="hz"/> in <paramref name="x"/> over 96 periods of the waveform (0.51 s)
    /// from second <paramref name="from"/>: a single-bin DFT over whole periods of both tones, so neither leaks into the other.
    /// </summary>
    private static double ToneDb(float[] x, double from, double hz)
    {
        int a = (int)(from * SpecBank.Rate), n = 96 * 256;
        double re = 0, im = 0;
        for (int i = 0; i < n; i++)
        {
            double phase = 2 * Math.PI * hz * i / SpecBank.Rate;
            re += x[a + i] * Math.Cos(phase);
            im += x[a + i] * Math.Sin(phase);
        }

        return 20 * Math.Log10((2 * Math.Sqrt((re * re) + (im * im)) / n) + 1e-12);
    }
}

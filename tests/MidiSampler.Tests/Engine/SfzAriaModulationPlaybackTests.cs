using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// The ARIA/sfizz extended controllers (cc128–141) as modulation sources, loaded from SFZ text and checked on the sound:
/// velocity, note number, bend, aftertouch, gate, alternate, key delta and random driving level, pitch, offset, cutoff
/// and the amplitude envelope, each by the exact amount its definition gives.
/// </summary>
public class SfzAriaModulationPlaybackTests
{
    private const int Rate = 48_000;

    /// <summary>A looped DC sample at 0.5: the output's level is the voice's gain times 0.5.</summary>
    private static readonly Sample Dc = Signals.Constant(0.5f, 4800);

    private static Instrument Load(TempSfzDirectory dir, string sfz, Sample? sample = null)
    {
        var instrument = SfzLoader.Load(Write(dir, "test.sfz", sfz), _ => sample ?? Dc);
        Assert.True(instrument.Warnings.Count == 0, string.Join("\n", instrument.Warnings));
        return instrument;
    }

    /// <summary>Writes the SFZ file beside the (empty) sample files it names: the loader is given the samples.</summary>
    private static string Write(TempSfzDirectory dir, string name, string sfz)
    {
        dir.Touch("dc.wav", "ramp.wav", "sine.wav");
        return dir.Write(name, sfz);
    }

    /// <summary>A DC region with the given opcodes: looped, no velocity tracking, an instant envelope.</summary>
    private static string DcRegion(string opcodes, string keys = "lokey=0 hikey=127") =>
        $"<region> sample=dc.wav {keys} pitch_keycenter=60 loop_mode=loop_continuous loop_start=0 loop_end=4799 amp_veltrack=0 ampeg_release=0.001 {opcodes}\n";

    private static float Level(Sampler sampler, int frames = 2048) => Signals.Channel(Signals.Render(sampler, frames), 2, 0)[frames - 8];

    private static Sampler Play(Instrument instrument)
    {
        var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        return sampler;
    }

    [Fact]
    public void Amplitude_oncc131_scales_the_note_by_its_velocity()
    {
        using var dir = new TempSfzDirectory();
        var instrument = Load(dir, DcRegion("amplitude_oncc131=100"));
        using var sampler = Play(instrument);
        sampler.NoteOn(0, 60, 127);
        float full = Level(sampler);
        sampler.NoteOff(0, 60);
        Level(sampler);
        sampler.NoteOn(0, 60, 64);
        float half = Level(sampler);
        Assert.True(full > 0.3f, $"full level {full}");
        Assert.Equal(64.0 / 127, half / full, 4); // 100 % × 64/127
    }

    [Fact]
    public void Volume_oncc133_follows_the_note_number_and_volume_oncc137_alternates()
    {
        using var dir = new TempSfzDirectory();
        using var reference = Play(Load(dir, DcRegion("")));
        reference.NoteOn(0, 60, 100);
        float unity = Level(reference);

        using var byKey = Play(Load(dir, DcRegion("volume_oncc133=-12.7")));
        byKey.NoteOn(0, 60, 100);
        Assert.Equal(-12.7 * 60 / 127, Signals.Db(Level(byKey) / unity), 2); // note 60: 60/127 of −12.7 dB

        using var alternate = Play(Load(dir, DcRegion("volume_oncc137=-20")));
        var levels = new double[4];
        for (int i = 0; i < 4; i++)
        {
            alternate.NoteOn(0, 60, 100);
            levels[i] = Signals.Db(Level(alternate) / unity);
            alternate.NoteOff(0, 60);
            Level(alternate);
        }

        Assert.Equal([0, -20, 0, -20], levels.Select(l => Math.Round(l, 2)));
    }

    [Fact]
    public void Key_delta_and_note_gate_are_taken_from_the_previous_note_on()
    {
        using var dir = new TempSfzDirectory();
        using var reference = Play(Load(dir, DcRegion("")));
        reference.NoteOn(0, 60, 100);
        float unity = Level(reference);

        // 1 dB per semitone of distance from the previous note (cc141), and 6 dB when another key is held (cc134).
        using var sampler = Play(Load(dir, DcRegion("volume_oncc141=-1 volume_oncc134=-6")));
        sampler.NoteOn(0, 60, 100); // first note: delta 0, nothing held
        Assert.Equal(0, Signals.Db(Level(sampler) / unity), 2);
        sampler.NoteOn(0, 67, 100); // 7 semitones up, 60 still held
        float both = Signals.Channel(Signals.Render(sampler, 2048), 2, 0)[2040];
        Assert.Equal((1 + Decibels(-13)) * unity, both, 3);
        sampler.NoteOff(0, 60);
        sampler.NoteOff(0, 67);
        Level(sampler);
        sampler.NoteOn(0, 64, 100); // 3 down from 67, nothing held
        Assert.Equal(-3, Signals.Db(Level(sampler) / unity), 2);
    }

    private static float Decibels(double db) => (float)Math.Pow(10, db / 20);

    [Fact]
    public void Offset_oncc131_starts_later_in_the_sample_at_higher_velocity()
    {
        var ramp = new float[20_000];
        for (int i = 0; i < ramp.Length; i++)
            ramp[i] = i / 20_000f;
        var sample = Sample.FromInterleaved("ramp", Rate, 1, ramp);
        using var dir = new TempSfzDirectory();
        var instrument = Load(dir, "<region> sample=ramp.wav pitch_keycenter=60 amp_veltrack=0 offset_oncc131=12700\n", sample);
        foreach (int velocity in new[] { 127, 50 })
        {
            using var sampler = Play(instrument);
            sampler.NoteOn(0, 60, velocity);
            var left = Signals.Channel(Signals.Render(sampler, 256), 2, 0);
            // out[i] = gain × (start + i) / 20000: the slope gives the gain, the level the position.
            double slope = (left[200] - (double)left[100]) / 100;
            double startFrame = (left[100] / slope) - 100;
            Assert.Equal(100 * velocity, startFrame, 0); // 12700 × velocity/127 frames
        }
    }

    [Fact]
    public void Pitch_oncc128_bends_by_its_own_depth()
    {
        var sine = Signals.Sine(440, Rate, 40);
        double hz = Signals.SineHz(440, Rate, 40);
        using var dir = new TempSfzDirectory();
        var instrument = SfzLoader.Load(Write(dir, "bend.sfz",
            "<region> sample=sine.wav pitch_keycenter=60 loop_mode=loop_continuous amp_veltrack=0 bend_up=0 bend_down=0 pitch_oncc128=1200\n"), _ => sine);
        Assert.True(instrument.Warnings.Count == 0, string.Join("\n", instrument.Warnings));
        using var sampler = Play(instrument);
        sampler.NoteOn(0, 60, 100);
        var still = Signals.Channel(Signals.Render(sampler, 9600), 2, 0);
        Assert.Equal(0, Signals.Cents(Signals.Frequency(still, Rate, 2400, 9600), hz), 1);
        sampler.PitchBend(0, 16383); // full up: +1200 cents from pitch_oncc128, nothing from bend_up=0
        var up = Signals.Channel(Signals.Render(sampler, 9600), 2, 0);
        Assert.Equal(1200, Signals.Cents(Signals.Frequency(up, Rate, 2400, 9600), hz), 1);
        sampler.PitchBend(0, 0); // full down: −1200
        var down = Signals.Channel(Signals.Render(sampler, 9600), 2, 0);
        Assert.Equal(-1200, Signals.Cents(Signals.Frequency(down, Rate, 2400, 9600), hz), 1);
    }

    [Fact]
    public void Cutoff_oncc129_opens_the_filter_with_channel_aftertouch_and_amplitude_oncc130_follows_key_pressure()
    {
        var sine = Signals.Sine(4000, Rate, 400);
        using var dir = new TempSfzDirectory();
        var instrument = SfzLoader.Load(Write(dir, "at.sfz",
            "<region> sample=sine.wav key=60 loop_mode=loop_continuous amp_veltrack=0 cutoff=250 fil_type=lpf_2p cutoff_oncc129=6000\n"
            + "<region> sample=sine.wav key=72 pitch_keycenter=72 loop_mode=loop_continuous amp_veltrack=0 amplitude_oncc130=100\n"), _ => sine);
        Assert.True(instrument.Warnings.Count == 0, string.Join("\n", instrument.Warnings));
        using var sampler = Play(instrument);
        sampler.NoteOn(0, 60, 100);
        var closed = Signals.Channel(Signals.Render(sampler, 9600), 2, 0);
        sampler.SendMidi([0xD0, 127]); // channel pressure: cutoff +6000 cents (250 Hz → 8 kHz)
        var open = Signals.Channel(Signals.Render(sampler, 9600), 2, 0);
        double gainDb = Signals.Db(Signals.Rms(open, 4800, 9600) / Signals.Rms(closed, 4800, 9600));
        Assert.True(gainDb > 20, $"4 kHz through a 250 Hz low-pass, then 8 kHz: {gainDb:F1} dB louder");
        sampler.NoteOff(0, 60);
        Signals.Render(sampler, 4800);

        sampler.NoteOn(0, 72, 100);
        Assert.True(Signals.Rms(Signals.Channel(Signals.Render(sampler, 4800), 2, 0), 2400, 4800) < 1e-4, "no key pressure: silent");
        sampler.SendMidi([0xA0, 72, 127]);
        Assert.True(Signals.Rms(Signals.Channel(Signals.Render(sampler, 4800), 2, 0), 2400, 4800) > 0.3, "full key pressure: full level");
    }

    [Fact]
    public void Ampeg_attack_oncc131_lengthens_the_attack_with_velocity()
    {
        using var dir = new TempSfzDirectory();
        var instrument = Load(dir, DcRegion("ampeg_attack=0 ampeg_attack_oncc131=1"));
        using var sampler = Play(instrument);
        sampler.NoteOn(0, 60, 127); // 1 s attack
        var left = Signals.Channel(Signals.Render(sampler, Rate + 4800), 2, 0);
        double peak = left[Rate + 4000];
        Assert.InRange(left[Rate / 2] / peak, 0.45, 0.55);
        Assert.True(left[Rate / 4] / peak < 0.3);
    }

    [Fact]
    public void Random_sources_are_drawn_once_per_note_and_shared_by_its_layers()
    {
        using var dir = new TempSfzDirectory();
        string layer = "volume_oncc135=-24";
        var instrument = Load(dir, DcRegion(layer) + DcRegion(layer));
        using var sampler = Play(instrument);
        using var reference = Play(Load(dir, DcRegion("")));
        reference.NoteOn(0, 60, 100);
        float unity = Level(reference);
        var seen = new HashSet<double>();
        for (int i = 0; i < 8; i++)
        {
            sampler.NoteOn(0, 60, 100);
            double db = Signals.Db(Level(sampler) / (2 * unity)); // two layers at the same random gain
            Assert.InRange(db, -24.01, 0.01);
            seen.Add(Math.Round(db, 3));
            sampler.NoteOff(0, 60);
            Level(sampler);
        }

        Assert.True(seen.Count >= 6, $"random levels: {string.Join(", ", seen)}");
    }

    [Fact]
    public void A_curve_shapes_an_extended_source()
    {
        using var dir = new TempSfzDirectory();
        var instrument = Load(dir, "<curve> curve_index=7 v000=1 v127=0\n" + DcRegion("amplitude_oncc131=100 amplitude_curvecc131=7"));
        using var sampler = Play(instrument);
        using var reference = Play(Load(dir, DcRegion("")));
        reference.NoteOn(0, 60, 100);
        float unity = Level(reference);
        sampler.NoteOn(0, 60, 32);
        Assert.Equal(1 - (32 / 127.0), Level(sampler) / unity, 2); // the curve falls linearly from 1 to 0
    }

    [Fact]
    public void Extended_controllers_stay_refused_as_conditions_and_triggers()
    {
        using var dir = new TempSfzDirectory();
        var instrument = SfzLoader.Load(Write(dir, "c.sfz", "<region> sample=dc.wav locc131=10 on_locc133=1 amplitude_oncc131=100 pitch_oncc138=100\n"), _ => Dc);
        Assert.Contains(instrument.Warnings, w => w.Contains("locc131", StringComparison.Ordinal) && w.Contains("note-on velocity", StringComparison.Ordinal));
        Assert.Contains(instrument.Warnings, w => w.Contains("on_locc133", StringComparison.Ordinal));
        Assert.Contains(instrument.Warnings, w => w.Contains("pitch_oncc138", StringComparison.Ordinal));
        Assert.DoesNotContain(instrument.Warnings, w => w.Contains("amplitude_oncc131", StringComparison.Ordinal));
        Assert.Contains(instrument.Regions[0].CcModulations, m => m.Controller == 131 && m.Target == ModulationTarget.AmplitudePercent);
    }
    [Fact]
    public void Amp_veltrack_oncc_turns_velocity_tracking_on_by_the_controller()
    {
        using var dir = new TempSfzDirectory();
        // amp_veltrack=0, and +100 % at CC 1 = 127: velocity 64 then plays (64/127)² of full level.
        var instrument = Load(dir, DcRegion("amp_veltrack_oncc1=100"));
        using var sampler = Play(instrument);
        sampler.NoteOn(0, 60, 64);
        float untracked = Level(sampler);
        sampler.NoteOff(0, 60);
        Level(sampler);
        sampler.ControlChange(0, 1, 127);
        sampler.NoteOn(0, 60, 64);
        Assert.Equal(Math.Pow(64 / 127.0, 2), Level(sampler) / untracked, 4);
        sampler.NoteOff(0, 60);
        Level(sampler);
        sampler.ControlChange(0, 1, 64); // half way: 50 % tracking
        sampler.NoteOn(0, 60, 64);
        double t = 64 / 127.0;
        Assert.Equal((1 - t) + (t * Math.Pow(64 / 127.0, 2)), Level(sampler) / untracked, 4);
    }

    [Fact]
    public void Width_oncc_narrows_a_stereo_sample_and_position_oncc_moves_it()
    {
        // Left channel 0.5, right 0: width 0 sums to mono (0.25 on each side), position moves the image.
        var data = new float[9600];
        for (int i = 0; i < data.Length; i += 2)
            data[i] = 0.5f;
        var stereo = Sample.FromInterleaved("st", Rate, 2, data);
        using var dir = new TempSfzDirectory();
        var instrument = Load(dir, "<region> sample=dc.wav loop_mode=loop_continuous loop_start=0 loop_end=4799 amp_veltrack=0 width_oncc1=-100 position_oncc2=100\n", stereo);
        using var sampler = Play(instrument);
        sampler.NoteOn(0, 60, 100);
        var wide = Signals.Render(sampler, 2048);
        Assert.Equal(0f, wide[(2040 * 2) + 1], 4); // full width: the right side is silent
        float left = wide[2040 * 2];
        sampler.ControlChange(0, 1, 127); // width 100 − 100 = 0: mono
        var mono = Signals.Render(sampler, 4096);
        Assert.Equal(mono[4000 * 2], mono[(4000 * 2) + 1], 4);
        Assert.Equal(left / 2, mono[4000 * 2], 3);
        sampler.ControlChange(0, 2, 127); // position +100: the mono image moves right
        var right = Signals.Render(sampler, 4096);
        Assert.True(right[(4000 * 2) + 1] > 10 * Math.Abs(right[4000 * 2]), $"L {right[4000 * 2]} R {right[(4000 * 2) + 1]}");
    }
    [Fact]
    public void Ampeg_curvecc_shapes_the_envelope_route()
    {
        using var dir = new TempSfzDirectory();
        // Curve 8 reaches 1 at CC 64: CC 32 gives half of ampeg_attack_oncc1=1, a 0.5 s attack.
        var instrument = Load(dir, "<curve> curve_index=8 v000=0 v064=1 v127=1\n" + DcRegion("ampeg_attack_oncc1=1 ampeg_attack_curvecc1=8"));
        using var sampler = Play(instrument);
        sampler.ControlChange(0, 1, 32);
        sampler.NoteOn(0, 60, 100);
        var left = Signals.Channel(Signals.Render(sampler, Rate), 2, 0);
        float peak = left[Rate - 100];
        Assert.InRange(left[Rate / 4] / peak, 0.45, 0.55); // half way up at 0.25 s
        Assert.InRange(left[(Rate / 2) + 200] / peak, 0.99, 1.01);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Ampeg_dynamic_reevaluates_the_envelope_when_its_controller_moves(bool dynamic)
    {
        using var dir = new TempSfzDirectory();
        string opcodes = "ampeg_release=0.001 ampeg_release_oncc1=2 ampeg_sustain=100 ampeg_sustain_oncc2=-50 ampeg_decay=0.02" + (dynamic ? " ampeg_dynamic=1" : "");
        using var sampler = Play(Load(dir, DcRegion(opcodes)));
        sampler.NoteOn(0, 60, 100); // CC 1 and 2 at 0: full sustain, 1 ms release
        float full = Level(sampler);
        sampler.ControlChange(0, 2, 127); // sustain 50 %
        float afterSustainCc = Level(sampler, 9600);
        sampler.ControlChange(0, 1, 127); // release 2 s
        Level(sampler);
        sampler.NoteOff(0, 60);
        float released = Level(sampler, 4800); // 0.1 s into the release
        if (dynamic)
        {
            Assert.Equal(0.5, afterSustainCc / full, 3); // the sustain glided to its new level within the 20 ms decay
            // 0.1 s into a 2.001 s release falling 90 dB, from the 50 % sustain.
            Assert.Equal(0.5 * Math.Pow(10, -90 * (0.1 / 2.001) / 20), released / full, 2);
        }
        else
        {
            Assert.Equal(1, afterSustainCc / full, 4); // read at note-on only
            Assert.True(Math.Abs(released) < 1e-4, "the 1 ms release read at note-on has ended");
        }
    }

    [Fact]
    public void Ampeg_dynamic_takes_only_0_or_1()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("dc.wav");
        var instrument = SfzLoader.Load(dir.Write("d.sfz", "<region> sample=dc.wav ampeg_dynamic=yes\n"), _ => Dc);
        Assert.Contains(instrument.Warnings, w => w.Contains("d.sfz:1:", StringComparison.Ordinal) && w.Contains("ampeg_dynamic=yes", StringComparison.Ordinal));
        Assert.False(Assert.Single(instrument.Regions).AmpEnvelopeModulation.Dynamic);
    }
    [Fact]
    public void Lfo_oncc_routes_set_the_lfo_depth_and_rate()
    {
        using var dir = new TempSfzDirectory();
        using var sampler = Play(Load(dir, DcRegion("lfo1_freq=1 lfo1_wave=1 lfo1_volume_oncc1=6 lfo1_freq_oncc2=4")));
        sampler.NoteOn(0, 60, 100);
        var still = Signals.Channel(Signals.Render(sampler, Rate), 2, 0);
        Assert.Equal(0, Signals.Db(still[2000..].Max() / still[2000..].Min()), 3); // CC 1 at 0: no depth

        sampler.ControlChange(0, 1, 127); // ±6 dB
        var slow = Signals.Channel(Signals.Render(sampler, 2 * Rate), 2, 0)[Rate..];
        Assert.Equal(12, Signals.Db(slow.Max() / slow.Min()), 0);
        Assert.Equal(2, Crossings(slow)); // 1 Hz over one second

        sampler.ControlChange(0, 2, 127); // 1 + 4 Hz
        var fast = Signals.Channel(Signals.Render(sampler, 2 * Rate), 2, 0)[Rate..];
        Assert.Equal(10, Crossings(fast));
    }

    /// <summary>How often the level crosses its geometric middle.</summary>
    private static int Crossings(float[] x)
    {
        double middle = Math.Sqrt(x.Max() * (double)x.Min());
        int n = 0;
        for (int i = 1; i < x.Length; i++)
        {
            if ((x[i - 1] < middle) != (x[i] < middle))
                n++;
        }

        return n;
    }
    [Theory]
    [InlineData("lfo1_amplitude_oncc1=50", false)]
    [InlineData("lfo1_pan_oncc1=100", false)]
    [InlineData("cutoff=1500 fil_type=lpf_2p lfo1_cutoff_oncc1=1200", false)]
    [InlineData("lfo1_pitch_oncc1=600", true)]
    public void Lfo_depth_routes_move_their_destination_only_when_the_controller_is_up(string opcodes, bool pitch)
    {
        var sine = Signals.Sine(2000, Rate, 200);
        using var dir = new TempSfzDirectory();
        var instrument = SfzLoader.Load(Write(dir, "lfo.sfz",
            $"<region> sample=sine.wav pitch_keycenter=60 loop_mode=loop_continuous amp_veltrack=0 lfo1_freq=4 {opcodes}\n"), _ => sine);
        Assert.True(instrument.Warnings.Count == 0, string.Join("\n", instrument.Warnings));
        using var sampler = Play(instrument);
        sampler.NoteOn(0, 60, 100);
        double Spread()
        {
            var left = Signals.Channel(Signals.Render(sampler, Rate), 2, 0);
            var values = new List<double>();
            for (int w = 4800; w + 2400 <= Rate; w += 2400) // 50 ms windows
                values.Add(pitch ? 1200 * Math.Log2(Signals.Frequency(left, Rate, w, w + 2400)) : Signals.Db(Signals.Rms(left, w, w + 2400)));
            return values.Max() - values.Min(); // cents or dB
        }

        Assert.True(Spread() < 0.1, "controller at 0: the LFO has no depth");
        sampler.ControlChange(0, 1, 127);
        double moved = Spread();
        Assert.True(moved > (pitch ? 300 : 2), $"controller up: the LFO moves its destination by {moved}");
    }
    [Fact]
    public void Pitcheg_and_fileg_depth_oncc_set_the_envelope_depth_at_note_on()
    {
        var sine = Signals.Sine(440, Rate, 40);
        double hz = Signals.SineHz(440, Rate, 40);
        using var dir = new TempSfzDirectory();
        var instrument = SfzLoader.Load(Write(dir, "eg.sfz",
            "<region> sample=sine.wav key=60 loop_mode=loop_continuous amp_veltrack=0 pitcheg_sustain=100 pitcheg_depth_oncc1=1200\n"
            + "<region> sample=sine.wav key=62 pitch_keycenter=62 loop_mode=loop_continuous amp_veltrack=0 cutoff=100 fileg_sustain=100 fileg_depth_oncc1=4800 fileg_depth_curvecc1=0\n"), _ => sine);
        Assert.True(instrument.Warnings.Count == 0, string.Join("\n", instrument.Warnings));
        using var sampler = Play(instrument);
        double Cents(int cc)
        {
            sampler.ControlChange(0, 1, cc);
            sampler.NoteOn(0, 60, 100);
            var left = Signals.Channel(Signals.Render(sampler, 9600), 2, 0);
            sampler.NoteOff(0, 60);
            Signals.Render(sampler, 4800);
            return Signals.Cents(Signals.Frequency(left, Rate, 2400, 9600), hz);
        }

        Assert.Equal(0, Cents(0), 1);
        Assert.Equal(1200, Cents(127), 1);
        Assert.Equal(1200 * 64 / 127.0, Cents(64), 1);

        double Rms(int cc)
        {
            sampler.ControlChange(0, 1, cc);
            sampler.NoteOn(0, 62, 100);
            var left = Signals.Channel(Signals.Render(sampler, 9600), 2, 0);
            sampler.NoteOff(0, 62);
            Signals.Render(sampler, 4800);
            return Signals.Rms(left, 4800, 9600);
        }

        // 440 Hz through a 100 Hz low-pass, then through 100 Hz + 4 octaves (1.6 kHz).
        Assert.True(Signals.Db(Rms(127) / Rms(0)) > 15);
    }
    [Fact]
    public void Lfo_delay_oncc_holds_the_lfo_back_by_the_controller_at_note_on()
    {
        using var dir = new TempSfzDirectory();
        using var sampler = Play(Load(dir, DcRegion("lfo1_freq=4 lfo1_volume=6 lfo1_delay_oncc1=0.5")));
        double SpreadDb(float[] x, int from, int to) => Signals.Db(x[from..to].Max() / x[from..to].Min());

        sampler.NoteOn(0, 60, 100); // CC 1 at 0: no delay
        var now = Signals.Channel(Signals.Render(sampler, Rate / 2), 2, 0);
        Assert.True(SpreadDb(now, 100, Rate / 2) > 6);
        sampler.NoteOff(0, 60);
        Signals.Render(sampler, 2048);

        sampler.ControlChange(0, 1, 127); // 0.5 s delay
        sampler.NoteOn(0, 60, 100);
        var later = Signals.Channel(Signals.Render(sampler, Rate), 2, 0);
        Assert.Equal(0, SpreadDb(later, 100, (Rate / 2) - 100), 3);
        Assert.True(SpreadDb(later, Rate / 2, Rate) > 6);
    }
    [Fact]
    public void Resonance_oncc_raises_the_filter_peak()
    {
        var sine = Signals.Sine(1000, Rate, 100);
        using var dir = new TempSfzDirectory();
        var instrument = SfzLoader.Load(Write(dir, "q.sfz",
            "<region> sample=sine.wav pitch_keycenter=60 loop_mode=loop_continuous amp_veltrack=0 fil_type=lpf_2p cutoff=1000 resonance_oncc1=20\n"), _ => sine);
        Assert.True(instrument.Warnings.Count == 0, string.Join("\n", instrument.Warnings));
        using var sampler = Play(instrument);
        sampler.NoteOn(0, 60, 100);
        double flat = Signals.Rms(Signals.Channel(Signals.Render(sampler, 9600), 2, 0), 4800, 9600);
        sampler.ControlChange(0, 1, 127); // +20 dB of resonance at the cutoff, where the sine sits
        double peaked = Signals.Rms(Signals.Channel(Signals.Render(sampler, 9600), 2, 0), 4800, 9600);
        Assert.True(Signals.Db(peaked / flat) > 12, $"{Signals.Db(peaked / flat):F1} dB");
    }
}

using MidiSampler.Dsp;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>SFZ v2 opcodes checked on the sound: pan tracking, delay_samples, loop_count, bend_stepup/down, eqN_type.</summary>
public class SfzV2PlaybackTests
{
    private static (float Left, float Right) LevelsOf(Region region, int key, int velocity)
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.NoteOn(0, key, velocity);
        var out2 = Signals.Render(sampler, 512);
        return (Signals.Channel(out2, 2, 0)[400], Signals.Channel(out2, 2, 1)[400]);
    }

    [Fact]
    public void Pan_keytrack_and_veltrack_move_the_note_by_the_expected_amount()
    {
        var s = Signals.Constant(0.5f, 48_000);
        var region = new Region { Sample = s, AmpVeltrackPercent = 0, PanKeytrackPercent = 10, PanKeycenter = 60 };
        var (l60, r60) = LevelsOf(region, 60, 127);
        Assert.Equal(l60, r60, 4); // centre at the key centre
        var (l70, r70) = LevelsOf(region, 70, 127);
        Assert.True(l70 < 1e-4f && r70 > 0.6f, $"10 keys × 10 % = hard right: {l70}, {r70}"); // sfz pan law: −3 dB centre
        var (lv, rv) = LevelsOf(region with { PanKeytrackPercent = 0, PanVeltrackPercent = -100 }, 60, 127);
        Assert.True(rv < 1e-4f && lv > 0.6f, $"veltrack −100 % at velocity 127 = hard left: {lv}, {rv}");
    }

    [Fact]
    public void Delay_samples_delays_the_onset_by_that_many_sample_frames()
    {
        using var sampler = Signals.NewSampler();
        // A 24 kHz sample on a 48 kHz engine: 100 sample frames are 200 output frames.
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.5f, 4800, sampleRate: 24_000), DelaySampleFrames = 100, AmpVeltrackPercent = 0 }));
        sampler.NoteOn(0, 60, 127, offsetFrames: 10);
        Assert.Equal(210, Signals.FirstNonZero(Signals.Channel(Signals.Render(sampler, 512), 2, 0)));
    }

    [Fact]
    public void Loop_count_repeats_the_loop_then_plays_on_to_the_end()
    {
        // Frames 0..99 at 0.25, the loop 100..199 at 0.5, the tail 200..299 at 0.75.
        var data = new float[300];
        for (int i = 0; i < data.Length; i++)
            data[i] = i < 100 ? 0.25f : i < 200 ? 0.5f : 0.75f;
        var sample = Sample.FromInterleaved("steps", 48_000, 1, data);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = sample, LoopMode = LoopMode.LoopContinuous, LoopStart = 100, LoopEnd = 199, LoopCount = 2, AmpVeltrackPercent = 0,
        }));
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, 1024), 2, 0);
        // 100 frames of head, the loop three times (once plus two repeats: frames 100..399), the tail (400..499), the end.
        Assert.Equal(0.5f, left[350], 2);
        Assert.Equal(0.75f, left[450], 2);
        Assert.True(Math.Abs(left[600]) < 1e-4f, "and the end");
    }

    [Fact]
    public void Bend_stepup_and_stepdown_quantise_each_direction()
    {
        double PitchCents(Region region, int bend)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(region));
            sampler.PitchBend(0, bend);
            sampler.NoteOn(0, 69, 127);
            var left = Signals.Channel(Signals.Render(sampler, 24_000), 2, 0);
            return Signals.Cents(Signals.Frequency(left, 48_000, 4_000, 24_000), 440);
        }

        var sine = Signals.Sine(440, 48_000, 400);
        var region = new Region
        {
            Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1,
            BendUpCents = 1200, BendDownCents = -1200, BendStepUpCents = 100, BendStepDownCents = 1200,
        };
        Assert.InRange(PitchCents(region, 8192 + 2900), 399, 401); // +425 cents rounds to the semitone: +400
        Assert.InRange(PitchCents(region, 8192 - 2900), -1.5, 1.5); // −425 cents rounds to the octave step: 0
        Assert.InRange(PitchCents(region, 0), -1201, -1199);
    }

    [Theory]
    [InlineData(FilterType.LowShelf, 100, 6)]
    [InlineData(FilterType.LowShelf, 8000, 0)]
    [InlineData(FilterType.HighShelf, 8000, -6)]
    [InlineData(FilterType.HighShelf, 100, 0)]
    public void Eq_type_shelves_shift_one_side_of_their_corner(FilterType shape, double toneHz, double expectedDb)
    {
        var sine = Signals.Sine(toneHz, 48_000, 400);
        double Level(IReadOnlyList<EqBand> eq)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(new Region
            {
                Sample = sine, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1, AmpVeltrackPercent = 0, EqBands = eq,
            }));
            sampler.NoteOn(0, 60, 127);
            return Signals.Rms(Signals.Channel(Signals.Render(sampler, 24_000), 2, 0), 12_000, 24_000);
        }

        double db = Signals.Db(Level([new EqBand(1000, 1, expectedDb == 0 ? 6 : expectedDb) { Shape = shape }]) / Level([]));
        Assert.InRange(db, expectedDb - 0.4, expectedDb + 0.4);
    }

    [Fact]
    public void Sfz_text_maps_the_v2_opcodes()
    {
        using var dir = new MidiSampler.Tests.Formats.Sfz.TempSfzDirectory();
        var r = Assert.Single(dir.Load(
            "<region> sample=*sine pan_keycenter=c4 pan_keytrack=5 pan_veltrack=-20 delay_samples=300 loop_count=4 bend_stepup=50 bend_stepdown=200 eq3_type=hshelf eq3_gain=3").Regions);
        Assert.Equal((60, 5.0, -20.0), (r.PanKeycenter, r.PanKeytrackPercent, r.PanVeltrackPercent));
        Assert.Equal(300, r.DelaySampleFrames);
        Assert.Equal(4, r.LoopCount);
        Assert.Equal((50.0, 200.0), (r.BendStepUpCents, r.BendStepDownCents));
        Assert.Equal(FilterType.HighShelf, Assert.Single(r.EqBands).Shape);
    }

    [Fact]
    public void An_lfo_volume_swings_the_level_by_its_depth_in_db_at_its_rate()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = Signals.Constant(0.5f, 96_000), AmpVeltrackPercent = 0, FlexLfos = [new FlexLfo { FrequencyHz = 5, VolumeDb = 6 }],
        }));
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, 48_000), 2, 0);
        int argMax = 0, argMin = 0;
        for (int i = 0; i < 9_600; i++)
        {
            if (left[i] > left[argMax]) argMax = i;
            if (left[i] < left[argMin]) argMin = i;
        }

        Assert.InRange(Signals.Db(left[argMax] / 0.5), 5.6, 6.1);
        Assert.InRange(Signals.Db(left[argMin] / 0.5), -6.1, -5.6);
        // Sine from phase 0: the peak a quarter period in (50 ms), the trough at three quarters (150 ms), after the
        // 5 ms gain smoother's lag.
        Assert.InRange(argMax / 48.0, 50, 58);
        Assert.InRange(argMin / 48.0, 150, 158);
        Assert.InRange(left[argMax + 9_600], left[argMax] * 0.98f, left[argMax] * 1.02f); // one period (200 ms) later
    }

    [Fact]
    public void A_square_lfo_pitch_alternates_between_plus_and_minus_its_depth()
    {
        var sine = Signals.Sine(440, 48_000, 400);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1,
            FlexLfos = [new FlexLfo { FrequencyHz = 1, Wave = 3, PitchCents = 100 }],
        }));
        sampler.NoteOn(0, 69, 127);
        var left = Signals.Channel(Signals.Render(sampler, 48_000), 2, 0);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, 48_000, 4_800, 19_200), 440), 99, 101);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, 48_000, 28_800, 43_200), 440), -101, -99);
    }

    [Fact]
    public void Lfo_phase_and_delay_shift_the_waveform()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = Signals.Constant(0.5f, 96_000), AmpVeltrackPercent = 0,
            FlexLfos = [new FlexLfo { FrequencyHz = 1, Wave = 3, Phase = 0.5, DelaySeconds = 0.1, AmplitudePercent = 50 }],
        }));
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, 24_000), 2, 0);
        Assert.Equal(0.5f, left[2_400], 2); // delayed: no modulation yet
        Assert.Equal(0.25f, left[12_000], 2); // the square starts at phase 0.5 (low half): amplitude × (1 − 50 %)
    }

    [Fact]
    public void Sfz_text_maps_lfo_opcodes()
    {
        using var dir = new MidiSampler.Tests.Formats.Sfz.TempSfzDirectory();
        var r = Assert.Single(dir.Load(
            "<group> lfo2_freq=3 lfo2_wave=0 lfo2_pitch=50\n<region> sample=*sine lfo2_volume=-3 lfo1_cutoff=1200 lfo1_pan=20 lfo1_phase=0.25 lfo1_delay=0.5 lfo1_fade=1 lfo1_amplitude=10").Regions);
        Assert.Equal(2, r.FlexLfos.Count);
        Assert.Equal(new FlexLfo { Number = 1, CutoffCents = 1200, PanPercent = 20, Phase = 0.25, DelaySeconds = 0.5, FadeSeconds = 1, AmplitudePercent = 10 }, r.FlexLfos[0]);
        Assert.Equal(new FlexLfo { Number = 2, FrequencyHz = 3, Wave = 0, PitchCents = 50, VolumeDb = -3 }, r.FlexLfos[1]);
    }

    [Fact]
    public void An_eg_pitch_envelope_moves_the_pitch_by_its_depth_at_its_points_times()
    {
        var sine = Signals.Sine(440, 48_000, 400);
        using var sampler = Signals.NewSampler();
        // Point 0 at level 0 (instant), point 1: +1 (full depth, +300 cents) after 0.1 s, held there (sustain 1).
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1,
            FlexEnvelopes = [new FlexEnvelope { TimesSeconds = [0, 0.1], Levels = [0, 1], SustainPoint = 1, PitchCents = 300 }],
        }));
        sampler.NoteOn(0, 69, 127);
        var left = Signals.Channel(Signals.Render(sampler, 24_000), 2, 0);
        // Halfway up the ramp (50 ms ± 5 ms window): +150 cents; after it: +300.
        Assert.InRange(Signals.Cents(Signals.Frequency(left, 48_000, 2_160, 2_640), 440), 135, 165);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, 48_000, 7_200, 24_000), 440), 299, 301);
    }

    [Fact]
    public void An_eg_amplitude_envelope_holds_at_its_sustain_point_and_goes_on_at_note_off()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = Signals.Constant(0.5f, 96_000), AmpVeltrackPercent = 0, AmpEnvelope = new Envelope(0, 0, 0, 0, 1, 100), // a release long enough to leave the EG alone
            // 0 → 1 in 10 ms, down to 0.5 in 10 ms, hold (sustain point 2), then to 0 over 100 ms after note-off.
            FlexEnvelopes = [new FlexEnvelope { TimesSeconds = [0, 0.01, 0.01, 0.1], Levels = [0, 1, 0.5, 0], SustainPoint = 2, AmplitudePercent = 100 }],
        }));
        sampler.NoteOn(0, 60, 127);
        var held = Signals.Channel(Signals.Render(sampler, 9_600), 2, 0);
        Assert.Equal(0.25f, held[9_000], 2); // 0.5 × sustain level 0.5
        sampler.NoteOff(0, 60);
        var released = Signals.Channel(Signals.Render(sampler, 9_600), 2, 0);
        Assert.InRange(released[2_400], 0.11f, 0.14f); // half way down (50 ms of 100), the 5 ms smoother aside
        Assert.True(Math.Abs(released[6_000]) < 0.005f);
    }

    [Fact]
    public void Sfz_text_maps_eg_opcodes()
    {
        using var dir = new MidiSampler.Tests.Formats.Sfz.TempSfzDirectory();
        var r = Assert.Single(dir.Load("<region> sample=*sine eg1_time1=0.5 eg1_level1=1 eg1_time2=1 eg1_level2=0.25 eg1_sustain=2 eg1_cutoff=1200 eg1_pan=-50 eg1_volume=-6").Regions);
        var e = Assert.Single(r.FlexEnvelopes);
        Assert.Equal([0, 0.5, 1], e.TimesSeconds);
        Assert.Equal([0, 1, 0.25], e.Levels);
        Assert.Equal((2, 1200.0, -50.0, -6.0), (e.SustainPoint, e.CutoffCents, e.PanPercent, e.VolumeDb));
    }
}

using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// The SFZ v2 voice opcodes checked on the sound: the sostenuto pedal, loop_crossfade, sample_fadeout, delay_beats,
/// stop_beats, stop_loccN, bend_smooth, LFO step sequences, counts, smoothing and LFO-to-LFO routes, and looping flex EGs.
/// </summary>
public class SfzV2VoicePlaybackTests
{
    private const int Rate = 48_000;

    /// <summary>A looped DC sample: the output's level is the voice's gain.</summary>
    private static Region Dc(float level, int key, Envelope? envelope = null) => new()
    {
        Sample = Signals.Constant(level, 4800), LoKey = key, HiKey = key, LoopMode = LoopMode.LoopContinuous, LoopStart = 0,
        LoopEnd = 4799, AmpVeltrackPercent = 0, AmpEnvelope = envelope ?? new Envelope(0, 0, 0, 0, 1, 0.001),
    };

    private static float[] Left(Sampler sampler, int frames) => Signals.Channel(Signals.Render(sampler, frames), 2, 0);

    [Fact]
    public void Sostenuto_holds_exactly_the_notes_held_at_the_pedal_press()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, new Instrument("dc", [Dc(0.1f, 60), Dc(0.2f, 64), Dc(0.4f, 67)]));
        sampler.NoteOn(0, 60, 100);
        sampler.NoteOn(0, 64, 100);
        float both = Left(sampler, 1024)[1000];
        sampler.ControlChange(0, 66, 127); // latches 60 and 64
        sampler.NoteOn(0, 67, 100);        // struck after the press: not latched
        float all = Left(sampler, 1024)[1000];
        Assert.Equal(0.7 / 0.3, all / both, 3);
        double unit = both / 0.3;

        sampler.NoteOff(0, 60);
        sampler.NoteOff(0, 64);
        sampler.NoteOff(0, 67);
        Assert.Equal(0.3 * unit, Left(sampler, 2048)[2000], 4); // 60 and 64 sound on, 67 has gone

        sampler.ControlChange(0, 64, 127); // the sustain pedal going up and down does not free them
        sampler.ControlChange(0, 64, 0);
        Assert.Equal(0.3 * unit, Left(sampler, 2048)[2000], 4);

        sampler.ControlChange(0, 66, 0);
        Assert.True(Math.Abs(Left(sampler, 2048)[2000]) < 1e-5, "pedal up releases the latched notes");
    }

    [Fact]
    public void Sostenuto_release_hands_notes_to_a_held_sustain_pedal_and_sostenuto_sw_off_opts_out()
    {
        using var sampler = Signals.NewSampler();
        var optedOut = Dc(0.2f, 64) with { VoiceOptions = new RegionVoiceOptions { SostenutoSwitch = false } };
        sampler.SetInstrument(0, new Instrument("dc", [Dc(0.1f, 60), optedOut]));
        sampler.NoteOn(0, 60, 100);
        sampler.NoteOn(0, 64, 100);
        float both = Left(sampler, 1024)[1000];
        sampler.ControlChange(0, 66, 127);
        sampler.NoteOff(0, 60);
        sampler.NoteOff(0, 64);
        Assert.Equal(both / 3, Left(sampler, 2048)[2000], 4); // only 60: sostenuto_sw=off lets 64 go

        sampler.ControlChange(0, 64, 127); // sustain down, then sostenuto up: the sustain pedal keeps 60
        sampler.ControlChange(0, 66, 0);
        Assert.Equal(both / 3, Left(sampler, 2048)[2000], 4);
        sampler.ControlChange(0, 64, 0);
        Assert.True(Math.Abs(Left(sampler, 2048)[2000]) < 1e-5);
    }

    [Fact]
    public void Loop_crossfade_removes_the_jump_at_the_loop_point()
    {
        // A ramp: the loop 4800..9599 jumps from 0.8 back to 0.4 at each wrap.
        const int n = 9600;
        var data = new float[n];
        for (int i = 0; i < n; i++)
            data[i] = 0.8f * i / n;
        var ramp = Sample.FromInterleaved("ramp", Rate, 1, data);
        double MaxStep(double crossfadeSeconds)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(new Region
            {
                Sample = ramp, LoopMode = LoopMode.LoopContinuous, LoopStart = 4800, LoopEnd = n - 1, AmpVeltrackPercent = 0,
                PitchKeyCenter = 60, VoiceOptions = new RegionVoiceOptions { LoopCrossfadeSeconds = crossfadeSeconds },
            }));
            sampler.NoteOn(0, 60, 127);
            var left = Left(sampler, 30_000);
            double max = 0;
            for (int i = 2000; i < left.Length; i++)
                max = Math.Max(max, Math.Abs(left[i] - left[i - 1]));
            return max;
        }

        double hard = MaxStep(0), faded = MaxStep(0.02);
        Assert.True(hard > 0.25, $"the plain loop jumps: {hard}");
        Assert.True(faded < 0.005, $"a 20 ms crossfade moves at most a few thousandths per frame: {faded}");
        Assert.Equal(0.8f * 100 / n, data[100]); // the shared sample itself is untouched
    }

    [Fact]
    public void Sample_fadeout_fades_the_last_seconds_to_silence()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = Signals.Constant(0.5f, Rate), AmpVeltrackPercent = 0, VoiceOptions = new RegionVoiceOptions { SampleFadeoutSeconds = 0.5 },
        }));
        sampler.NoteOn(0, 60, 127);
        var left = Left(sampler, Rate + 1000);
        float full = left[10_000];
        Assert.Equal(full, left[23_000], 5);              // before the fade
        Assert.InRange(left[36_000] / full, 0.45, 0.55);  // half way through the last half second
        Assert.True(left[47_900] / full < 0.01);
        Assert.Equal(0f, left[Rate + 100]);
    }

    [Fact]
    public void Delay_beats_and_stop_beats_follow_the_tempo()
    {
        using var sampler = Signals.NewSampler();
        sampler.TempoBpm = 120; // one beat = 24000 frames
        sampler.SetInstrument(0, Signals.Single(Dc(0.5f, 60) with { VoiceOptions = new RegionVoiceOptions { DelayBeats = 0.5, StopBeats = 1 } }));
        sampler.NoteOn(0, 60, 127);
        var left = Left(sampler, 40_000);
        Assert.Equal(12_000, Signals.FirstNonZero(left));
        Assert.True(left[12_000 + 23_900] > 0.3f, "sounding until a beat has played");
        Assert.True(Math.Abs(left[12_000 + 24_200]) < 1e-5f, "released one beat after it started sounding");
    }

    [Fact]
    public void Stop_cc_stops_the_region_only_inside_its_range()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(Dc(0.5f, 60) with { VoiceOptions = new RegionVoiceOptions { StopCcRanges = [new CcRange(1, 100, 127)] } }));
        sampler.NoteOn(0, 60, 127);
        float on = Left(sampler, 1024)[1000];
        sampler.ControlChange(0, 1, 50);
        Assert.Equal(on, Left(sampler, 1024)[1000]);
        sampler.ControlChange(0, 1, 110);
        Assert.True(Math.Abs(Left(sampler, 2048)[2000]) < 1e-6f);
    }

    [Fact]
    public void Bend_smooth_glides_to_the_bend()
    {
        var sine = Signals.Sine(440, Rate, 400);
        var region = new Region { Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1 };
        (double Early, double Late) Bent(double smoothMs)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(region with { VoiceOptions = new RegionVoiceOptions { BendSmoothMs = smoothMs } }));
            sampler.NoteOn(0, 69, 127);
            Left(sampler, 4096);
            sampler.PitchBend(0, 16383); // +200 cents
            var left = Left(sampler, 24_000);
            return (Signals.Cents(Signals.Frequency(left, Rate, 0, 960), 440), Signals.Cents(Signals.Frequency(left, Rate, 19_000, 24_000), 440));
        }

        var (early, late) = Bent(50);
        Assert.InRange(early, 5, 120); // the first 20 ms of a glide with a 50 ms time constant
        Assert.InRange(late, 198, 201);
        var (instant, _) = Bent(0);
        Assert.InRange(instant, 198, 201);
    }

    [Fact]
    public void An_lfo_step_sequence_plays_the_programmed_pitch_steps()
    {
        var sine = Signals.Sine(440, Rate, 400);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1,
            FlexLfos = [new FlexLfo { FrequencyHz = 1, PitchCents = 1200, Steps = [0, 100, -50, 50] }],
        }));
        sampler.NoteOn(0, 69, 127);
        var left = Left(sampler, Rate);
        double[] expected = [0, 1200, -600, 600];
        for (int step = 0; step < 4; step++)
        {
            int from = (step * 12_000) + 2000, to = ((step + 1) * 12_000) - 2000;
            Assert.InRange(Signals.Cents(Signals.Frequency(left, Rate, from, to), 440), expected[step] - 2, expected[step] + 2);
        }
    }

    [Fact]
    public void An_lfo_count_stops_it_after_that_many_cycles()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(Dc(0.5f, 60) with { FlexLfos = [new FlexLfo { FrequencyHz = 10, VolumeDb = 6, Count = 2 }] }));
        sampler.NoteOn(0, 60, 127);
        var left = Left(sampler, 24_000);
        float steady = left[20_000];
        Assert.True(Swing(left, 4800, 9600) > 8, "two cycles (9600 frames) swing ±6 dB");
        Assert.True(Swing(left, 12_000, 24_000) < 0.01, "then it rests");
        Assert.True(Math.Abs(Signals.Db(steady / left[1]) ) < 0.5, "at its centre");
    }

    [Fact]
    public void Lfo_smooth_rounds_a_square_wave()
    {
        double MaxStep(double smoothMs)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(Dc(0.5f, 60) with { FlexLfos = [new FlexLfo { FrequencyHz = 2, Wave = 3, AmplitudePercent = 50, SmoothMs = smoothMs }] }));
            sampler.NoteOn(0, 60, 127);
            var left = Left(sampler, Rate);
            double max = 0;
            for (int i = 2000; i < left.Length; i++)
                max = Math.Max(max, Math.Abs(left[i] - left[i - 1]));
            return max;
        }

        double square = MaxStep(0), smoothed = MaxStep(50);
        Assert.True(smoothed < square / 10, $"{smoothed} vs {square}");
    }

    [Fact]
    public void An_lfo_depth_follows_another_lfo()
    {
        // LFO 2 is a two-step sequence at 1 Hz: 1 for half a second, then 0. lfo2_depthadd_lfo1=100 doubles LFO 1's depth
        // in the first half and leaves it in the second; lfo2_depth_lfo1=50 scales it by 0.5, then by 0.
        float[] Render(LfoModulationKind kind, double amount)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(Dc(0.5f, 60) with
            {
                FlexLfos =
                [
                    new FlexLfo { Number = 1, FrequencyHz = 10, VolumeDb = 3 },
                    new FlexLfo { Number = 2, FrequencyHz = 1, Steps = [100, 0], LfoModulations = [new LfoModulation(1, kind, amount)] },
                ],
            }));
            sampler.NoteOn(0, 60, 127);
            return Left(sampler, Rate);
        }

        var plain = Render(LfoModulationKind.DepthAdd, 0);
        double unit = Swing(plain, 2400, 45_600); // ±3 dB, a little less through the engine's 5 ms gain smoothing
        Assert.InRange(unit, 5.4, 6.1);
        var added = Render(LfoModulationKind.DepthAdd, 100);
        Assert.InRange(Swing(added, 2400, 21_600) / unit, 1.95, 2.05); // depth 1 + 1
        Assert.InRange(Swing(added, 26_400, 45_600) / unit, 0.97, 1.03); // depth 1 + 0
        var scaled = Render(LfoModulationKind.Depth, 50);
        Assert.InRange(Swing(scaled, 2400, 21_600) / unit, 0.48, 0.52); // depth 1 × 0.5
        Assert.True(Swing(scaled, 26_400, 45_600) < 0.01); // depth 1 × 0
    }

    [Fact]
    public void An_lfo_rate_follows_another_lfo()
    {
        using var sampler = Signals.NewSampler();
        var sine = Signals.Sine(440, Rate, 400);
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1,
            FlexLfos =
            [
                new FlexLfo { Number = 1, FrequencyHz = 2, Wave = 3, PitchCents = 100 },
                new FlexLfo { Number = 2, FrequencyHz = 1, Steps = [100], LfoModulations = [new LfoModulation(1, LfoModulationKind.FrequencyHz, 2)] },
            ],
        }));
        sampler.NoteOn(0, 69, 127);
        var left = Left(sampler, Rate);
        // LFO 1 runs at 2 + 2 = 4 Hz: a square of 125 ms halves, so frames 6000..12000 are down a semitone and 12000..18000 up.
        Assert.InRange(Signals.Cents(Signals.Frequency(left, Rate, 7000, 11_500), 440), -102, -98);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, Rate, 13_000, 17_500), 440), 98, 102);
    }

    [Fact]
    public void An_eg_loop_repeats_its_segment_loop_count_times()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(Dc(0.5f, 60) with
        {
            // Up to 1 in 50 ms, down to 0 in 50 ms, then back to point 1: a 10 Hz triangle, twice more, then it holds at 0.
            FlexEnvelopes = [new FlexEnvelope { TimesSeconds = [0, 0.05, 0.05], Levels = [0, 1, 0], SustainPoint = 2, LoopPoint = 1, LoopCount = 2, AmplitudePercent = 100 }],
        }));
        sampler.NoteOn(0, 60, 127);
        var left = Left(sampler, 24_000);
        // Peaks every 100 ms (at 50, 150, 250 ms) and troughs between; the engine's 5 ms gain smoothing rounds the corners.
        float top = Peak(left, 2000, 3000, max: true);
        Assert.True(top > 0.3f);
        foreach (int peak in new[] { 7200, 12_000 })
            Assert.InRange(Peak(left, peak - 400, peak + 600, max: true), 0.97f * top, 1.03f * top);
        foreach (int trough in new[] { 4800, 9600 })
            Assert.True(Peak(left, trough - 400, trough + 600, max: false) < 0.15f * top, $"trough at {trough}");
        Assert.True(left[11_000] > 0.5f * top, "the second repeat rises again");
        Assert.True(left[20_000] < 1e-4f, "after two repeats it holds at the sustain point");
    }

    [Fact]
    public void An_eg_modulates_an_lfo_rate()
    {
        // EG 1 holds at 1 from the start; eg1_freq_lfo1=4 makes LFO 1 (0 Hz of its own) run at 4 Hz.
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(Dc(0.5f, 60) with
        {
            FlexEnvelopes = [new FlexEnvelope { TimesSeconds = [0], Levels = [1], LfoModulations = [new LfoModulation(1, LfoModulationKind.FrequencyHz, 4)] }],
            FlexLfos = [new FlexLfo { Number = 1, FrequencyHz = 0, Wave = 3, AmplitudePercent = 50 }],
        }));
        sampler.NoteOn(0, 60, 127);
        var left = Left(sampler, Rate);
        int edges = 0;
        for (int i = 1; i < left.Length; i++)
        {
            if (left[i] > 0.4f && left[i - 1] <= 0.4f)
                edges++;
        }

        Assert.InRange(edges, 3, 4); // a 4 Hz square: one rising edge per cycle (the first cycle starts high)
    }

    [Fact]
    public void Lotimer_and_hitimer_choose_by_the_time_since_the_group_last_started()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, new Instrument("timers",
        [
            Dc(0.1f, 60) with { Group = 1 },
            Dc(0.2f, 60) with { Group = 1, VoiceOptions = new RegionVoiceOptions { HiTimerSeconds = 0.2 } }, // a fast repetition
            Dc(0.4f, 60) with { Group = 1, VoiceOptions = new RegionVoiceOptions { LoTimerSeconds = 0.5 } }, // a fresh attack
        ]));
        float Strike(int waitFrames)
        {
            sampler.NoteOn(0, 60, 100);
            float level = Left(sampler, 1024)[1000];
            sampler.NoteOff(0, 60);
            Left(sampler, waitFrames - 1024);
            return level;
        }

        float first = Strike(4800);   // never played before: 0.1 + 0.4
        float second = Strike(48_000); // 0.1 s later: 0.1 + 0.2
        float third = Strike(4800);   // 1 s later: 0.1 + 0.4
        Assert.Equal(0.6, second / first, 3);
        Assert.Equal(1, third / first, 3);
    }

    [Fact]
    public void An_eg_raises_the_filter_resonance()
    {
        var sine = Signals.Sine(1000, Rate, 400);
        double Level(double egResonanceDb)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(new Region
            {
                Sample = sine, PitchKeyCenter = 60, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1, AmpVeltrackPercent = 0,
                FilterType = FilterType.Lowpass2Pole, CutoffHz = 1000,
                FlexEnvelopes = [new FlexEnvelope { TimesSeconds = [0], Levels = [1], ResonanceDb = egResonanceDb }],
            }));
            sampler.NoteOn(0, 60, 127);
            return Signals.Rms(Left(sampler, 24_000), 12_000, 24_000);
        }

        // At the cutoff a 2-pole lowpass passes its Q: the engine's resonance=0 is Q = 1 (0 dB), 12 dB is Q = 10^(12/20).
        Assert.InRange(Signals.Db(Level(12) / Level(0)), 11.5, 12.5);
    }

    [Fact]
    public void An_lfo_and_an_eg_move_the_stereo_width()
    {
        var data = new float[9600];
        for (int i = 0; i < data.Length; i += 2)
            (data[i], data[i + 1]) = (0.5f, -0.5f); // pure side signal
        var side = Sample.FromInterleaved("side", Rate, 2, data);
        float[] Render(FlexEnvelope[] egs, FlexLfo[] lfos)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(new Region
            {
                Sample = side, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = 4799, AmpVeltrackPercent = 0,
                FlexEnvelopes = egs, FlexLfos = lfos,
            }));
            sampler.NoteOn(0, 60, 127);
            return Left(sampler, Rate);
        }

        float full = Render([], [])[2000];
        Assert.True(full > 0.3f);
        Assert.True(Math.Abs(Render([new FlexEnvelope { TimesSeconds = [0], Levels = [1], WidthPercent = -100 }], [])[2000]) < 1e-4f, "width 0: the side cancels");
        var swung = Render([], [new FlexLfo { FrequencyHz = 1, Wave = 3, WidthPercent = -200 }]); // square: width −100 %, then +100 %
        Assert.Equal(-full, swung[12_000], 3);
        Assert.Equal(full, swung[36_000], 3);
    }

    [Fact]
    public void Lfos_and_egs_move_the_equaliser_bands()
    {
        var sine = Signals.Sine(1000, Rate, 400);
        double Db(EqBand band, FlexEnvelope[] egs, FlexLfo[] lfos)
        {
            double Level(IReadOnlyList<EqBand> eq, FlexEnvelope[] e, FlexLfo[] l)
            {
                using var sampler = Signals.NewSampler();
                sampler.SetInstrument(0, Signals.Single(new Region
                {
                    Sample = sine, PitchKeyCenter = 60, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1,
                    AmpVeltrackPercent = 0, EqBands = eq, FlexEnvelopes = e, FlexLfos = l,
                }));
                sampler.NoteOn(0, 60, 127);
                return Signals.Rms(Left(sampler, 24_000), 12_000, 24_000);
            }

            return Signals.Db(Level([band], egs, lfos) / Level([], [], []));
        }

        FlexEnvelope Held(EqModulation m) => new() { TimesSeconds = [0], Levels = [1], EqModulations = [m] };
        // eg1_eq1gain=12 on a flat band at the tone: +12 dB.
        Assert.InRange(Db(new EqBand(1000, 1, 0) { Number = 1 }, [Held(new EqModulation(1, 0, 0, 12))], []), 11.6, 12.4);
        // lfo1_eq1freq=-3000 with a constant step: the +12 dB band moves from 4 kHz onto the tone.
        Assert.InRange(Db(new EqBand(4000, 1, 12) { Number = 1 }, [], []), -0.5, 2);
        Assert.InRange(Db(new EqBand(4000, 1, 12) { Number = 1 }, [], [new FlexLfo { FrequencyHz = 1, Steps = [100], EqModulations = [new EqModulation(1, -3000, 0, 0)] }]), 11.6, 12.4);
        // eg1_eq1bw=3.9 widens a narrow band an octave away until it reaches the tone.
        Assert.InRange(Db(new EqBand(2000, 0.1, 12) { Number = 1 }, [], []), -0.5, 0.5);
        Assert.True(Db(new EqBand(2000, 0.1, 12) { Number = 1 }, [Held(new EqModulation(1, 0, 3.9, 0))], []) > 6);
    }

    [Fact]
    public void Reverse_cc_plays_the_sample_backwards_while_the_controller_is_in_range()
    {
        // A rising ramp 0..1 over 1000 frames: forwards the first frames are near 0, reversed near 1.
        var data = new float[1000];
        for (int i = 0; i < data.Length; i++)
            data[i] = (i + 1) / 1000f;
        var ramp = Sample.FromInterleaved("ramp", Rate, 1, data);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = ramp, AmpVeltrackPercent = 0, PitchKeyCenter = 60, VoiceOptions = new RegionVoiceOptions { ReverseCcRanges = [new CcRange(20, 64, 127)] },
        }));
        float[] Play(int cc20)
        {
            sampler.ControlChange(0, 20, cc20);
            sampler.NoteOn(0, 60, 127);
            var left = Left(sampler, 2048);
            sampler.NoteOff(0, 60);
            return left;
        }

        var forward = Play(10);
        var backward = Play(100);
        Assert.True(forward[100] < forward[900], "forwards the ramp rises");
        Assert.True(backward[100] > backward[900], "reversed it falls");
        Assert.Equal(forward[100] / forward[900], backward[900] / backward[100], 2); // the same audio, mirrored
        Assert.Equal(1f / 1000, data[0]); // the shared sample is untouched
    }

    [Theory]
    [InlineData(LoopDirection.Forward, 250, 150, 310, 110)]
    [InlineData(LoopDirection.Alternate, 250, 148, 310, 112)]  // up to 199, down 198..101, up from 100
    [InlineData(LoopDirection.Backward, 250, 148, 310, 188)]   // up to 199, then 198..100, 199..100, ...
    public void Loop_type_plays_the_loop_in_its_direction(LoopDirection direction, int frameA, int sampleA, int frameB, int sampleB)
    {
        var data = new float[1000];
        for (int i = 0; i < data.Length; i++)
            data[i] = i / 1000f;
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = Sample.FromInterleaved("ramp", Rate, 1, data), AmpVeltrackPercent = 0, PitchKeyCenter = 60,
            LoopMode = LoopMode.LoopContinuous, LoopStart = 100, LoopEnd = 199, VoiceOptions = new RegionVoiceOptions { LoopDirection = direction },
        }));
        sampler.NoteOn(0, 60, 127);
        var left = Left(sampler, 2048);
        double gain = left[50] / data[50]; // one output frame per sample frame: the output is the ramp times the pan gain
        Assert.Equal(data[sampleA], left[frameA] / gain, 4);
        Assert.Equal(data[sampleB], left[frameB] / gain, 4);
        for (int i = 300; i < 2048; i++)
            Assert.InRange(left[i] / gain, 0.0995, 0.1995); // never leaves the loop
    }

    [Fact]
    public void Loop_tune_retunes_only_the_loop()
    {
        // 440 Hz for 0.5 s, looped over its second half: the head plays at 440 Hz, the loop 50 cents up.
        var sine = Signals.Sine(440, Rate, 220);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = sine.FrameCount / 2, LoopEnd = sine.FrameCount - 1,
            VoiceOptions = new RegionVoiceOptions { LoopTuneCents = 50 },
        }));
        sampler.NoteOn(0, 69, 127);
        var left = Left(sampler, Rate);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, Rate, 1000, 10_000), 440), -1, 1);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, Rate, 16_000, 40_000), 440), 49, 51);
    }

    [Fact]
    public void An_eg_curve_shapes_its_segment()
    {
        float[] Render(float[]? curve)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(Dc(0.5f, 60) with
            {
                FlexEnvelopes = [new FlexEnvelope { TimesSeconds = [0, 0.1], Levels = [0, 1], SustainPoint = 1, AmplitudePercent = 100, Curves = [null, curve] }],
            }));
            sampler.NoteOn(0, 60, 127);
            return Left(sampler, 9600);
        }

        var linear = Render(null);
        var squared = Render(MidiSampler.Formats.Sfz.SfzInstrumentBuilder.PredefinedCurve(4)); // curve 4: x²
        float full = linear[9000];
        Assert.InRange(linear[2400] / full, 0.4, 0.55);  // half way (a little behind: the 5 ms gain smoothing)
        Assert.InRange(squared[2400] / full, 0.15, 0.3); // about a quarter
        Assert.Equal(full, squared[9000], 4);
    }

    private static float Peak(float[] x, int from, int to, bool max)
    {
        float best = x[from];
        for (int i = from; i < to; i++)
            best = max ? Math.Max(best, x[i]) : Math.Min(best, x[i]);
        return best;
    }

    /// <summary>Peak-to-peak of the level in dB over [from, to).</summary>
    private static double Swing(float[] x, int from, int to)
    {
        float max = float.MinValue, min = float.MaxValue;
        for (int i = from; i < to; i++)
        {
            max = Math.Max(max, x[i]);
            min = Math.Min(min, x[i]);
        }

        return Signals.Db(max / min);
    }
}

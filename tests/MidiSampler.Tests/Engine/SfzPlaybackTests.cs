using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>The SFZ playback features, checked on the rendered sound: filters, keyswitches, round robin, triggers, crossfades, channels.</summary>
public class SfzPlaybackTests
{
    private static Region Looped(Sample s) => new() { Sample = s, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = s.FrameCount - 1, AmpVeltrackPercent = 0 };

    /// <summary>Steady-state level in dB of a filtered sine relative to the same sine unfiltered.</summary>
    private static double AttenuationDb(FilterType type, double cutoffHz, double toneHz)
    {
        var sine = Signals.Sine(toneHz, 48_000, 400);
        double Level(Region r)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(r));
            sampler.NoteOn(0, 60, 127);
            var left = Signals.Channel(Signals.Render(sampler, 24_000), 2, 0);
            return Signals.Rms(left, 12_000, 24_000);
        }

        var plain = Looped(sine);
        return Signals.Db(Level(plain with { FilterType = type, CutoffHz = cutoffHz }) / Level(plain));
    }

    [Theory]
    [InlineData(FilterType.Lowpass2Pole, -12)]
    [InlineData(FilterType.Lowpass4Pole, -24)]
    [InlineData(FilterType.Lowpass1Pole, -6)]
    public void Lowpass_falls_by_its_slope_per_octave_well_above_cutoff(FilterType type, double dbPerOctave)
    {
        double at2k = AttenuationDb(type, 250, 2000), at4k = AttenuationDb(type, 250, 4000);
        Assert.InRange(at4k - at2k, dbPerOctave - 1.5, dbPerOctave + 1.5);
        Assert.True(at2k < -15, $"2 kHz is only {at2k:F1} dB down with a 250 Hz cutoff");
    }

    [Fact]
    public void Lowpass_passes_below_cutoff_and_its_gain_at_cutoff_is_the_resonance()
    {
        Assert.InRange(AttenuationDb(FilterType.Lowpass2Pole, 4000, 200), -0.3, 0.3);
        Assert.InRange(AttenuationDb(FilterType.Lowpass2Pole, 1000, 1000), -0.6, 0.6); // resonance 0: 0 dB at the cutoff
        Assert.InRange(AttenuationDb(FilterType.Lowpass4Pole, 1000, 1000), -3.6, -2.4); // Butterworth cascade
        Assert.InRange(AttenuationDb(FilterType.Highpass2Pole, 4000, 500), -40, -30);
    }

    private static float LevelOfNote(Sampler sampler, int channel, int key, int velocity = 127)
    {
        sampler.NoteOn(channel, key, velocity);
        var left = Signals.Channel(Signals.Render(sampler, 512), 2, 0);
        sampler.NoteOff(channel, key);
        Signals.Render(sampler, 2048); // let it release
        return left[400];
    }

    [Fact]
    public void A_keyswitch_changes_the_sample()
    {
        using var sampler = Signals.NewSampler();
        var a = Signals.Constant(0.25f, 48_000);
        var b = Signals.Constant(0.75f, 48_000);
        sampler.SetInstrument(0, new Instrument("ks",
        [
            new Region { Sample = a, LoKey = 60, HiKey = 72, SwLoKey = 36, SwHiKey = 37, SwLast = 36, SwDefault = 36, AmpVeltrackPercent = 0 },
            new Region { Sample = b, LoKey = 60, HiKey = 72, SwLoKey = 36, SwHiKey = 37, SwLast = 37, AmpVeltrackPercent = 0 },
        ]));
        Assert.Equal(0.25f, LevelOfNote(sampler, 0, 60), 3); // sw_default
        LevelOfNote(sampler, 0, 37);
        Assert.Equal(0.75f, LevelOfNote(sampler, 0, 60), 3);
        LevelOfNote(sampler, 0, 36);
        Assert.Equal(0.25f, LevelOfNote(sampler, 0, 62), 3);
    }

    [Fact]
    public void Round_robin_alternates()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, new Instrument("rr",
        [
            new Region { Sample = Signals.Constant(0.25f, 48_000), SeqLength = 2, SeqPosition = 1, AmpVeltrackPercent = 0 },
            new Region { Sample = Signals.Constant(0.5f, 48_000), SeqLength = 2, SeqPosition = 2, AmpVeltrackPercent = 0 },
        ]));
        float[] levels = [.. Enumerable.Range(0, 4).Select(_ => LevelOfNote(sampler, 0, 60))];
        Assert.Equal([0.25f, 0.5f, 0.25f, 0.5f], levels.Select(l => MathF.Round(l, 3)));
    }

    [Fact]
    public void A_release_trigger_sounds_at_note_off_and_waits_for_the_pedal()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.5f, 48_000), Trigger = TriggerMode.Release, LoopMode = LoopMode.OneShot, AmpVeltrackPercent = 0 }));
        sampler.NoteOn(0, 60, 100);
        Assert.Equal(-1, Signals.FirstNonZero(Signals.Channel(Signals.Render(sampler, 1024), 2, 0)));
        sampler.NoteOff(0, 60, 100);
        var after = Signals.Channel(Signals.Render(sampler, 1024), 2, 0);
        Assert.Equal(100, Signals.FirstNonZero(after));
        Assert.Equal(0.5f, after[500], 3);

        // Under the sustain pedal, trigger=release waits for pedal up (sfizz, ARIA).
        using var pedal = Signals.NewSampler();
        pedal.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.5f, 48_000), Trigger = TriggerMode.Release, LoopMode = LoopMode.OneShot, AmpVeltrackPercent = 0 }));
        pedal.ControlChange(0, 64, 127);
        pedal.NoteOn(0, 60, 100);
        pedal.NoteOff(0, 60, 10);
        Assert.Equal(-1, Signals.FirstNonZero(Signals.Channel(Signals.Render(pedal, 1024), 2, 0)));
        pedal.ControlChange(0, 64, 0, 20);
        Assert.Equal(20, Signals.FirstNonZero(Signals.Channel(Signals.Render(pedal, 1024), 2, 0)));
    }

    [Theory]
    [InlineData(CrossfadeCurve.Power, -3.01)]
    [InlineData(CrossfadeCurve.Gain, -6.02)]
    public void A_velocity_crossfade_gives_the_expected_gain_at_its_midpoint(CrossfadeCurve curve, double expectedDb)
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = Signals.Constant(1f, 48_000), XfInLoVelocity = 20, XfInHiVelocity = 100, XfVelocityCurve = curve, AmpVeltrackPercent = 0,
        }));
        float level = LevelOfNote(sampler, 0, 60, 60);
        Assert.Equal(expectedDb, Signals.Db(level), 1);
    }

    [Fact]
    public void A_controller_crossfade_follows_the_controller()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = Signals.Constant(1f, 48_000), CcCrossfades = [new CcCrossfade(1, 0, 127, FadeIn: false)], XfCcCurve = CrossfadeCurve.Gain, AmpVeltrackPercent = 0,
        }));
        sampler.ControlChange(0, 1, 0);
        sampler.NoteOn(0, 60, 127);
        var full = Signals.Channel(Signals.Render(sampler, 1024), 2, 0);
        sampler.ControlChange(0, 1, 127);
        var faded = Signals.Channel(Signals.Render(sampler, 4096), 2, 0);
        Assert.Equal(1f, full[500], 3);
        Assert.Equal(0f, faded[4000], 3); // after the 5 ms smoother has settled
        Assert.True(Signals.MaxSecondDifference(faded, 1, 100) < 0.01, "the controller fade clicks");
    }

    [Fact]
    public void One_file_with_regions_on_channels_1_and_10_plays_each_on_its_channel()
    {
        using var sampler = Signals.NewSampler();
        sampler.AddInstrument(new Instrument("multi",
        [
            new Region { Sample = Signals.Constant(0.25f, 48_000), LoChannel = 1, HiChannel = 1, AmpVeltrackPercent = 0 },
            new Region { Sample = Signals.Constant(0.5f, 48_000), LoChannel = 10, HiChannel = 10, AmpVeltrackPercent = 0 },
        ]));
        Assert.Equal(0.25f, LevelOfNote(sampler, 0, 60), 3);
        Assert.Equal(0.5f, LevelOfNote(sampler, 9, 60), 3);
        Assert.Equal(0f, LevelOfNote(sampler, 3, 60), 3);
    }

    [Fact]
    public void A_pitch_lfo_swings_the_pitch_by_its_depth()
    {
        var sine = Signals.Sine(440, 48_000, 400);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(Looped(sine) with { PitchKeyCenter = 60, PitchLfo = new Lfo(0, 0, 1, 100) }));
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, 48_000), 2, 0);
        double hz = Signals.SineHz(440, 48_000, 400);
        // A 1 Hz sine LFO peaks at 0.25 s (+100 cents) and troughs at 0.75 s (−100 cents).
        Assert.InRange(Signals.Cents(Signals.Frequency(left, 48_000, 11_000, 13_000), hz), 90, 101);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, 48_000, 35_000, 37_000), hz), -101, -90);
    }
}

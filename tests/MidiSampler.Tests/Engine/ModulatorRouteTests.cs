using MidiSampler.Dsp;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// SF2-style modulator routes in the voice: the default mod wheel vibrato on a route-only LFO (deferred and idling while
/// the wheel rests, woken at the frame it moves with the phase the LFO would have had), and channel sources (pressure,
/// wheel) moving their destinations.
/// </summary>
public class ModulatorRouteTests
{
    private const int Rate = 48_000;
    private static readonly ModulatorSource ModWheel = new(ModulatorSourceKind.Controller, 1);

    [Theory]
    [InlineData(256)]
    [InlineData(77)]
    public void A_resting_vibrato_sounds_like_a_running_one_when_the_wheel_moves(int block)
    {
        // Reference: the LFO has a (silent) resonance depth of its own, so it is never deferred and the voice never idles.
        var resting = Signals.Channel(RenderVibrato(alwaysRunning: false, block), 2, 0);
        var running = Signals.Channel(RenderVibrato(alwaysRunning: true, block), 2, 0);
        double peak = running.Max(MathF.Abs), maxDiff = 0;
        for (int i = 0; i < resting.Length; i++)
            maxDiff = Math.Max(maxDiff, Math.Abs(resting[i] - running[i]));
        // Not bit-exact: the running LFO sums its phase in float tick by tick, the deferred one catches up in one double
        // step, a difference of about 1e-5 of a cycle (measured -71 dB); a phase one tick (16 frames) off measured -26 dB.
        Assert.True(maxDiff < 1e-3 * peak, $"max difference {maxDiff} of a peak {peak} (-60 dB allowed)");

        // Before the wheel (0.5 s) a steady 440 Hz; after it, ±50 × 127/128 cents around it.
        Assert.InRange(Signals.Cents(Signals.Frequency(resting, Rate, Rate / 10, (int)(0.49 * Rate)), 440), -0.5, 0.5);
        var cents = new List<double>();
        for (int at = (int)(0.6 * Rate); at < (int)(1.4 * Rate); at += Rate / 400)
            cents.Add(Signals.Cents(Signals.Frequency(resting, Rate, at, at + (Rate / 200)), 440));
        Assert.InRange(cents.Max(), 45, 50);
        Assert.InRange(cents.Min(), -50, -45);
    }

    [Fact]
    public void Channel_pressure_and_the_pitch_wheel_move_their_routes_at_once()
    {
        var sample = Signals.Sine(440, Rate, 400);
        var region = new Region
        {
            Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1,
            ModulatorRoutes =
            [
                new(ModulatorDestination.VolumeDb, -12, new ModulatorSource(ModulatorSourceKind.ChannelPressure)),
                // Pitch wheel, bipolar, times a switch on CC20: +100 cents at full bend once CC20 is up.
                new(ModulatorDestination.PitchCents, 100, new ModulatorSource(ModulatorSourceKind.PitchWheel, 0, ModulatorCurveShape.Linear, false, true),
                    new ModulatorSource(ModulatorSourceKind.Controller, 20, ModulatorCurveShape.Switch)),
            ],
        };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.ControlChange(0, 101, 0); // RPN 0, 0: bend range 0, so only the route bends
        sampler.ControlChange(0, 100, 0);
        sampler.ControlChange(0, 6, 0);
        sampler.NoteOn(0, 69, 127);
        var quiet = Signals.Channel(Signals.Render(sampler, Rate / 4), 2, 0);
        sampler.SendMidi([0xD0, 127]);
        sampler.PitchBend(0, 16383);
        var pressed = Signals.Channel(Signals.Render(sampler, Rate / 4), 2, 0);
        sampler.ControlChange(0, 20, 127);
        var bent = Signals.Channel(Signals.Render(sampler, Rate / 4), 2, 0);
        // -12 dB × 127/128 once the gain smoother has settled (about 5 ms).
        double db = Signals.Db(Signals.Rms(pressed, Rate / 10, Rate / 4) / Signals.Rms(quiet, Rate / 10, Rate / 4));
        Assert.InRange(db, (-12 * 127 / 128.0) - 0.05, (-12 * 127 / 128.0) + 0.05);
        Assert.InRange(Signals.Cents(Signals.Frequency(pressed, Rate, Rate / 20, Rate / 4), 440), -0.5, 0.5); // CC20 still down
        Assert.InRange(Signals.Cents(Signals.Frequency(bent, Rate, Rate / 20, Rate / 4), 440), 99.99 - 0.5, 99.99 + 0.5);
    }

    [Fact]
    public void A_velocity_to_q_route_moves_the_resonance_and_the_gain_within_the_sf2_range()
    {
        // SF2 Q 6 dB (resonance 6 - 3.01 dB); soft notes (the negative switch: velocity below 64) take 10 dB off it,
        // clamped at Q 0 (a Butterworth): a 6 dB change, so the voice is 3 dB louder (1/√Q, as FluidSynth).
        var sample = Signals.Sine(100, Rate, 100);
        var region = new Region
        {
            Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1,
            AmpVeltrackPercent = 0, FilterType = FilterType.Lowpass2Pole, CutoffHz = 8000, ResonanceDb = 6 - 3.0103,
            ModulatorRoutes =
            [
                new(ModulatorDestination.FilterQDb, -10, new ModulatorSource(ModulatorSourceKind.None),
                    new ModulatorSource(ModulatorSourceKind.Velocity, 0, ModulatorCurveShape.Switch, Negative: true)),
            ],
        };
        double Level(int velocity)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(region));
            sampler.NoteOn(0, 69, velocity);
            var left = Signals.Channel(Signals.Render(sampler, Rate / 4), 2, 0);
            return Signals.Rms(left, Rate / 10, Rate / 4);
        }

        Assert.InRange(Signals.Db(Level(40) / Level(100)), 2.95, 3.05);
    }

    private static float[] RenderVibrato(bool alwaysRunning, int block)
    {
        var sample = Signals.Sine(440, Rate, 400);
        var region = new Region
        {
            Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1,
            FlexLfos = [new FlexLfo { Wave = 0, FrequencyHz = 5.5, DelaySeconds = 0.1, ResonanceDb = alwaysRunning ? 1 : 0 }],
            ModulatorRoutes = [new(ModulatorDestination.LfoPitchCents, 50, ModWheel)],
        };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.NoteOn(0, 69, 100);
        var parts = new List<float[]> { Signals.Render(sampler, Rate / 2, block) };
        sampler.ControlChange(0, 1, 127); // at frame 24 000, on the control grid: both voices read it at the same tick
        parts.Add(Signals.Render(sampler, Rate, block));
        return [.. parts.SelectMany(p => p)];
    }
}

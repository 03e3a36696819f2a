using MidiSampler.Dsp.Effects;
using static MidiSampler.Tests.Dsp.Effects.EffectSignals;

namespace MidiSampler.Tests.Dsp.Effects;

public sealed class AutoPanTests
{
    [Fact]
    public void Left_and_right_gains_swing_in_turn_at_the_lfo_rate_by_the_depth()
    {
        var apan = new AutoPan(new AutoPanSettings
        {
            Waveform = 1,
            FrequencyHz = ControlledParameter.Constant(2),
            DepthPercent = ControlledParameter.Constant(100),
        }, Rate);
        var left = Constant(1, Rate);
        var right = Constant(1, Rate);

        Run(apan, left, right);

        for (int i = 0; i < Rate; i += 97)
        {
            double lfo = Math.Sin(2 * Math.PI * 2 * i / Rate);
            Assert.Equal(0.5 + (0.5 * lfo), left[i], 3); // 1 − depth·(1 − lfo)/2
            Assert.Equal(0.5 - (0.5 * lfo), right[i], 3); // the right LFO half a cycle behind
        }

        Assert.InRange(Array.IndexOf(left, left.Max()), (Rate / 8) - 24, (Rate / 8) + 24); // first maximum a quarter period in, at 2 Hz
        Assert.InRange(left.Min(), 0, 0.001);
    }

    [Fact]
    public void Phase_zero_is_a_tremolo_and_half_depth_dips_halfway()
    {
        var apan = new AutoPan(new AutoPanSettings
        {
            Waveform = 1,
            FrequencyHz = ControlledParameter.Constant(3),
            PhaseDegrees = ControlledParameter.Constant(0),
            DepthPercent = ControlledParameter.Constant(50),
        }, Rate);
        var left = Constant(1, Rate);
        var right = Constant(1, Rate);

        Run(apan, left, right);

        Assert.Equal(left, right);
        Assert.InRange(left.Min(), 0.499, 0.51);
        Assert.InRange(left.Max(), 0.99, 1.0);
    }

    [Fact]
    public void Dry_and_wet_add()
    {
        var apan = new AutoPan(new AutoPanSettings
        {
            FrequencyHz = ControlledParameter.Constant(0),
            DepthPercent = ControlledParameter.Constant(100),
            DryPercent = ControlledParameter.Constant(50),
            WetPercent = ControlledParameter.Constant(50),
        }, Rate);
        var left = Constant(1, 100);
        var right = Constant(1, 100);

        Run(apan, left, right);

        // Triangle at phase 0 is 0 for the left (gain 1 − ½ = ½), the right half a cycle on is 0 too.
        Assert.All(left, x => Assert.Equal(0.5 + (0.5 * 0.5), x, 5));
    }

    [Fact]
    public void A_controller_on_the_depth_glides_without_a_click()
    {
        var apan = new AutoPan(new AutoPanSettings
        {
            FrequencyHz = ControlledParameter.Constant(0),
            DepthPercent = new ControlledParameter(0, 0, 100, [(1, 100)]),
        }, Rate);
        var left = Constant(1, 9600);
        var right = Constant(1, 9600);
        var controllers = new byte[128];
        for (int pos = 0; pos < left.Length; pos += 64)
        {
            controllers[1] = pos < 4800 ? (byte)0 : (byte)127;
            apan.Process(left.AsSpan(pos, 64), right.AsSpan(pos, 64), controllers);
        }

        Assert.InRange(left[4799], 0.999, 1.0);
        Assert.InRange(left[^1], 0.5, 0.501);
        Assert.True(MaxStep(left, 1, left.Length) < 0.5 / 480 * 1.01, "a 10 ms glide of a 0.5 step");
    }
}

using MidiSampler.Dsp.Effects;
using static MidiSampler.Tests.Dsp.Effects.EffectSignals;

namespace MidiSampler.Tests.Dsp.Effects;

public sealed class NoiseGateTests
{
    [Fact]
    public void Below_the_threshold_the_output_is_silent_above_it_the_input_passes()
    {
        var gate = new NoiseGate(new GateSettings { ThresholdDb = -20 }, Rate);
        var quiet = Sine(200, 0.01, 24_000); // −40 dBFS
        var loud = Sine(200, 0.3, 24_000); // −10 dBFS
        var left = quiet.Concat(loud).ToArray();
        var right = (float[])left.Clone();

        Run(gate, left, right);

        Assert.True(Peak(left, 0, 24_000) < 1e-9, "a signal under the threshold must be gated");
        double passed = Amplitude(left, 36_000, 48_000, 200);
        Assert.InRange(Db(passed / 0.3), -0.01, 0.01);
    }

    [Fact]
    public void The_gate_opens_with_the_attack_time_and_closes_with_the_release_without_a_click()
    {
        const double attack = 0.005, release = 0.05;
        var gate = new NoiseGate(new GateSettings { ThresholdDb = -20, AttackSeconds = attack, ReleaseSeconds = release }, Rate);
        var input = new float[Rate];
        Array.Fill(input, 0.5f, 0, Rate / 2); // DC: the gain is the output
        Array.Fill(input, 0.001f, Rate / 2, Rate / 2);
        var left = (float[])input.Clone();
        var right = (float[])input.Clone();

        Run(gate, left, right);

        Assert.InRange(left[(int)(attack * Rate)] / 0.5, 0.60, 0.66); // 1 − 1/e after one attack time
        // Closing waits for the 20 ms peak follower to fall 54 dB (0.5 → 0.001 under −20 dB), then glides.
        int fall = (int)Math.Ceiling(0.02 * Math.Log(0.5 / 0.1) * Rate);
        double gainAfterRelease = left[(Rate / 2) + fall + (int)(release * Rate)] / 0.001;
        Assert.InRange(gainAfterRelease, 0.34, 0.40); // 1/e, give or take the follower's sample
        Assert.True(MaxStep(left, 0, Rate / 2) <= 1.001 * 0.5 / (attack * Rate), "the gain moved faster than its time constant");
    }

    [Fact]
    public void A_manual_controller_holds_the_gate_open()
    {
        var gate = new NoiseGate(new GateSettings { ThresholdDb = -20, ManualPercent = new ControlledParameter(0, 0, 100, [(30, 100)]) }, Rate);
        var left = Sine(200, 0.01, 24_000);
        var right = Sine(200, 0.01, 24_000);
        var controllers = new byte[128];
        controllers[30] = 127;

        Run(gate, left, right, controllers);

        Assert.InRange(Db(Amplitude(left, 12_000, 24_000, 200) / 0.01), -0.01, 0.01);
    }

    [Fact]
    public void Stereo_link_opens_both_sides_for_the_louder_one()
    {
        var gate = new NoiseGate(new GateSettings { ThresholdDb = -20, StereoLink = true }, Rate);
        var left = Sine(200, 0.3, 24_000);
        var right = Sine(200, 0.01, 24_000);

        Run(gate, left, right);

        Assert.InRange(Db(Amplitude(right, 12_000, 24_000, 200) / 0.01), -0.01, 0.01);
    }
}

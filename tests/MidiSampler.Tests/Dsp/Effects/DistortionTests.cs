using MidiSampler.Dsp.Effects;
using static MidiSampler.Tests.Dsp.Effects.EffectSignals;

namespace MidiSampler.Tests.Dsp.Effects;

public sealed class DistortionTests
{
    private static (double Fundamental, double Second, double Third) Harmonics(DistortionSettings settings, double amplitude = 0.5)
    {
        var left = Sine(1000, amplitude, 9600);
        var right = Sine(1000, amplitude, 9600);
        Run(new Distortion(settings, Rate), left, right);
        return (Amplitude(left, 4800, 9600, 1000), Amplitude(left, 4800, 9600, 2000), Amplitude(left, 4800, 9600, 3000));
    }

    [Fact]
    public void Depth_adds_odd_harmonics_and_no_even_ones()
    {
        var (fundamental, second, third) = Harmonics(new DistortionSettings { DepthPercent = ControlledParameter.Constant(60) });

        Assert.True(Db(third / fundamental) > -30, $"third harmonic at {Db(third / fundamental):F1} dB");
        Assert.True(Db(second / fundamental) < -90, $"second harmonic at {Db(second / fundamental):F1} dB");
    }

    [Fact]
    public void Depth_zero_is_transparent()
    {
        var (fundamental, second, third) = Harmonics(new DistortionSettings());

        Assert.InRange(Db(fundamental / 0.5), -0.02, 0.02);
        Assert.True(Db(third / fundamental) < -100 && Db(second / fundamental) < -100);
    }

    [Fact]
    public void More_stages_distort_more()
    {
        var one = Harmonics(new DistortionSettings { DepthPercent = ControlledParameter.Constant(20), Stages = 1 });
        var three = Harmonics(new DistortionSettings { DepthPercent = ControlledParameter.Constant(20), Stages = 3 });

        Assert.True(three.Third / three.Fundamental > 1.5 * (one.Third / one.Fundamental));
    }

    [Fact]
    public void Antiderivative_antialiasing_lowers_the_folded_partials()
    {
        // A 7 kHz sine driven hard: its 7th harmonic (49 kHz) folds to 1 kHz at 48 kHz. A naive tanh(g·x) puts
        // much more there than the anti-aliased stage does.
        var settings = new DistortionSettings { DepthPercent = ControlledParameter.Constant(100) };
        var left = Sine(7000, 0.8, 9600);
        Run(new Distortion(settings, Rate), left, new float[9600]);
        var naive = Sine(7000, 0.8, 9600).Select(x => (float)Math.Tanh(25 * x)).ToArray();

        double alias = Amplitude(left, 4800, 9600, 1000), naiveAlias = Amplitude(naive, 4800, 9600, 1000);
        Assert.True(Db(alias / naiveAlias) < -6, $"alias {Db(alias):F1} dB against naive {Db(naiveAlias):F1} dB");
    }

    [Fact]
    public void Dry_and_wet_mix_and_the_tone_control_darkens()
    {
        var dryOnly = Harmonics(new DistortionSettings { DepthPercent = ControlledParameter.Constant(80), WetPercent = ControlledParameter.Constant(0), DryPercent = ControlledParameter.Constant(100) });
        Assert.InRange(Db(dryOnly.Fundamental / 0.5), -0.01, 0.01);
        Assert.True(Db(dryOnly.Third / dryOnly.Fundamental) < -100);

        var bright = Harmonics(new DistortionSettings { DepthPercent = ControlledParameter.Constant(60) });
        var dark = Harmonics(new DistortionSettings { DepthPercent = ControlledParameter.Constant(60), TonePercent = ControlledParameter.Constant(0) });
        Assert.True(Db(dark.Third / bright.Third) < -15, "tone 0 (200 Hz lowpass) must cut the 3 kHz harmonic");
    }

    [Fact]
    public void A_controller_on_the_depth_glides_without_a_click()
    {
        var disto = new Distortion(new DistortionSettings { DepthPercent = new ControlledParameter(0, 0, 100, [(1, 100)]) }, Rate);
        var left = Sine(100, 0.5, 9600);
        var right = new float[9600];
        var controllers = new byte[128];
        for (int pos = 0; pos < left.Length; pos += 64)
        {
            controllers[1] = pos < 4800 ? (byte)0 : (byte)127;
            disto.Process(left.AsSpan(pos, 64), right.AsSpan(pos, 64), controllers);
        }

        // At depth 100 the 100 Hz sine is nearly a square of height ~1, whose edges take a few frames; a jump of the
        // depth would step by up to 0.5 at once. The 10 ms glide spreads it.
        Assert.True(MaxStep(left, 4790, 5400) < 0.1, $"step {MaxStep(left, 4790, 5400)}");
    }
}

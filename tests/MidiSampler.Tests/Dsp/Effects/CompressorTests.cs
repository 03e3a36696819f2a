using MidiSampler.Dsp.Effects;
using static MidiSampler.Tests.Dsp.Effects.EffectSignals;

namespace MidiSampler.Tests.Dsp.Effects;

public sealed class CompressorTests
{
    private static readonly float TwentyAbove = (float)Math.Pow(10, -10 / 20.0); // −10 dBFS, 20 dB over −30 dB

    [Fact]
    public void A_steady_sine_20_dB_over_the_threshold_at_ratio_4_settles_15_dB_lower()
    {
        var comp = new Compressor(new CompressorSettings { ThresholdDb = -30, Ratio = 4 }, Rate);
        var left = Sine(1000, TwentyAbove, Rate);
        var right = Sine(1000, TwentyAbove, Rate);

        Run(comp, left, right);

        double outDb = Db(Amplitude(left, 38_400, 48_000, 1000));
        Assert.InRange(outDb, -25.5, -24.5); // −10 dBFS in, 15 dB of reduction
        Assert.InRange(comp.GainReductionDb, 14.5, 15.5);
    }

    [Fact]
    public void Gain_reduction_rises_with_the_attack_time_constant_and_falls_with_the_release()
    {
        const double attack = 0.01, release = 0.1;
        var comp = new Compressor(new CompressorSettings { ThresholdDb = -30, Ratio = 4, AttackSeconds = attack, ReleaseSeconds = release }, Rate);
        var input = new float[Rate];
        Array.Fill(input, TwentyAbove, 0, Rate / 2);
        Array.Fill(input, 0.01f, Rate / 2, Rate / 2); // −40 dBFS: below the threshold
        var left = (float[])input.Clone();
        var right = (float[])input.Clone();

        Run(comp, left, right);

        double Reduction(int frame) => Db(input[frame] / left[frame]);
        // Attack: a step of 15 dB wanted reduction reaches 1 − 1/e of it after one attack time.
        Assert.InRange(Reduction((int)(attack * Rate)), 15 * 0.632 - 0.3, 15 * 0.632 + 0.3);
        Assert.InRange(Reduction((Rate / 2) - 1), 14.9, 15.1);
        // Release: the peak stage falls with the release constant, the attack stage follows it.
        double t = release;
        double expected = 15 * ((release * Math.Exp(-t / release)) - (attack * Math.Exp(-t / attack))) / (release - attack);
        Assert.InRange(Reduction((Rate / 2) + (int)(t * Rate)), expected - 0.3, expected + 0.3);
    }

    [Fact]
    public void Stereo_link_gives_the_quiet_side_the_loud_side_gain()
    {
        var settings = new CompressorSettings { ThresholdDb = -30, Ratio = 4 };
        (double Left, double Right) Levels(bool link)
        {
            var comp = new Compressor(settings with { StereoLink = link }, Rate);
            var left = Sine(1000, TwentyAbove, 24_000);
            var right = Sine(1000, 0.01, 24_000);
            Run(comp, left, right);
            return (Db(Amplitude(left, 14_400, 24_000, 1000)), Db(Amplitude(right, 14_400, 24_000, 1000)));
        }

        var unlinked = Levels(false);
        var linked = Levels(true);

        Assert.InRange(unlinked.Right, -40.2, -39.8); // below the threshold: untouched
        Assert.InRange(linked.Right, -55.5, -54.5); // the left's 15 dB of reduction
        Assert.InRange(linked.Left, -25.5, -24.5);
    }

    [Fact]
    public void Make_up_gain_applies_below_the_threshold()
    {
        var comp = new Compressor(new CompressorSettings { ThresholdDb = -10, Ratio = 8, GainDb = 6 }, Rate);
        var left = Sine(500, 0.1, 9600);
        var right = Sine(500, 0.1, 9600);

        Run(comp, left, right);

        Assert.InRange(Db(Amplitude(left, 4800, 9600, 500) / 0.1), 5.9, 6.1);
    }
}

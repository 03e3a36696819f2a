using MidiSampler.Dsp.Effects;
using static MidiSampler.Tests.Dsp.Effects.EffectSignals;

namespace MidiSampler.Tests.Dsp.Effects;

public sealed class StaticNoiseTests
{
    private static double Rms(float[] x, int from, int to)
    {
        double sum = 0;
        for (int i = from; i < to; i++)
            sum += x[i] * (double)x[i];
        return Math.Sqrt(sum / (to - from));
    }

    [Fact]
    public void The_hiss_level_sets_the_noise_rms_and_the_input_passes()
    {
        var effect = new StaticNoise(new StaticNoiseSettings { LevelPercent = ControlledParameter.Constant(100), Filter = EffectFilterType.None, TonePercent = 100 }, Rate);
        var left = Sine(1000, 0.5, Rate);
        var right = new float[Rate];

        Run(effect, left, right);

        Assert.InRange(Db(Rms(right, 0, Rate)), -21.5, -19.5); // −20 dBFS, less what the 20 kHz one-pole takes off
        Assert.InRange(Db(Amplitude(left, 0, Rate, 1000) / 0.5), -0.05, 0.05);
        Assert.Equal(long.MaxValue, effect.TailFrames);
    }

    [Fact]
    public void Mono_noise_is_the_same_on_both_sides_stereo_noise_is_not()
    {
        (float[] Left, float[] Right) Render(bool stereo)
        {
            var effect = new StaticNoise(new StaticNoiseSettings { LevelPercent = ControlledParameter.Constant(50), Stereo = stereo }, Rate);
            var left = new float[4800];
            var right = new float[4800];
            Run(effect, left, right);
            return (left, right);
        }

        var mono = Render(false);
        var stereo = Render(true);

        Assert.Equal(mono.Left, mono.Right);
        Assert.NotEqual(stereo.Left, stereo.Right);
        Assert.True(Rms(stereo.Left, 0, 4800) > 0.01 && Rms(stereo.Right, 0, 4800) > 0.01);
    }

    [Fact]
    public void Cyclic_clicks_come_once_per_cycle_time_at_their_level()
    {
        var effect = new StaticNoise(new StaticNoiseSettings { CyclicLevelPercent = 50, CyclicTimeSeconds = 0.25 }, Rate);
        var left = new float[Rate];
        var right = new float[Rate];

        Run(effect, left, right);

        for (int k = 1; k <= 3; k++)
        {
            int at = (k * 12_000) - 1;
            Assert.InRange(Peak(left, at, at + 96), 0.4, 0.5); // a 1 ms pop at about the level
            Assert.True(Peak(left, at + 960, at + 11_000) < 1e-4, "silence between the clicks");
        }
    }

    [Fact]
    public void Random_crackles_keep_their_spacing_between_the_minimum_and_maximum_time()
    {
        var effect = new StaticNoise(new StaticNoiseSettings { RandomLevelPercent = 80, RandomMinTimeSeconds = 0.05, RandomMaxTimeSeconds = 0.1 }, Rate);
        var left = new float[5 * Rate];
        var right = new float[5 * Rate];

        Run(effect, left, right);

        var onsets = new List<int>();
        for (int i = 1; i < left.Length; i++)
        {
            if (Math.Abs(left[i]) > 0.2 && (onsets.Count == 0 || i - onsets[^1] > 960))
                onsets.Add(i);
        }

        Assert.InRange(onsets.Count, 5 / 0.1 - 2, 5 / 0.05 + 1);
        var gaps = onsets.Zip(onsets.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, g => Assert.InRange(g, 0.05 * Rate - 48, 0.1 * Rate + 48));
        Assert.True(gaps.Max() - gaps.Min() > 0.02 * Rate, "the spacing must vary");
    }
}

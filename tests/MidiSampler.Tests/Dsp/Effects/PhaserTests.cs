using System.Numerics;
using MidiSampler.Dsp.Effects;
using static MidiSampler.Tests.Dsp.Effects.EffectSignals;

namespace MidiSampler.Tests.Dsp.Effects;

public sealed class PhaserTests
{
    /// <summary>The first notch of ½(1 + H⁴) for allpasses at <paramref name="breakHz"/>, found on the exact response.</summary>
    private static double PredictedNotchHz(double breakHz, int stages)
    {
        double t = Math.Tan(Math.PI * breakHz / Rate);
        double a = (t - 1) / (t + 1);
        double best = 0, bestMagnitude = double.MaxValue;
        for (double f = 20; f < breakHz; f += 0.5)
        {
            var z = Complex.Exp(new Complex(0, -2 * Math.PI * f / Rate));
            var h = Complex.Pow((a + z) / (1 + (a * z)), stages);
            double magnitude = Complex.Abs(0.5 * (1 + h));
            if (magnitude < bestMagnitude)
                (best, bestMagnitude) = (f, magnitude);
        }

        return best;
    }

    private static double Level(Phaser phaser, double hz, int from, int to, int frames)
    {
        var left = Sine(hz, 0.5, frames);
        Run(phaser, left, new float[frames]);
        return Db(Amplitude(left, from, to, hz) / 0.5);
    }

    [Fact]
    public void Without_sweep_the_notch_sits_where_the_allpass_chain_reaches_180_degrees()
    {
        var settings = new PhaserSettings { DepthPercent = ControlledParameter.Constant(0), Stages = 4 };
        double notch = PredictedNotchHz(800, 4);

        Assert.True(Level(new Phaser(settings, Rate), notch, 9600, 19_200, 19_200) < -30);
        Assert.InRange(Level(new Phaser(settings, Rate), 800, 9600, 19_200, 19_200), -0.1, 0.1); // chain at −360°: in phase
    }

    [Fact]
    public void The_notch_moves_with_the_lfo()
    {
        // A square LFO at 0.5 Hz holds +1 for a second (allpasses at 800·2³ = 6.4 kHz), then −1 (100 Hz).
        var settings = new PhaserSettings { DepthPercent = ControlledParameter.Constant(100), Waveform = 3, FrequencyHz = ControlledParameter.Constant(0.5) };
        double notch = PredictedNotchHz(6400, 4);

        double first = Level(new Phaser(settings, Rate), notch, 24_000, 43_200, 96_000);
        double second = Level(new Phaser(settings, Rate), notch, 72_000, 91_200, 96_000);

        Assert.True(first < -30, $"while the LFO is high the notch is at {notch:F0} Hz: {first:F1} dB");
        Assert.True(second > -3, $"while the LFO is low the notch has left {notch:F0} Hz: {second:F1} dB");
    }

    [Fact]
    public void Feedback_deepens_the_peaks_between_notches()
    {
        var plain = new PhaserSettings { DepthPercent = ControlledParameter.Constant(0) };
        var fed = plain with { FeedbackPercent = ControlledParameter.Constant(70) };

        double plainPeak = Level(new Phaser(plain, Rate), 800, 9600, 19_200, 19_200);
        double fedPeak = Level(new Phaser(fed, Rate), 800, 9600, 19_200, 19_200);

        Assert.True(fedPeak > plainPeak + 3, $"{fedPeak:F1} dB against {plainPeak:F1} dB");
    }

    [Fact]
    public void The_stereo_phase_controller_offsets_the_right_sides_sweep()
    {
        var settings = new PhaserSettings
        {
            DepthPercent = ControlledParameter.Constant(100),
            Waveform = 3,
            FrequencyHz = ControlledParameter.Constant(0.5),
            StereoPhasePercent = new ControlledParameter(0, 0, 100, [(10, 100)]),
        };
        double notch = PredictedNotchHz(6400, 4);
        var left = Sine(notch, 0.5, 48_000);
        var right = Sine(notch, 0.5, 48_000);
        var controllers = new byte[128];
        controllers[10] = 127; // half a cycle: the right LFO is low while the left is high

        Run(new Phaser(settings, Rate), left, right, controllers);

        Assert.True(Db(Amplitude(left, 24_000, 43_200, notch) / 0.5) < -30);
        Assert.True(Db(Amplitude(right, 24_000, 43_200, notch) / 0.5) > -3);
    }
}

using MidiSampler.Dsp;

namespace MidiSampler.Tests.Dsp;

/// <summary>The control-rate exponentials against Math.Pow.</summary>
public class ControlMathTests
{
    [Fact]
    public void Cents_to_ratio_is_within_a_thousandth_of_a_cent()
    {
        for (double cents = -9600; cents <= 9600; cents += 0.37)
        {
            double exact = Math.Pow(2, cents / 1200);
            double errorCents = 1200 * Math.Log2(ControlMath.CentsToRatio((float)cents) / exact);
            Assert.True(Math.Abs(errorCents) < 2e-3, $"{cents} cents: off by {errorCents} cents");
        }
    }

    [Fact]
    public void Db_to_gain_is_within_a_millionth_of_a_db_and_silent_below_minus_144()
    {
        for (double db = -140; db <= 40; db += 0.013)
        {
            double exact = Math.Pow(10, db / 20);
            double errorDb = 20 * Math.Log10(ControlMath.DbToGain((float)db) / exact);
            Assert.True(Math.Abs(errorDb) < 1e-4, $"{db} dB: off by {errorDb} dB");
        }

        Assert.Equal(0f, ControlMath.DbToGain(-150));
        Assert.Equal(0f, ControlMath.DbToGain(float.NegativeInfinity));
        Assert.True(float.IsFinite(ControlMath.DbToGain(float.PositiveInfinity)));
        Assert.True(float.IsFinite(ControlMath.CentsToRatio(float.NaN)));
    }

    [Fact]
    public void Exp2_is_within_three_tenths_of_a_millionth_of_the_exact_power()
    {
        // The series' remainder (1.2e-7) plus float rounding: 3e-7 is 0.0005 cent, 0.000003 dB (ControlMath remarks).
        // Every float from -0.5 to 0.5 in steps of 2^-20, then whole octaves around it.
        double worst = 0;
        for (int i = -(1 << 19); i <= 1 << 19; i++)
        {
            foreach (int octave in new[] { 0, -7, 5 })
            {
                float x = octave + (i / (float)(1 << 20));
                double error = Math.Abs((ControlMath.Exp2(x) / Math.Pow(2, x)) - 1);
                worst = Math.Max(worst, error);
            }
        }

        Assert.True(worst < 3e-7, $"worst relative error {worst:E3}");
    }
}

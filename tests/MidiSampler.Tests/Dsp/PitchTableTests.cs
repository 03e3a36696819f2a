using MidiSampler.Dsp;

namespace MidiSampler.Tests.Dsp;

public class PitchTableTests
{
    [Fact]
    public void Ratio_matches_pow_to_a_ten_thousandth_of_a_cent()
    {
        for (double cents = -12_000; cents <= 12_000; cents += 7.3)
        {
            double exact = Math.Pow(2, cents / 1200);
            double error = 1200 * Math.Log2(PitchTable.Ratio(cents) / exact);
            Assert.True(Math.Abs(error) < 1e-4, $"{cents} cents: error {error}");
        }
    }

    [Fact]
    public void A4_is_440_Hz() => Assert.Equal(440.0, PitchTable.KeyToHz(69), 9);
}

using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// ARIA <c>set_hdccN</c>/<c>set_realccN</c> on controllers 0..127 at full precision (issue 16): the routes read 0.1234,
/// not the 7-bit 16/127 = 0.12598 the channel used to store. Measured on the sound: the filtered level of a sine, and
/// the pitch.
/// </summary>
public sealed class SfzPreciseControllerTests
{
    private const int Rate = 48_000;

    private static float[] Play(string sfz, int key, int frames)
    {
        using var dir = new TempSfzDirectory();
        var instrument = SfzLoader.Load(dir.Write("hd.sfz", sfz));
        Assert.Empty(instrument.Warnings);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, key, 127);
        return Signals.Channel(Signals.Render(sampler, frames), 2, 0);
    }

    // A 1,760 Hz sine (key 93) through a 2-pole low-pass at 200 Hz moved up by the route: about −38 dB, a slope of
    // 12 dB per octave, so 3.1 cents of cutoff (0.1234 against 16/127 of 1,200 cents) is 0.03 dB.
    private static double FilteredDb(string cutoffOpcodes, string control = "")
    {
        var x = Play($"{control}\n<region> sample=*sine fil_type=lpf_2p resonance=0 amp_veltrack=0 {cutoffOpcodes}", 93, Rate / 2);
        return Signals.Db(Signals.Rms(x, Rate / 4, Rate / 2) * Math.Sqrt(2));
    }

    [Fact]
    public void A_cutoff_route_reads_set_hdcc_at_full_precision()
    {
        double routed = FilteredDb("cutoff=200 cutoff_oncc20=1200", "<control> set_hdcc20=0.1234");
        double exact = FilteredDb($"cutoff={200 * Math.Pow(2, 0.1234 * 1200 / 1200):R}");
        double sevenBit = FilteredDb($"cutoff={200 * Math.Pow(2, 16.0 / 127 * 1200 / 1200):R}");

        Assert.InRange(exact, -45, -30); // the sine is well in the filter's slope
        Assert.True(Math.Abs(exact - sevenBit) > 0.02, $"the two references differ by {exact - sevenBit:F4} dB only");
        Assert.True(Math.Abs(routed - exact) < 0.004,
            $"routed {routed:F4} dB, 0.1234 × 1200 cents {exact:F4} dB, 16/127 × 1200 cents {sevenBit:F4} dB");
    }

    [Fact]
    public void Set_realcc_and_a_fractional_set_cc_reach_the_pitch_route_unrounded()
    {
        // pitch_oncc20=1200 at 0.1234 is +148.08 cents; rounded to 16/127 it would be +151.18.
        foreach (string control in new[] { "set_realcc20=0.1234", "set_hdcc20=0.1234", $"set_cc20={0.1234 * 127:R}" })
        {
            var x = Play($"<control> {control}\n<region> sample=*sine pitch_oncc20=1200", 69, Rate * 2);
            double cents = Signals.Cents(Signals.Frequency(x, Rate, Rate / 4, Rate * 2), 440);
            Assert.True(Math.Abs(cents - 148.08) < 0.3, $"{control}: {cents:F3} cents");
        }
    }

    [Fact]
    public void A_region_condition_reads_the_nearest_seven_bit_value_of_set_hdcc()
    {
        // 0.1234 is 15.67 on the 0..127 scale: locc20=16 plays, as sfizz compares the stored 7-bit value.
        var x = Play("<control> set_hdcc20=0.1234\n<region> sample=*sine locc20=16 hicc20=16", 69, Rate / 4);
        Assert.InRange(Signals.Db(Signals.Rms(x, Rate / 8, Rate / 4) * Math.Sqrt(2)), -1, 1);
    }
}

using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// Envelope routes on controllers 142..511 (issue 16): only set_ccN/set_hdccN give such a controller a value, fixed for
/// the instrument, so <c>ampeg_*_onccN</c>, <c>fileg_/pitcheg_*_onccN</c> and the depth routes are folded into the envelope
/// at load, at that value at full precision; they sound as the same envelope written out.
/// </summary>
public sealed class SfzHighControllerEnvelopeTests
{
    private const int Rate = 48_000;

    private static float[] Play(string sfz, int key, int frames)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("dc.wav");
        var instrument = SfzLoader.Load(dir.Write("eg.sfz", sfz), _ => Sample.FromInterleaved("dc", Rate, 1, Enumerable.Repeat(0.5f, Rate * 2).ToArray()));
        Assert.Empty(instrument.Warnings);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, key, 127);
        return Signals.Channel(Signals.Render(sampler, frames), 2, 0);
    }

    [Fact]
    public void An_attack_route_on_controller_300_plays_the_attack_its_set_hdcc_value_gives()
    {
        // 0.5 × 0.2 s: a 0.1 s attack, sample for sample the same as ampeg_attack=0.1 written out.
        var routed = Play("<control> set_hdcc300=0.5\n<region> sample=dc.wav amp_veltrack=0 ampeg_attack_oncc300=0.2", 60, Rate / 4);
        var written = Play("<region> sample=dc.wav amp_veltrack=0 ampeg_attack=0.1", 60, Rate / 4);
        double maxDifference = routed.Zip(written, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDifference < 1e-6, $"differs by {maxDifference}");
        int full = Array.FindIndex(routed, v => v >= 0.5f * 0.999f);
        Assert.InRange(full, (int)(0.1 * Rate) - 64, (int)(0.1 * Rate) + 64);
        Assert.InRange(Signals.Db(routed[(int)(0.05 * Rate)] / 0.5), -7, -5); // half-way up (a linear attack)
    }

    [Fact]
    public void A_sustain_route_through_a_curve_on_controller_142_sets_the_held_level()
    {
        // 63.5 is 0.5 of the range; <curve> 7 maps it to 0.8 (interpolated between its points): 100 % − 0.8 × 50 % = 60 %.
        var x = Play("""
            <control> set_cc142=63.5
            <curve> curve_index=7 v000=0 v127=1 v063=0.8 v064=0.8
            <region> sample=dc.wav amp_veltrack=0 ampeg_decay=0.05 ampeg_sustain=100 ampeg_sustain_oncc142=-50 ampeg_sustain_curvecc142=7
            """, 60, Rate / 2);
        double level = Signals.Rms(x, Rate / 4, Rate / 2) / 0.5;
        Assert.InRange(Signals.Db(level), Signals.Db(0.6) - 0.1, Signals.Db(0.6) + 0.1);
    }

    [Fact]
    public void A_pitch_envelope_depth_route_on_controller_301_moves_the_pitch()
    {
        // 0.25 × 1200 cents of a pitch envelope held at 100 %: +300 cents.
        var x = Play("<control> set_hdcc301=0.25\n<region> sample=*sine pitcheg_sustain=100 pitcheg_depth_oncc301=1200", 69, Rate);
        Assert.InRange(Signals.Cents(Signals.Frequency(x, Rate, Rate / 4, Rate), 440), 299.5, 300.5);
    }
}

using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// ARIA LFO sub-waveforms and offsets (<c>lfoN_offset</c>, <c>lfoN_waveX</c>, <c>lfoN_ratioX</c>, <c>lfoN_scaleX</c>,
/// <c>lfoN_offsetX</c>) on the sound, as sfizz's LFO.cpp renders them: the LFO is the sum over its sub-waveforms of
/// offset + scale × wave(phase), each phase running at its ratio of the rate from lfoN_phase (issue 16).
/// </summary>
public sealed class SfzLfoSubWaveTests
{
    private const int Rate = 48_000;

    private static float[] Play(string regionOpcodes, int key, int frames, float dc = 0)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("dc.wav");
        string path = dir.Write("lfo.sfz", $"<region> {regionOpcodes}");
        // A DC sample reads the voice's gain frame by frame (a constant 0.5 for 3 s), else the file's own generators.
        var instrument = SfzLoader.Load(path, _ => Sample.FromInterleaved("dc", Rate, 1, Enumerable.Repeat(dc, Rate * 3).ToArray()));
        Assert.Empty(instrument.Warnings);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, key, 127);
        return Signals.Channel(Signals.Render(sampler, frames), 2, 0);
    }

    [Fact]
    public void An_offset_with_the_wave_scaled_to_zero_holds_the_pitch_at_offset_times_depth()
    {
        // 0.5 × 100 cents: +50 cents for the whole note, whatever the wave's phase.
        var x = Play("sample=*sine lfo1_freq=3 lfo1_wave=1 lfo1_scale=0 lfo1_offset=0.5 lfo1_pitch=100", 69, Rate);
        foreach (var (from, to) in new[] { (Rate / 10, Rate / 2), (Rate / 2, Rate) })
            Assert.InRange(Signals.Cents(Signals.Frequency(x, Rate, from, to), 440), 49.7, 50.3);
    }

    [Fact]
    public void Two_sub_waveforms_sum_with_their_own_ratio_scale_and_offset()
    {
        // Sub 1: rising saw at 1 Hz, scale 0.5, offset 0.1. Sub 2: falling saw at 3 Hz, scale 0.25, offset −0.2.
        // lfo1_amplitude=50 makes the gain 1 + 0.5 v, read on a DC sample of 0.5.
        var x = Play("sample=dc.wav amp_veltrack=0 lfo1_freq=1 lfo1_wave=6 lfo1_scale=0.5 lfo1_offset=0.1 "
            + "lfo1_wave2=7 lfo1_ratio2=3 lfo1_scale2=0.25 lfo1_offset2=-0.2 lfo1_amplitude=50", 60, Rate, dc: 0.5f);

        static double Frac(double t) => t - Math.Floor(t);
        foreach (double t in new[] { 0.1, 0.25, 0.4, 0.6, 0.9 })
        {
            double expected = 0.1 + (0.5 * ((2 * Frac(t)) - 1)) - 0.2 + (0.25 * (1 - (2 * Frac(3 * t))));
            int centre = (int)(t * Rate);
            double gain = 0;
            for (int i = centre - 96; i < centre + 96; i++)
                gain += x[i] / 0.5;
            double v = ((gain / 192) - 1) / 0.5;
            Assert.True(Math.Abs(v - expected) < 0.01, $"at {t} s the LFO is {v:F4}, sfizz's sum gives {expected:F4}");
        }
    }

    [Fact]
    public void A_sub_waveform_ratio_sets_its_own_rate()
    {
        // Sub 1 silenced (scale 0); sub 2 a rising saw at ratio 2.5 of 2 Hz, i.e. 5 Hz, on pitch ±100 cents: the pitch
        // climbs over 0.2 s and drops back, five times a second. Frame by frame, the smallest pitch sits at each wrap.
        var x = Play("sample=*sine lfo1_freq=2 lfo1_scale=0 lfo1_wave2=6 lfo1_ratio2=2.5 lfo1_pitch=100", 69, Rate);
        for (int k = 1; k < 5; k++)
        {
            // Just after the wrap at k × 0.2 s the pitch is near −100 cents; just before it, near +100.
            double before = Signals.Cents(Signals.Frequency(x, Rate, (int)(((k * 0.2) - 0.03) * Rate), (int)(((k * 0.2) - 0.005) * Rate)), 440);
            double after = Signals.Cents(Signals.Frequency(x, Rate, (int)(((k * 0.2) + 0.005) * Rate), (int)(((k * 0.2) + 0.03) * Rate)), 440);
            Assert.InRange(before, 60, 100);
            Assert.InRange(after, -100, -60);
        }
    }

    [Fact]
    public void Bad_sub_waveform_values_are_reported_and_the_lfo_stays_finite()
    {
        using var dir = new TempSfzDirectory();
        var instrument = SfzLoader.Load(dir.Write("bad.sfz",
            "<region> sample=*sine lfo1_freq=5 lfo1_pitch=100 lfo1_ratio2=abc lfo1_scale2=1e308 lfo1_offset3=-7 lfo1_wave2=99"));
        Assert.Contains(instrument.Warnings, w => w.Contains("lfo1_ratio2", StringComparison.Ordinal));
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, 69, 127);
        var x = Signals.Channel(Signals.Render(sampler, Rate / 2), 2, 0);
        Assert.All(x, v => Assert.True(float.IsFinite(v) && Math.Abs(v) <= 2));
        Assert.True(Signals.Rms(x, 0, x.Length) > 0.01, "the note sounds");
    }
}

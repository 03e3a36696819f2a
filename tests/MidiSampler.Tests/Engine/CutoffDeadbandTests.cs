using MidiSampler.Dsp;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// A modulated voice gives its filter a new cutoff only once the tick's cutoff is 3 cents or more from the applied one
/// (Voice.CutoffDeadband.cs). These tests render a slowly swept resonant lowpass through the engine and compare it with
/// a reference that sets the exact cutoff at every 16-frame tick (the behaviour before the deadband): the engine's error
/// must stay within what a constant 3-cent offset of the cutoff would cause, and far below a 12-cent offset's.
/// </summary>
public class CutoffDeadbandTests
{
    private const int Rate = 48_000;
    private const int Frames = Rate * 2;
    private const double CutoffHz = 1000;
    private const double LfoHz = 0.5;
    private const double LfoDepthCents = 600;

    [Theory]
    [InlineData(FilterType.Lowpass2Pole, 12.0)]
    [InlineData(FilterType.Lowpass4Pole, 6.0)]
    [InlineData(FilterType.Bandpass2Pole, 0.0)]
    public void A_slow_filter_lfo_stays_within_three_cents_of_the_exact_cutoff(FilterType type, double resonanceDb)
    {
        // 1,100 Hz sits on the resonant flank, where the level is most sensitive to the cutoff.
        var sine = Signals.Sine(1100, Rate, 440);
        var looped = new Region
        {
            Sample = sine, PitchKeyCenter = 60, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1,
            AmpVeltrackPercent = 0,
        };
        var dry = Render(looped);
        var engine = Render(looped with
        {
            FilterType = type, CutoffHz = CutoffHz, ResonanceDb = resonanceDb, FilterLfo = new Lfo(0, 0, LfoHz, LfoDepthCents),
        });
        var exact = Reference(dry, type, (float)resonanceDb, offsetCents: 0);
        double peak = exact.Max(MathF.Abs);
        Assert.True(peak > 0.05, "the filtered note sounds");

        double error = MaxDifference(engine, exact);
        double threeCents = MaxDifference(Reference(dry, type, (float)resonanceDb, offsetCents: 3), exact);
        double twelveCents = MaxDifference(Reference(dry, type, (float)resonanceDb, offsetCents: 12), exact);
        Assert.True(error <= threeCents * 1.1, $"error {error / peak:E2} of peak; a 3-cent offset gives {threeCents / peak:E2}");
        Assert.True(error < twelveCents * 0.4, $"error {error / peak:E2} of peak; a 12-cent offset gives {twelveCents / peak:E2}");
    }

    private static float[] Render(Region region)
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.NoteOn(0, 60, 127);
        return Signals.Channel(Signals.Render(sampler, Frames), 2, 0);
    }

    /// <summary>The dry note filtered with the exact cutoff (plus <paramref name="offsetCents"/>) set at every tick, as the voice computes it.</summary>
    private static unsafe float[] Reference(float[] dry, FilterType type, float resonanceDb, float offsetCents)
    {
        var output = (float[])dry.Clone();
        var filter = new VoiceFilter();
        filter.Start(type, resonanceDb, 0);
        float inverseRate = (float)(1.0 / Rate);
        float scale = (float)(CutoffHz * inverseRate);
        var lfo = default(LfoState);
        lfo.Start(0, 0);
        fixed (float* x = output)
        {
            for (int i = 0; i < output.Length; i += 16)
            {
                float cents = (lfo.Next(16, (float)LfoHz, inverseRate) * (float)LfoDepthCents) + offsetCents;
                filter.SetCutoff(scale * ControlMath.CentsToRatio(cents));
                filter.Process(x + i, null, Math.Min(16, output.Length - i));
            }
        }

        return output;
    }

    private static double MaxDifference(float[] a, float[] b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}

using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// A modulated voice whose sources come to rest stops its control ticks (Voice, class remarks). These tests render the
/// same note twice: once able to idle, once kept on the ticking path by an amplitude LFO whose only depth is a controller
/// route at 0 (the LFO runs every tick and adds exactly 0 dB; controller routes alone now idle too), and compare, through envelope stage changes, a bend, a volume change and the release:
/// the same samples while the envelopes rest or jump, within -60 dB while they glide (the idle voice then reads a slow
/// envelope less often, bounded by a drift of 0.5 cent in pitch and 3 cents in cutoff).
/// </summary>
public class ModulationIdleTests
{
    private const int Rate = 48_000;

    [Theory]
    [InlineData(256, true, 1e-5)]
    [InlineData(64, true, 1e-5)]
    [InlineData(256, false, 1e-3)]
    [InlineData(64, false, 1e-3)]
    public void Idling_voice_sounds_like_the_ticking_one(int block, bool steppedEnvelopes, double toleranceOfPeak, int noteOnOffsetFrames = 0)
    {
        var idle = RenderNote(keepTicking: false, block, steppedEnvelopes, noteOnOffsetFrames);
        var ticking = RenderNote(keepTicking: true, block, steppedEnvelopes, noteOnOffsetFrames);
        double peak = ticking.Max(MathF.Abs);
        Assert.True(Signals.Rms(idle, 0, idle.Length) > 0.01, "the note sounds");
        double maxDiff = 0;
        int first = -1;
        for (int i = 0; i < idle.Length; i++)
        {
            if (first < 0 && Math.Abs(idle[i] - ticking[i]) > toleranceOfPeak * peak)
                first = i / 2;
            maxDiff = Math.Max(maxDiff, Math.Abs(idle[i] - ticking[i]));
        }

        // Stepped envelopes: only the gain smoother's last -120 dB step (snapped when idling) may differ.
        Assert.True(maxDiff < toleranceOfPeak * peak, $"max difference {maxDiff} (peak {peak}) first at frame {first}");
        // No click where the idle voice wakes (bend at 0.4 s, volume at 0.6 s, note-off at 0.8 s): its second
        // difference stays that of the ticking voice.
        var idleLeft = Signals.Channel(idle, 2, 0);
        var tickingLeft = Signals.Channel(ticking, 2, 0);
        Assert.True(Signals.MaxSecondDifference(idleLeft, 0, idleLeft.Length) <= (Signals.MaxSecondDifference(tickingLeft, 0, tickingLeft.Length) * 1.01) + 1e-6);
    }

    [Fact]
    public void Events_off_the_control_grid_wake_the_voice_without_a_click()
    {
        // The note starts 5 frames into the block, so the bend, volume change and note-off fall between control ticks:
        // the idle voice wakes at the event's frame, the ticking one at its next tick (up to 15 frames later), so the
        // samples differ just after each event; the levels and the smoothness must not.
        var idle = Signals.Channel(RenderNote(keepTicking: false, 77, steppedEnvelopes: false, noteOnOffsetFrames: 5), 2, 0);
        var ticking = Signals.Channel(RenderNote(keepTicking: true, 77, steppedEnvelopes: false, noteOnOffsetFrames: 5), 2, 0);
        Assert.True(Signals.MaxSecondDifference(idle, 0, idle.Length) <= (Signals.MaxSecondDifference(ticking, 0, ticking.Length) * 1.05) + 1e-6);
        foreach (double seconds in new[] { 0.45, 0.65, 0.85 })
        {
            int from = (int)(seconds * Rate), to = from + (Rate / 20);
            Assert.InRange(Signals.Db(Signals.Rms(idle, from, to) / Signals.Rms(ticking, from, to)), -0.1, 0.1);
        }
    }

    [Fact]
    public void Idling_voice_follows_a_bend_at_once()
    {
        var left = Signals.Channel(RenderNote(keepTicking: false, 256, steppedEnvelopes: false), 2, 0);
        // Bend of +2 semitones from 0.4 s (see RenderNote): 440 Hz × 2^(2/12) while the envelopes rest at sustain.
        double before = Signals.Frequency(left, Rate, (int)(0.25 * Rate), (int)(0.39 * Rate));
        double after = Signals.Frequency(left, Rate, (int)(0.41 * Rate), (int)(0.55 * Rate));
        Assert.InRange(Signals.Cents(after, before), 195, 205);
    }

    private static float[] RenderNote(bool keepTicking, int block, bool steppedEnvelopes, int noteOnOffsetFrames = 0)
    {
        // Stepped: no attack, decay or release time, so the envelopes only rest or jump.
        double glide = steppedEnvelopes ? 0 : 1;
        var sample = Signals.Sine(440, Rate, 400);
        var region = new Region
        {
            Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1,
            FilterType = FilterType.Lowpass2Pole, CutoffHz = 1500,
            // Delay, attack, hold, decay, sustain: rests (delay, hold, sustain) between moves (attack, decay, release).
            FilterEnvelope = new Envelope(0.05, 0.02 * glide, 0.03, 0.05 * glide, 0.5, 0.1 * glide), FilterEnvelopeDepthCents = 1200,
            PitchEnvelope = new Envelope(0.1, 0.01 * glide, 0, 0.02 * glide, 0.5, 0.05 * glide), PitchEnvelopeDepthCents = 30,
            AmpEnvelope = new Envelope(0, 0.005, 0, 0, 1, 0.2),
            CcModulations = keepTicking ? [new CcModulation(ModulationTarget.AmpLfoDepthDb, 20, 1)] : [],
        };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.NoteOn(0, 69, 100, noteOnOffsetFrames);
        var parts = new List<float[]> { Signals.Render(sampler, (int)(0.4 * Rate), block) };
        sampler.PitchBend(0, 16383); // +2 semitones (default range)
        parts.Add(Signals.Render(sampler, (int)(0.2 * Rate), block));
        sampler.ControlChange(0, 7, 64);
        parts.Add(Signals.Render(sampler, (int)(0.2 * Rate), block));
        sampler.NoteOff(0, 69);
        parts.Add(Signals.Render(sampler, (int)(0.3 * Rate), block));
        return [.. parts.SelectMany(p => p)];
    }
}

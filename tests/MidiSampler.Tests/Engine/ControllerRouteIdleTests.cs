using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// SFZ controller routes (<c>*_onccN</c>, with curves and the extended sources) and controller crossfades let a voice
/// idle while the controllers rest, woken by the channel's ModulationVersion (Voice.ControllerIdle.cs). As in
/// <see cref="ModulationIdleTests"/>, the same note is rendered twice, once able to idle and once kept ticking by an
/// amplitude LFO whose only depth is a route from a controller left at 0 (it adds exactly 0 dB), through controller
/// moves, channel pressure, a bend, a channel volume change, an ampeg_dynamic sustain change and the release.
/// </summary>
public class ControllerRouteIdleTests
{
    private const int Rate = 48_000;
    private const int KeepTickingController = 22;

    [Theory]
    [InlineData(256)]
    [InlineData(64)]
    public void Idling_voice_with_controller_routes_sounds_like_the_ticking_one(int block)
    {
        var idle = RenderNote(keepTicking: false, block, out int idleAtRest, out int idleAfterMoves);
        var ticking = RenderNote(keepTicking: true, block, out int tickingAtRest, out _);
        Assert.Equal(1, idleAtRest); // the voice idles while its controllers rest…
        Assert.Equal(1, idleAfterMoves); // …and again once the last move has settled
        Assert.Equal(0, tickingAtRest); // the reference really takes the ticking path

        double peak = ticking.Max(MathF.Abs);
        Assert.True(Signals.Rms(idle, 0, idle.Length) > 0.01, "the note sounds");
        double maxDiff = 0;
        int first = -1;
        for (int i = 0; i < idle.Length; i++)
        {
            double diff = Math.Abs(idle[i] - ticking[i]);
            if (first < 0 && diff > 1e-5 * peak)
                first = i / 2;
            maxDiff = Math.Max(maxDiff, diff);
        }

        // -100 dB: only the gain smoother's last -120 dB step (snapped when the voice goes idle) may differ.
        Assert.True(maxDiff < 1e-5 * peak, $"max difference {maxDiff} (peak {peak}) first at frame {first}");
    }

    [Fact]
    public void Controller_moves_off_the_control_grid_wake_the_voice_without_a_click()
    {
        // The note starts 5 frames into the block and blocks of 77 frames put every event between control ticks: the idle
        // voice wakes at the event's frame, the ticking one at its next tick, so samples differ just after each move;
        // the levels and the smoothness must not.
        var idle = Signals.Channel(RenderNote(keepTicking: false, 77, out _, out _, noteOnOffsetFrames: 5), 2, 0);
        var ticking = Signals.Channel(RenderNote(keepTicking: true, 77, out _, out _, noteOnOffsetFrames: 5), 2, 0);
        Assert.True(Signals.MaxSecondDifference(idle, 0, idle.Length) <= (Signals.MaxSecondDifference(ticking, 0, ticking.Length) * 1.05) + 1e-6);
        foreach (double seconds in new[] { 0.35, 0.5, 0.65, 0.75, 0.85, 0.95, 1.05, 1.15 })
        {
            int from = (int)(seconds * Rate), to = from + (Rate / 40);
            Assert.InRange(Signals.Db(Signals.Rms(idle, from, to) / Signals.Rms(ticking, from, to)), -0.1, 0.1);
        }

        // The ampeg_dynamic move at 1.0 s reached the idle voice: its sustain fell from 100 % to 50 % (-6 dB).
        double drop = Signals.Db(Signals.Rms(idle, (int)(1.05 * Rate), (int)(1.09 * Rate)) / Signals.Rms(idle, (int)(0.95 * Rate), (int)(0.99 * Rate)));
        Assert.InRange(drop, -6.5, -5.5);
    }

    [Fact]
    public void Idling_voice_follows_a_pitch_route_at_once()
    {
        var left = Signals.Channel(RenderNote(keepTicking: false, 256, out _, out _), 2, 0);
        // pitch_oncc1=100 moves from cc1 0 to 127 at 0.45 s (see RenderNote): +100 cents.
        double before = Signals.Frequency(left, Rate, (int)(0.32 * Rate), (int)(0.44 * Rate));
        double after = Signals.Frequency(left, Rate, (int)(0.46 * Rate), (int)(0.59 * Rate));
        Assert.InRange(Signals.Cents(after, before), 98, 102);
    }

    private static float[] RenderNote(bool keepTicking, int block, out int idleAtRest, out int idleAfterMoves, int noteOnOffsetFrames = 0)
    {
        var sample = Signals.Sine(440, Rate, 400);
        float[] squared = [.. Enumerable.Range(0, 128).Select(v => v * v / (127f * 127f))];
        List<CcModulation> routes =
        [
            new(ModulationTarget.CutoffCents, 74, 2400) { Curve = squared }, // cutoff_oncc74=2400 cutoff_curvecc74=…
            new(ModulationTarget.PitchCents, 1, 100), // pitch_oncc1=100
            new(ModulationTarget.VolumeDb, 20, -12), // volume_oncc20=-12
            new(ModulationTarget.AmplitudePercent, 7, 100), // amplitude_oncc7=100 (cc7 also moves the channel volume)
            new(ModulationTarget.PanPercent, 10, 30), // pan_oncc10=30
            new(ModulationTarget.CutoffCents, ControllerSources.ChannelAftertouch, -600), // cutoff_oncc129=-600
            new(ModulationTarget.VolumeDb, ControllerSources.PitchBend, -3), // volume_oncc128=-3
            new(ModulationTarget.PitchCents, ControllerSources.PolyAftertouch, 20), // pitch_oncc130=20
            new(ModulationTarget.CutoffCents, ControllerSources.NoteOnVelocity, 300), // cutoff_oncc131=300: fixed at note-on
        ];
        if (keepTicking)
            routes.Add(new CcModulation(ModulationTarget.AmpLfoDepthDb, KeepTickingController, 1));
        var region = new Region
        {
            Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1,
            FilterType = FilterType.Lowpass2Pole, CutoffHz = 800, ResonanceDb = 6,
            AmpEnvelope = new Envelope(0, 0.005, 0, 0, 1, 0.2),
            // ampeg_sustain_oncc23=-50 ampeg_dynamic=1: a cc23 move retunes the running amplitude envelope (per frame, not a tick).
            AmpEnvelopeModulation = new EnvelopeModulation { Controllers = [new EnvelopeCc(EnvelopeParameter.Sustain, 23, -50)], Dynamic = true },
            CcModulations = [.. routes],
            CcCrossfades = [new CcCrossfade(21, 0, 127, FadeIn: true)], // xfin_locc21=0 xfin_hicc21=127
        };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.ControlChange(0, 74, 40);
        sampler.ControlChange(0, 20, 64);
        sampler.ControlChange(0, 21, 100);
        sampler.NoteOn(0, 69, 100, noteOnOffsetFrames);
        var parts = new List<float[]> { Signals.Render(sampler, (int)(0.3 * Rate), block) };
        idleAtRest = sampler.IdleVoiceCount();
        // Each move lands on the control grid (the ticking reference reads it at its next tick, the idle voice at once).
        void Then(double seconds) => parts.Add(Signals.Render(sampler, (int)Math.Round(seconds * Rate / Voice.ControlFrames) * Voice.ControlFrames, block));
        sampler.ControlChange(0, 74, 110); // the cutoff jumps
        Then(0.15);
        sampler.ControlChange(0, 1, 127); // the pitch rises 100 cents
        Then(0.15);
        sampler.SendMidi([0xD0, 90]); // channel pressure lowers the cutoff (cc129)
        sampler.SendMidi([0xA0, 69, 100]); // key pressure raises the pitch (cc130)
        Then(0.1);
        sampler.ControlChange(0, 20, 0); // louder
        sampler.ControlChange(0, 21, 60); // the crossfade fades it down
        sampler.ControlChange(0, 10, 100); // pan route and channel pan
        Then(0.1);
        sampler.PitchBend(0, 12_000); // bend: pitch and volume (cc128)
        Then(0.1);
        sampler.ControlChange(0, 7, 80); // channel volume and amplitude route together
        Then(0.1);
        sampler.ControlChange(0, 23, 127); // ampeg_dynamic: the sustain falls to 50 %
        Then(0.1);
        idleAfterMoves = sampler.IdleVoiceCount();
        sampler.NoteOff(0, 69);
        Then(0.3);
        return [.. parts.SelectMany(p => p)];
    }
}

using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// SFZ v2 <c>*_smoothccN</c> and <c>*_stepccN</c> on controller routes (Voice.CcSmoothing.cs), through the Sampler:
/// the glide's law on a volume route, the steps of a pitch route, and idling once a glide has settled.
/// </summary>
public class CcSmoothingTests
{
    private const int Rate = 48_000;

    [Fact]
    public void Volume_smoothcc_glides_with_a_one_pole_time_constant()
    {
        // volume_oncc20=-24 volume_smoothcc20=100; cc20 jumps 0 → 127 at 0.1 s.
        var smoothed = RenderVolumeJump(smoothMs: 100);
        var plain = RenderVolumeJump(smoothMs: 0);
        double before = smoothed[(int)(0.09 * Rate)];
        double DbAt(float[] x, double secondsAfterJump) => Signals.Db(x[(int)((0.1 + secondsAfterJump) * Rate)] / before);

        // Without smoothing only the engine's 5 ms anti-click smoother stands between the jump and the new level.
        Assert.InRange(DbAt(plain, 0.01), -15.5, -13.5); // linear gain 1 → 0.063, 13.5 % of it left after 10 ms: -14.4 dB
        Assert.InRange(DbAt(plain, 0.06), -24.05, -23.95);
        // With it: 1 − e^(−t/τ) of the -24 dB change, i.e. 63 % (-15.2 dB) after τ = 100 ms, give or take the 5 ms
        // gain smoother in series and the 0.33 ms control tick.
        Assert.InRange(DbAt(smoothed, 0.01), -3.5, -1.0); // 9.5 % of the way: -2.3 dB
        Assert.InRange(DbAt(smoothed, 0.1), -15.8, -14.0);
        Assert.InRange(DbAt(smoothed, 0.3), -23.2, -22.4); // 95 %: -22.8 dB
        Assert.InRange(DbAt(smoothed, 0.95), -24.01, -23.99);
        // Monotonic: a glide, not a step or an overshoot.
        for (int i = (int)(0.1 * Rate); i < (int)(0.6 * Rate); i += 48)
            Assert.True(smoothed[i + 48] <= smoothed[i] + 1e-7f, $"rises at frame {i}");
    }

    [Theory]
    [InlineData(40, 300)] // 1200 × 40/127 = 378 cents, truncated to 3 semitones
    [InlineData(64, 600)] // 605 → 600
    [InlineData(127, 1200)] // exactly 12 steps, not 11 (float rounding of 1200 × 127/127)
    [InlineData(10, 0)] // 94.5 → 0
    public void Pitch_stepcc_quantises_the_route_to_whole_steps(int cc1, double expectedCents)
    {
        // pitch_oncc1=1200 pitch_stepcc1=100
        var left = RenderPitch(cc1, step: 100);
        double hz = Signals.Frequency(left, Rate, (int)(0.1 * Rate), (int)(0.3 * Rate));
        Assert.InRange(Signals.Cents(hz, 440), expectedCents - 3, expectedCents + 3);
    }

    [Fact]
    public void Without_a_step_the_pitch_route_is_continuous()
    {
        double hz = Signals.Frequency(RenderPitch(40, step: 0), Rate, (int)(0.1 * Rate), (int)(0.3 * Rate));
        Assert.InRange(Signals.Cents(hz, 440), 1200 * 40 / 127.0 - 3, 1200 * 40 / 127.0 + 3);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(64)]
    public void Voice_keeps_ticking_through_a_glide_then_idles_and_sounds_like_the_ticking_one(int block)
    {
        var idle = RenderGlideNote(keepTicking: false, block, out int idleMidGlide, out int idleSettled);
        var ticking = RenderGlideNote(keepTicking: true, block, out _, out int tickingSettled);
        Assert.Equal(0, idleMidGlide); // the channel's controllers rest, but the route still glides
        Assert.Equal(1, idleSettled); // …and once it has settled the voice idles again
        Assert.Equal(0, tickingSettled); // the reference really takes the ticking path

                double peak = ticking.Max(MathF.Abs);
        double maxDiff = 0;
        for (int i = 0; i < idle.Length; i++)
            maxDiff = Math.Max(maxDiff, Math.Abs(idle[i] - ticking[i]));
        Assert.True(maxDiff < 1e-5 * peak, $"max difference {maxDiff} (peak {peak})");

        // The glides really happened: 30 ms into the 50 ms volume glide the level is between its ends.
        var left = Signals.Channel(idle, 2, 0);
        double start = Signals.Rms(left, (int)(0.55 * Rate), (int)(0.59 * Rate));
        double mid = Signals.Rms(left, (int)(0.625 * Rate), (int)(0.635 * Rate));
        double end = Signals.Rms(left, (int)(0.95 * Rate), (int)(0.99 * Rate));
        Assert.InRange(Signals.Cents(Signals.Frequency(left, Rate, (int)(0.4 * Rate), (int)(0.55 * Rate)), 440), 197, 203); // two steps
        Assert.InRange(Signals.Db(end / start), 11.5, 12.5); // volume_oncc20=12 reached in full
        Assert.InRange(Signals.Db(mid / start), 2, 10); // …but not at once
    }

    [Fact]
    public void Pan_stepcc_and_cutoff_smoothcc_shape_their_routes_too()
    {
        // pan_oncc10=100 pan_stepcc10=50 at cc10=100: 78.7 % truncated to 50 %, i.e. the image of pan=50.
        var stepped = RenderConstant(new CcModulation(ModulationTarget.PanPercent, 10, 100) { Step = 50 }, cc: 100, basePan: 0);
        var reference = RenderConstant(null, cc: 100, basePan: 50);
        int at = (int)(0.05 * Rate) * 2;
        Assert.Equal(reference[at], stepped[at], 1e-5f);
        Assert.Equal(reference[at + 1], stepped[at + 1], 1e-5f);
        Assert.True(stepped[at + 1] > stepped[at] * 1.5f, "panned right");

        // cutoff_oncc74=-4800 cutoff_smoothcc74=50 on a 2 kHz sine through a 4-pole low-pass at 4 kHz: 10 ms after cc74
        // jumps to 127 the cutoff has not yet fallen far (-1.7 dB), but 300 ms after it has (1 kHz: well below the tone).
        var plain = RenderCutoffJump(smoothMs: 0);
        var smoothed = RenderCutoffJump(smoothMs: 50);
        double Level(float[] x, double fromSeconds) => Signals.Db(Signals.Rms(x, (int)(fromSeconds * Rate), (int)((fromSeconds + 0.005) * Rate)) / Signals.Rms(x, (int)(0.05 * Rate), (int)(0.095 * Rate)));
        Assert.True(Level(plain, 0.11) < -20, $"plain route after 10 ms: {Level(plain, 0.11)} dB");
        Assert.True(Level(smoothed, 0.11) > -6, $"smoothed route after 10 ms: {Level(smoothed, 0.11)} dB");
        Assert.InRange(Level(smoothed, 0.4) - Level(plain, 0.4), -0.5, 0.5);
    }

    private static float[] RenderConstant(CcModulation? route, int cc, double basePan)
    {
        var region = new Region
        {
            Sample = Signals.Constant(0.5f, Rate), LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = Rate - 1, Pan = basePan,
            CcModulations = route is { } r ? [r] : [],
        };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.ControlChange(0, 10, cc);
        sampler.NoteOn(0, 60, 127);
        return Signals.Render(sampler, (int)(0.1 * Rate));
    }

    private static float[] RenderCutoffJump(double smoothMs)
    {
        var sample = Signals.Sine(2000, Rate, 2000);
        var region = new Region
        {
            Sample = sample, PitchKeyCenter = 60, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1,
            FilterType = FilterType.Lowpass4Pole, CutoffHz = 4000,
            CcModulations = [new CcModulation(ModulationTarget.CutoffCents, 74, -4800) { SmoothMs = smoothMs }],
        };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.NoteOn(0, 60, 127);
        var a = Signals.Render(sampler, (int)(0.1 * Rate));
        sampler.ControlChange(0, 74, 127);
        var b = Signals.Render(sampler, (int)(0.5 * Rate));
        return Signals.Channel([.. a, .. b], 2, 0);
    }

    private static float[] RenderVolumeJump(double smoothMs)
    {
        var region = new Region
        {
            Sample = Signals.Constant(0.5f, Rate), LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = Rate - 1,
            AmpEnvelope = new Envelope(0, 0, 0, 0, 1, 0.2),
            CcModulations = [new CcModulation(ModulationTarget.VolumeDb, 20, -24) { SmoothMs = smoothMs }],
        };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.NoteOn(0, 60, 127);
        var a = Signals.Render(sampler, (int)(0.1 * Rate));
        sampler.ControlChange(0, 20, 127);
        var b = Signals.Render(sampler, Rate);
        return Signals.Channel([.. a, .. b], 2, 0);
    }

    private static float[] RenderPitch(int cc1, double step)
    {
        var sample = Signals.Sine(440, Rate, 400);
        var region = new Region
        {
            Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1,
            CcModulations = [new CcModulation(ModulationTarget.PitchCents, 1, 1200) { Step = step }],
        };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.ControlChange(0, 1, cc1);
        sampler.NoteOn(0, 69, 100);
        return Signals.Channel(Signals.Render(sampler, (int)(0.35 * Rate)), 2, 0);
    }

    private static float[] RenderGlideNote(bool keepTicking, int block, out int idleMidGlide, out int idleSettled)
    {
        var sample = Signals.Sine(440, Rate, 400);
        List<CcModulation> routes =
        [
            new(ModulationTarget.VolumeDb, 20, 12) { SmoothMs = 50 }, // volume_oncc20=12 volume_smoothcc20=50
            new(ModulationTarget.PitchCents, 1, 1200) { Step = 100, SmoothMs = 20 }, // pitch_stepcc1=100 pitch_smoothcc1=20
        ];
        if (keepTicking)
            routes.Add(new CcModulation(ModulationTarget.AmpLfoDepthDb, 22, 1)); // cc22 stays 0: adds 0 dB, keeps ticking
        var region = new Region
        {
            Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1,
            AmpEnvelope = new Envelope(0, 0.005, 0, 0, 1, 0.2), CcModulations = [.. routes],
        };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.NoteOn(0, 69, 100);
        var parts = new List<float[]> { Signals.Render(sampler, (int)(0.2 * Rate), block) };
        // The pitch alone first: the level stays put, so only the glide itself can keep the voice ticking.
        sampler.ControlChange(0, 1, 30); // +283 cents → 200 (pitch_stepcc1=100), gliding with τ = 20 ms
        parts.Add(Signals.Render(sampler, (int)(0.03 * Rate), block));
        idleMidGlide = sampler.IdleVoiceCount();
        parts.Add(Signals.Render(sampler, (int)(0.37 * Rate), block));
        sampler.ControlChange(0, 20, 127); // +12 dB with τ = 50 ms, settled (1e-4 of the depth) after 9.2 τ
        parts.Add(Signals.Render(sampler, (int)(0.6 * Rate), block));
        idleSettled = sampler.IdleVoiceCount();
        return [.. parts.SelectMany(p => p)];
    }
}

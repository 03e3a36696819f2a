using MidiSampler.Dsp.Effects;

namespace MidiSampler.Tests.Dsp.Effects;

/// <summary>Every effect's <see cref="BusEffect.Process"/> runs without allocating, controllers moving.</summary>
public sealed class EffectAllocationTests
{
    private static ControlledParameter Cc(double value, double min, double max, int controller, double depth) =>
        new(value, min, max, [(controller, depth)]);

    public static TheoryData<string> Effects => ["delay", "delay-ping-filtered", "comp", "gate", "disto", "phaser", "apan", "static", "strings"];

    private static BusEffect Build(string name) => name switch
    {
        "delay" => new StereoDelay(new DelaySettings
        {
            Mode = DelayMode.MultiModulated,
            TimeLeftSeconds = Cc(0.1, 0, 10, 1, 0.2),
            FeedbackPercent = Cc(40, 0, 100, 2, 30),
            ModDepthPercent = Cc(20, 0, 100, 3, 50),
            DampHighPercent = Cc(10, 0, 100, 4, 50),
            DampLowPercent = Cc(10, 0, 100, 5, 50),
            SyncRight = [(6, 1)],
            TapController = 7,
        }, EffectSignals.Rate),
        "delay-ping-filtered" => new StereoDelay(new DelaySettings
        {
            Mode = DelayMode.Panning,
            Filter = EffectFilterType.Bandpass2Pole,
            CutoffHz = Cc(1000, 10, 20_000, 1, 5000),
            ResonanceDb = Cc(3, 0, 40, 2, 6),
            ModDepthPercent = Cc(50, 0, 100, 3, 50),
        }, EffectSignals.Rate),
        "comp" => new Compressor(new CompressorSettings { ThresholdDb = -20, Ratio = 4, StereoLink = true }, EffectSignals.Rate),
        "gate" => new NoiseGate(new GateSettings { ThresholdDb = -30, ManualPercent = Cc(0, 0, 100, 1, 100) }, EffectSignals.Rate),
        "disto" => new Distortion(new DistortionSettings { DepthPercent = Cc(30, 0, 100, 1, 50), TonePercent = Cc(50, 0, 100, 2, 50), Stages = 3 }, EffectSignals.Rate),
        "phaser" => new Phaser(new PhaserSettings { FeedbackPercent = Cc(30, 0, 100, 1, 50), StereoPhasePercent = Cc(0, 0, 100, 2, 100) }, EffectSignals.Rate),
        "static" => new StaticNoise(new StaticNoiseSettings
        {
            LevelPercent = Cc(10, 0, 100, 1, 50),
            CyclicLevelPercent = 50,
            CyclicTimeSeconds = 0.01,
            RandomLevelPercent = 30,
            RandomMinTimeSeconds = 0.002,
            RandomMaxTimeSeconds = 0.02,
        }, EffectSignals.Rate),
        "strings" => new ResonantStrings(new ResonantStringsSettings { WetPercent = Cc(0, 0, 100, 1, 100) }, EffectSignals.Rate),
        _ => new AutoPan(new AutoPanSettings { FrequencyHz = Cc(2, 0, 50, 1, 5), PhaseDegrees = Cc(90, 0, 180, 2, 90) }, EffectSignals.Rate),
    };

    [Theory]
    [MemberData(nameof(Effects))]
    public void Ten_thousand_runs_allocate_nothing(string name)
    {
        var effect = Build(name);
        var left = GC.AllocateArray<float>(64, pinned: true);
        var right = GC.AllocateArray<float>(64, pinned: true);
        var controllers = new byte[128];
        var random = new Random(5);
        void RunOnce(int run)
        {
            for (int i = 0; i < 64; i++)
            {
                left[i] = (float)((random.NextDouble() * 2) - 1) * 0.5f;
                right[i] = (float)((random.NextDouble() * 2) - 1) * 0.5f;
            }

            controllers[1 + (run % 7)] = (byte)(run * 13 % 128);
            effect.Process(left, right, controllers);
        }

        for (int run = 0; run < 200; run++)
            RunOnce(run); // JIT and tier-up outside the window

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int run = 0; run < 10_000; run++)
            RunOnce(run);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.All(left, x => Assert.True(float.IsFinite(x)));
    }
}

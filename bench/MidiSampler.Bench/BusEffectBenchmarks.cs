using BenchmarkDotNet.Attributes;
using MidiSampler.Dsp.Effects;

namespace MidiSampler.Bench;

/// <summary>
/// One 256-frame stereo run of each SFZ <c>&lt;effect&gt;</c> DSP type, controllers moving, so the cost per effect and
/// frame reads directly (divide by 256). Every one should report 0 bytes allocated.
/// </summary>
[MemoryDiagnoser]
public class BusEffectBenchmarks
{
    private const int Frames = 256;
    private const int Rate = 48_000;
    private readonly float[] _left = new float[Frames];
    private readonly float[] _right = new float[Frames];
    private readonly byte[] _controllers = new byte[128];
    private BusEffect _effect = null!;
    private int _run;

    /// <summary>The effect measured.</summary>
    [Params("delay", "comp", "gate", "disto", "phaser", "apan", "static", "strings")]
    public string Effect { get; set; } = "delay";

    [GlobalSetup]
    public void Setup()
    {
        var cc = new ControlledParameter(20, 0, 100, [(1, 50)]);
        _effect = Effect switch
        {
            "delay" => new StereoDelay(new DelaySettings { Mode = DelayMode.MultiModulated, FeedbackPercent = cc, ModDepthPercent = cc, DampHighPercent = cc, Filter = EffectFilterType.Lowpass2Pole }, Rate),
            "comp" => new Compressor(new CompressorSettings { ThresholdDb = -20, Ratio = 4 }, Rate),
            "gate" => new NoiseGate(new GateSettings { ThresholdDb = -40 }, Rate),
            "disto" => new Distortion(new DistortionSettings { DepthPercent = cc, Stages = 2 }, Rate),
            "phaser" => new Phaser(new PhaserSettings { FeedbackPercent = cc, Stages = 8 }, Rate),
            "apan" => new AutoPan(new AutoPanSettings { DepthPercent = cc }, Rate),
            "static" => new StaticNoise(new StaticNoiseSettings { LevelPercent = cc, RandomLevelPercent = 50 }, Rate),
            _ => new ResonantStrings(new ResonantStringsSettings { WetPercent = cc }, Rate),
        };
    }

    [Benchmark]
    public void Run256()
    {
        for (int i = 0; i < Frames; i++)
            _left[i] = _right[i] = MathF.Sin((_run * Frames + i) * 0.05f) * 0.3f;
        _controllers[1] = (byte)(++_run & 127);
        _effect.Process(_left, _right, _controllers);
    }
}

using BenchmarkDotNet.Attributes;
using MidiSampler.Dsp;
using MidiSampler.Dsp.Effects;
using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Bench;

/// <summary>
/// The SFZ &lt;effect&gt; types of the effect racks, one 128-frame stereo run each (a controller-driven parameter
/// included), and a whole engine block of 64 voices with and without an instrument rack (eq on main, reverb on fx1),
/// so that the rack's cost reads as the difference.
/// </summary>
[MemoryDiagnoser]
public class BusEffectBench
{
    private const int Frames = 128;
    private const int Rate = 48_000;
    private readonly float[] _left = new float[Frames];
    private readonly float[] _right = new float[Frames];
    private readonly byte[] _controllers = new byte[128];
    private readonly float[] _output = new float[Frames * 2];
    private BusEffect _eq = null!;
    private BusEffect _filter = null!;
    private BusEffect _lofi = null!;
    private BusEffect _reverb = null!;
    private Sampler _dry = null!;
    private Sampler _racked = null!;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < Frames; i++)
            _left[i] = _right[i] = 0.3f * MathF.Sin(i * 0.3f);
        _controllers[20] = 64;
        var cc20 = new (int, double)[] { (20, 6) };
        _eq = new EqEffect(FilterType.Peaking, ControlledParameter.Constant(1000), ControlledParameter.Constant(1), new ControlledParameter(3, -96, 24, cc20), Rate);
        _filter = new FilterEffect(FilterType.Lowpass4Pole, 2000, new ControlledParameter(0, -9600, 9600, [(20, 1200.0)]), ControlledParameter.Constant(3), Rate);
        _lofi = new LofiEffect(ControlledParameter.Constant(60), ControlledParameter.Constant(30), Rate);
        _reverb = new ReverbEffect(ControlledParameter.Constant(100), ControlledParameter.Constant(0), ControlledParameter.Constant(100), ControlledParameter.Constant(80),
            ControlledParameter.Constant(30), ControlledParameter.Constant(70), ControlledParameter.Constant(0.02), Rate, Frames);

        var data = new float[88_200];
        for (int i = 0; i < data.Length; i++)
            data[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 220 * i / 44_100.0));
        var sample = Sample.FromInterleaved("tone", 44_100, 1, data);
        var region = new Region { Sample = sample, PitchKeyCenter = 57, LoopMode = LoopMode.LoopContinuous, LoopStart = 22_050, LoopEnd = data.Length - 1 };
        _dry = Build(new Instrument("dry", [region]));
        var effects = new InstrumentEffects(
        [
            new EffectDefinition(EffectBus.Main, "eq", "bench", new EqSettings(FilterType.Peaking, ControlledParameter.Constant(1000), ControlledParameter.Constant(1), ControlledParameter.Constant(3))),
            new EffectDefinition(EffectBus.Fx1, "fverb", "bench", new ReverbSettings(ControlledParameter.Constant(100), ControlledParameter.Constant(0),
                ControlledParameter.Constant(100), ControlledParameter.Constant(80), ControlledParameter.Constant(30), ControlledParameter.Constant(70), ControlledParameter.Constant(0.02))),
        ], 100, [30, 0, 0, 0], [0, 0, 0, 0]);
        _racked = Build(new Instrument("racked", [region with { Effect1Percent = 50 }]) { Effects = effects });
    }

    [Benchmark]
    public void Eq128() => _eq.Process(_left, _right, _controllers);

    [Benchmark]
    public void Filter4Pole128() => _filter.Process(_left, _right, _controllers);

    [Benchmark]
    public void Lofi128() => _lofi.Process(_left, _right, _controllers);

    [Benchmark]
    public void Reverb128() => _reverb.Process(_left, _right, _controllers);

    [Benchmark(Baseline = true)]
    public void Engine64VoicesNoRack() => _dry.Process(_output, Frames);

    [Benchmark]
    public void Engine64VoicesThroughRack() => _racked.Process(_output, Frames);

    private static Sampler Build(Instrument instrument)
    {
        var sampler = new Sampler(new SamplerConfig { MaxPolyphony = 64, MaxBlockFrames = Frames, SampleRate = Rate });
        sampler.SetInstrument(0, instrument);
        for (int v = 0; v < 64; v++)
            sampler.NoteOn(v % 16, 36 + (v * 7 % 61), 100);
        var buffer = new float[Frames * 2];
        for (int b = 0; b < 100; b++)
            sampler.Process(buffer, Frames);
        return sampler;
    }
}

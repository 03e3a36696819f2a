using BenchmarkDotNet.Attributes;
using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Bench;

/// <summary>
/// The whole engine: one 128-frame block at 48 kHz with N sustained looped voices at different pitches.
/// Mean / (128 × N) is the cost per voice-sample (the <c>midi-sampler bench</c> command reports the same
/// figure with the fixed per-block cost removed).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly float[] _buffer = new float[256];
    private Sampler? _sampler;

    [Params(64, 256, 1024)]
    public int Voices { get; set; }

    [Params(false, true)]
    public bool Stereo { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sampler = new Sampler(new SamplerConfig { MaxPolyphony = Voices, MaxBlockFrames = 128 });
        int channels = Stereo ? 2 : 1;
        var tone = new float[88_200 * channels];
        for (int i = 0; i < tone.Length; i++)
            tone[i] = MathF.Sin(i * 0.031f) * 0.3f;
        var sample = Sample.FromInterleaved("tone", 44_100, channels, tone);
        _sampler.SetInstrument(0, new Instrument("bench", [new Region
        {
            Sample = sample, PitchKeyCenter = 57, LoopMode = LoopMode.LoopContinuous, LoopStart = 22_050, LoopEnd = 88_199,
        }]));
        for (int v = 0; v < Voices; v++)
            _sampler.NoteOn(v % 16, v / 16 < 61 ? 36 + (v / 16 * 7 % 61) : v / 16 * 7 % 128, 100);
        for (int b = 0; b < 100; b++)
            _sampler.Process(_buffer, 128);
    }

    [GlobalCleanup]
    public void Cleanup() => _sampler?.Dispose();

    [Benchmark]
    public void ProcessBlock() => _sampler!.Process(_buffer, 128);
}

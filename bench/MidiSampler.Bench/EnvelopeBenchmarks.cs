using BenchmarkDotNet.Attributes;
using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Bench;

/// <summary>Filling 128 frames of an envelope in its geometric (decay) and linear (attack) stages.</summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private readonly float[] _buffer = new float[128];
    private EnvelopeParameters _decay;
    private EnvelopeParameters _attack;

    [GlobalSetup]
    public void Setup()
    {
        _decay = new EnvelopeParameters(0, 0, 0, 10, 0.2, 1, 48_000);
        _attack = new EnvelopeParameters(0, 10, 0, 0, 1, 1, 48_000);
    }

    [Benchmark]
    public float Decay()
    {
        var state = default(EnvelopeState);
        state.Start(_decay);
        state.Fill(_buffer, 128);
        return state.Level;
    }

    [Benchmark]
    public float Attack()
    {
        var state = default(EnvelopeState);
        state.Start(_attack);
        state.Fill(_buffer, 128);
        return state.Level;
    }
}

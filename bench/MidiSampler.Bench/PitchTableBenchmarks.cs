using BenchmarkDotNet.Attributes;
using MidiSampler.Dsp;

namespace MidiSampler.Bench;

/// <summary>Cents to ratio by table against Math.Pow (what a note-on or a bend costs).</summary>
public class PitchTableBenchmarks
{
    private double _cents = 123.456;

    [Benchmark(Baseline = true)]
    public double MathPow() => Math.Pow(2, (_cents += 0.001) / 1200);

    [Benchmark]
    public double Table() => PitchTable.Ratio(_cents += 0.001);
}

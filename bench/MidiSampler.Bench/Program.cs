using BenchmarkDotNet.Running;

namespace MidiSampler.Bench;

/// <summary>BenchmarkDotNet entry point: <c>dotnet run -c Release --project bench/MidiSampler.Bench -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

using BenchmarkDotNet.Running;

namespace MidiSampler.Bench;

/// <summary>
/// BenchmarkDotNet entry point: <c>dotnet run -c Release --project bench/MidiSampler.Bench -- --filter '*'</c>; the
/// streaming figures (not a BenchmarkDotNet run): <c>... -- streaming [DIRECTORY]</c> (see docs/streaming.md).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "streaming")
        {
            StreamingBench.Run(args.Length > 1 ? args[1] : null);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

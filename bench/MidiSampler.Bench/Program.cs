using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace MidiSampler.Bench;

/// <summary>
/// BenchmarkDotNet entry point: <c>dotnet run -c Release --project bench/MidiSampler.Bench -- --filter '*'</c>; the
/// streaming figures (not a BenchmarkDotNet run): <c>... -- streaming [DIRECTORY]</c> (see docs/streaming.md).
/// <c>-- buses SECONDS</c> prints the cost of the bus modes (<see cref="OutputBusBench"/>).
/// <c>-- gm-dense OUT.mid</c> writes the dense General MIDI file of docs/soundfont.md (<see cref="GmDenseGenerator"/>).
/// <c>-- --loop plain|plain16|filtered|modulated|ccrest SECONDS</c> instead renders one of the <see cref="FilterAndModulationBench"/>
/// engines in a plain loop and prints ns per voice-sample: a steady target for <c>perf record</c> (with
/// <c>DOTNET_PerfMapEnabled=1</c>) or <c>valgrind --tool=callgrind</c>.
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

        if (args.Length == 2 && args[0] == "gm-dense")
        {
            File.WriteAllBytes(args[1], GmDenseGenerator.Build());
            return;
        }

        if (args.Length >= 1 && args[0] == "buses")
        {
            OutputBusBench.Run(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3);
            return;
        }

        if (args.Length >= 1 && args[0] == "--loop")
        {
            Loop(args.Length > 1 ? args[1] : "modulated", args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void Loop(string which, double seconds)
    {
        var bench = new FilterAndModulationBench();
        bench.Setup();
        Action block = which switch
        {
            "plain" => bench.Engine64PlainVoices,
            "plain16" => bench.Engine64PlainVoices16,
            "filtered" => bench.Engine64FilteredVoices,
            "ccrest" => bench.Engine64FilteredCcRoutesAtRest,
            _ => bench.Engine64FilteredModulatedVoices,
        };
        for (int i = 0; i < 2000; i++)
            block();
        long blocks = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (int i = 0; i < 100; i++)
                block();
            blocks += 100;
        }

        double ns = watch.Elapsed.TotalNanoseconds / (blocks * 64.0 * 128);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{which}: {ns:F2} ns per voice-sample ({blocks} blocks)"));
    }
}

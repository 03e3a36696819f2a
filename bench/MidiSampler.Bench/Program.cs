using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace MidiSampler.Bench;

/// <summary>
/// BenchmarkDotNet entry point: <c>dotnet run -c Release --project bench/MidiSampler.Bench -- --filter '*'</c>; the
/// streaming figures (not a BenchmarkDotNet run): <c>... -- streaming [DIRECTORY]</c> (see docs/streaming.md).
/// <c>-- buses SECONDS</c> prints the cost of the bus modes (<see cref="OutputBusBench"/>), <c>-- meters SECONDS</c> that of
/// the per-channel level meters (<see cref="ChannelMeterBench"/>).
/// <c>-- load-gc [BANK] [LOADS]</c> prints what loading a bank costs the garbage collector (<see cref="LoadGcBench"/>).
/// <c>-- gm-dense OUT.mid</c> writes the dense General MIDI file of docs/soundfont.md (<see cref="GmDenseGenerator"/>),
/// <c>-- gm-heavy OUT.mid</c> the heavier one (held triads) of the README's speed comparison.
/// <c>-- --loop plain,realistic SECONDS</c> instead renders some of the <see cref="FilterAndModulationBench"/>
/// engines (plain, plain16: its samples stored 16-bit, filtered, modulated, realistic, ccrest) in turns and prints ns per voice-sample and the ratios: a steady target for <c>perf record</c> (with
/// <c>DOTNET_PerfMapEnabled=1</c>) or <c>valgrind --tool=callgrind</c>.
/// </summary>
public static unsafe class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "streaming")
        {
            StreamingBench.Run(args.Length > 1 ? args[1] : null);
            return;
        }

        if (args.Length == 2 && args[0] is "gm-dense" or "gm-heavy")
        {
            File.WriteAllBytes(args[1], GmDenseGenerator.Build(heavy: args[0] == "gm-heavy"));
            return;
        }

        if (args.Length >= 1 && args[0] == "load-gc")
        {
            LoadGcBench.Run(args.Length > 1 ? args[1] : "/usr/share/sounds/sf2/FluidR3_GM.sf2", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8);
            return;
        }

        if (args.Length >= 1 && args[0] == "buses")
        {
            OutputBusBench.Run(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3);
            return;
        }

        if (args.Length >= 1 && args[0] == "meters")
        {
            ChannelMeterBench.Run(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 8);
            return;
        }

        if (args.Length >= 1 && args[0] == "--loop")
        {
            Loop(args.Length > 1 ? args[1] : "modulated", args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>
    /// Renders the named engines (comma-separated) in turns of a quarter second each for <paramref name="seconds"/> in
    /// all, timing each by this thread's CPU time (CLOCK_THREAD_CPUTIME_ID): on a shared machine, time the thread was
    /// not running is not counted, and the turns share whatever load the machine has, so their ratios hold.
    /// </summary>
    private static void Loop(string names, double seconds)
    {
        var bench = new FilterAndModulationBench();
        bench.Setup();
        var which = names.Split(',');
        var blocks = new Action[which.Length];
        for (int w = 0; w < which.Length; w++)
        {
            blocks[w] = which[w] switch
            {
                "plain" => bench.Engine64PlainVoices,
                "plain16" => bench.Engine64PlainVoices16,
                "filtered" => bench.Engine64FilteredVoices,
                "ccrest" => bench.Engine64FilteredCcRoutesAtRest,
                "realistic" => bench.Engine64RealisticVoices,
                "modulated" => bench.Engine64FilteredModulatedVoices,
                _ => throw new ArgumentException($"unknown engine '{which[w]}' (plain, plain16, filtered, modulated, realistic, ccrest)"),
            };
            for (int i = 0; i < 2000; i++)
                blocks[w]();
        }

        var cpu = new double[which.Length];
        var counts = new long[which.Length];
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (int w = 0; w < which.Length; w++)
            {
                double start = ThreadCpuNanoseconds();
                var turn = Stopwatch.StartNew();
                while (turn.Elapsed.TotalSeconds < 0.25 / which.Length)
                {
                    for (int i = 0; i < 20; i++)
                        blocks[w]();
                    counts[w] += 20;
                }

                cpu[w] += ThreadCpuNanoseconds() - start;
            }
        }

        double first = cpu[0] / counts[0];
        for (int w = 0; w < which.Length; w++)
        {
            double ns = cpu[w] / (counts[w] * 64.0 * 128);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{which[w]}: {ns:F2} ns per voice-sample (thread CPU, {counts[w]} blocks), {cpu[w] / counts[w] / first:F2}x {which[0]}"));
        }
    }

    /// <summary>This thread's CPU time (CLOCK_THREAD_CPUTIME_ID), in ns.</summary>
    internal static double ThreadCpuNanoseconds()
    {
        Timespec t;
        _ = ClockGettime(3, &t); // CLOCK_THREAD_CPUTIME_ID
        return (t.Seconds * 1e9) + t.Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGettime(int clock, Timespec* time);

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

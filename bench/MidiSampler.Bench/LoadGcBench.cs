using System.Diagnostics;
using System.Globalization;
using MidiSampler.Engine;
using MidiSampler.Formats;

namespace MidiSampler.Bench;

/// <summary>
/// <c>-- load-gc [BANK] [LOADS]</c>: what loading an instrument costs the garbage collector, the figure behind issue 18's
/// xruns while loading: loads BANK (default FluidR3_GM, all in RAM) LOADS times (default 8) into one sampler, each load
/// compiled and installed as a host does (the previous one retired and freed), and prints per load the managed bytes
/// allocated, the collections by generation and the GC pause time, with the heap after a full collection at the end.
/// </summary>
internal static class LoadGcBench
{
    public static void Run(string bank, int loads)
    {
        using var sampler = new Sampler(new SamplerConfig { SampleRate = 48_000, MaxPolyphony = 256, MaxBlockFrames = 64 });
        var buffer = new float[64 * 2];
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{bank}, {loads} loads (the first one warms up the code and is not counted)"));
        Console.WriteLine("load  allocated MB  gen0  gen1  gen2  pause ms  seconds");
        double allocated = 0, pause = 0;
        int[] collections = new int[3];
        for (int n = 0; n <= loads; n++)
        {
            long bytes = GC.GetTotalAllocatedBytes(precise: true);
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
            var paused = GC.GetTotalPauseDuration();
            var clock = Stopwatch.StartNew();
            var programs = InstrumentLoader.LoadPrograms(bank, 0);
            double loadMb = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1e6;
            sampler.SetInstruments(programs.Programs.Select(p => (p.Bank, p.Program, (Model.Instrument?)p.Instrument)));
            sampler.Process(buffer, 64); // the audio side takes the new table; the old one is retired
            sampler.CollectRetired();
            clock.Stop();
            double mb = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1e6;
            // Exclusive counts: a gen2 collection also counts as gen1 and gen0 in CollectionCount.
            int d2 = GC.CollectionCount(2) - g2, d1 = GC.CollectionCount(1) - g1 - d2, d0 = GC.CollectionCount(0) - g0 - d1 - d2;
            double ms = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds;
            Console.WriteLine(string.Create(c, $"{n,4}  {mb,12:0.0}  {d0,4}  {d1,4}  {d2,4}  {ms,8:0.0}  {clock.Elapsed.TotalSeconds,7:0.00}  (load {loadMb:0.0} MB, compile the rest){(n == 0 ? "  (warm-up)" : "")}"));
            if (n == 0)
                continue;
            allocated += mb;
            pause += ms;
            collections[0] += d0;
            collections[1] += d1;
            collections[2] += d2;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        Console.WriteLine(string.Create(c, $"per load: {allocated / loads:0.0} MB allocated, collections gen0 {collections[0] / (double)loads:0.00}, gen1 {collections[1] / (double)loads:0.00}, gen2 {collections[2] / (double)loads:0.00}, pause {pause / loads:0.0} ms"));
        Console.WriteLine(string.Create(c, $"live managed heap with one bank installed: {GC.GetTotalMemory(forceFullCollection: true) / 1e6:0.0} MB"));
    }
}

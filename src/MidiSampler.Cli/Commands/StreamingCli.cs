using System.CommandLine;
using System.Globalization;
using MidiSampler.Formats;
using MidiSampler.Model;
using MidiSampler.Streaming;
using Spectre.Console;

namespace MidiSampler.Cli.Commands;

/// <summary>The streaming options (<c>--stream</c>, <c>--preload-frames</c>, <c>--memory-budget</c>) and loading through a <see cref="SampleStore"/> with progress.</summary>
internal sealed class StreamingCli
{
    private readonly Option<string> _stream = new("--stream")
    {
        Description = "auto: stream instruments over 64 MB decoded, keep smaller ones in RAM; on: always stream; off: all in RAM",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<int> _preloadFrames = new("--preload-frames")
    {
        Description = "frames of each streamed sample held in RAM (default 0: 200 ms at the sample's rate)",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<int> _memoryBudget = new("--memory-budget")
    {
        Description = "MiB of memory for streamed frames, on top of the heads",
        DefaultValueFactory = _ => 256,
    };

    public StreamingCli() => _stream.AcceptOnlyFromAmong("auto", "on", "off");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_stream);
        command.Options.Add(_preloadFrames);
        command.Options.Add(_memoryBudget);
    }

    /// <summary>The store options chosen on the command line. Throws <see cref="ArgumentException"/> for values out of range.</summary>
    public StreamingOptions Options(ParseResult parse, bool offline)
    {
        int preload = parse.GetValue(_preloadFrames), budget = parse.GetValue(_memoryBudget);
        if (preload is < 0 or > (1 << 24))
            throw new ArgumentException($"--preload-frames {preload} is outside 0..16777216");
        if (budget is < 1 or > (1 << 22))
            throw new ArgumentException($"--memory-budget {budget} MiB is outside 1..4194304");
        return new StreamingOptions
        {
            Mode = parse.GetValue(_stream) switch { "on" => StreamMode.Stream, "off" => StreamMode.Ram, _ => StreamMode.Auto },
            PreloadFrames = preload,
            MemoryBudgetBytes = (long)budget << 20,
            Offline = offline,
        };
    }

    /// <summary>Loads <paramref name="path"/> through <paramref name="store"/>, with a progress bar on a terminal. Control thread.</summary>
    public static Instrument Load(SampleStore store, string path, InstrumentLoadOptions? options)
    {
        options = (options ?? new InstrumentLoadOptions()) with { Samples = store };
        if (Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return InstrumentLoader.Load(path, options);
        Instrument? result = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape("loading " + Path.GetFileName(path)), maxValue: 1);
                result = InstrumentLoader.Load(path, options with
                {
                    Progress = new Progress<LoadProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.SamplesTotal);
                        task.Value = p.SamplesDone;
                    }),
                });
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>One line: how the instrument is held and what that costs.</summary>
    public static string Describe(Instrument instrument, StreamingStats stats, double loadSeconds)
    {
        var seen = new HashSet<Sample>(ReferenceEqualityComparer.Instance);
        long decoded = 0, resident = 0;
        int streamed = 0;
        foreach (var r in instrument.Regions)
        {
            if (!seen.Add(r.Sample))
                continue;
            decoded += r.Sample.DecodedBytes;
            resident += r.Sample.ResidentBytes;
            streamed += r.Sample.IsStreamed ? 1 : 0;
        }

        var c = CultureInfo.InvariantCulture;
        string how = streamed > 0
            ? string.Create(c, $" ({streamed} streamed from disk, heads {(stats.HeadsLocked ? "locked" : "not locked")}, cache budget {stats.MemoryBudgetBytes / 1048576.0:0} MiB)")
            : " (all in RAM)";
        return string.Create(c, $"loaded in {loadSeconds:0.00} s: {seen.Count} samples, {decoded / 1048576.0:0.0} MiB decoded, {resident / 1048576.0:0.0} MiB held in RAM{how}");
    }

    /// <summary>The streaming figures after a run.</summary>
    public static string Figures(StreamingStats s) => string.Create(CultureInfo.InvariantCulture,
        $"streaming: {s.Underruns} underruns, {s.BytesRead / 1048576.0:0.0} MiB read, cache hits {s.CacheHits}, misses {s.CacheMisses}, cached {s.CachedBytes / 1048576.0:0.0} MiB, budget stalls {s.BudgetStalls}, read errors {s.ReadErrors}");
}

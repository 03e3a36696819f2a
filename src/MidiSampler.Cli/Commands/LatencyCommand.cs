using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MidiSampler.Cli.Svg;
using MidiSampler.Diagnostics;
using MidiSampler.Realtime;

namespace MidiSampler.Cli.Commands;

/// <summary><c>midi-sampler latency</c>: wake-up and render latency of a SCHED_FIFO .NET thread, cyclictest-style.</summary>
internal static class LatencyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var duration = new Option<double>("--duration") { Description = "Seconds to measure", DefaultValueFactory = _ => 10 };
        var period = new Option<int>("--period") { Description = "Frames per period (JACK's -p)", DefaultValueFactory = _ => 64 };
        var rate = new Option<int>("--sample-rate", "-r") { Description = "Sample rate in Hz (JACK's -r)", DefaultValueFactory = _ => 48_000 };
        var oldRate = new Option<int?>("--rate") { Hidden = true }; // the first name of --sample-rate, kept for scripts
        var voices = new Option<int>("--voices") { Description = "Held notes rendered by the engine each period (0: wake-ups only)", DefaultValueFactory = _ => 0 };
        var gc = new Option<bool>("--gc-pressure") { Description = "Run a thread that allocates hard, to show what garbage collections do" };
        var plot = new Option<FileInfo?>("--plot") { Description = "Write a histogram as SVG" };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON" };
        var command = new Command("latency", "Measure how late a real-time thread wakes each period, and how long the engine takes to render it")
        {
            duration, period, rate, oldRate, voices, gc, plot, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            double seconds = parse.GetValue(duration);
            int frames = parse.GetValue(period), hz = parse.GetValue(oldRate) ?? parse.GetValue(rate), n = parse.GetValue(voices);
            if (seconds is < 0.1 or > 3600 || frames is < 16 or > 16_384 || hz is < 8_000 or > 384_000 || n is < 0 or > 8_192)
            {
                error.WriteLine("midi-sampler: --duration 0.1..3600, --period 16..16384, --sample-rate 8000..384000, --voices 0..8192");
                return ExitCodes.BadInput;
            }

            var report = LatencyMeter.Run(seconds, frames, hz, n, parse.GetValue(gc));
            foreach (string w in report.Warnings)
                error.WriteLine($"midi-sampler: warning: measuring at normal priority: {w}");
            var wake = LatencySummary.FromNanoseconds(report.WakeNanoseconds);
            var render = n > 0 ? LatencySummary.FromNanoseconds(report.ProcessNanoseconds) : null;
            string verdict = Verdict(report, wake, render);
            if (parse.GetValue(json))
                WriteJson(output, report, wake, render, verdict);
            else
                WriteText(output, report, wake, render, verdict);

            if (parse.GetValue(plot) is { } file)
            {
                var series = new List<(string, long[])> { ("wake-up", report.WakeNanoseconds) };
                if (n > 0)
                    series.Add(($"render ({n} voices)", report.ProcessNanoseconds));
                using var writer = new StreamWriter(file.FullName);
                LatencyHistogramSvg.Write(writer, $"midi-sampler latency: {frames} frames at {hz} Hz, {report.Scheduling}", series, report.PeriodMicroseconds);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Verdict(LatencyReport report, LatencySummary wake, LatencySummary? render)
    {
        double worst = wake.MaxMicroseconds + (render?.MaxMicroseconds ?? 0);
        double budget = report.PeriodMicroseconds;
        return report.MissedDeadlines > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{report.MissedDeadlines} of {report.WakeNanoseconds.Length} periods missed the {budget:0} µs deadline: use a larger period, or fix what 'midi-sampler check' reports")
            : worst > budget / 2
                ? string.Create(CultureInfo.InvariantCulture, $"no deadline missed, but the worst case used {worst / budget:P0} of the period: little headroom")
                : string.Create(CultureInfo.InvariantCulture, $"no deadline missed; the worst case used {worst / budget:P0} of the {budget:0} µs period");
    }

    private static void WriteText(TextWriter o, LatencyReport r, LatencySummary wake, LatencySummary? render, string verdict)
    {
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.WakeNanoseconds.Length} periods of {r.PeriodMicroseconds:0.0} µs, {r.Scheduling}, {r.Gen0Collections} gen-0 collections"));
        o.WriteLine("                 min       mean        p99      p99.9        max   (µs)");
        Row(o, "wake-up", wake);
        if (render is not null)
            Row(o, $"render {r.Voices,4}v", render);
        o.WriteLine(verdict);

        static void Row(TextWriter o, string name, LatencySummary s) =>
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-12}{s.MinMicroseconds,9:0.0}  {s.MeanMicroseconds,9:0.0}  {s.P99Microseconds,9:0.0}  {s.P999Microseconds,9:0.0}  {s.MaxMicroseconds,9:0.0}"));
    }

    private static void WriteJson(TextWriter o, LatencyReport r, LatencySummary wake, LatencySummary? render, string verdict)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("periodMicroseconds", r.PeriodMicroseconds);
            w.WriteNumber("periods", r.WakeNanoseconds.Length);
            w.WriteString("scheduling", r.Scheduling.ToString());
            w.WriteNumber("gen0Collections", r.Gen0Collections);
            w.WriteNumber("missedDeadlines", r.MissedDeadlines);
            Summary(w, "wakeMicroseconds", wake);
            if (render is not null)
                Summary(w, "renderMicroseconds", render);
            w.WriteString("verdict", verdict);
            w.WriteEndObject();
        }

        o.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));

        static void Summary(Utf8JsonWriter w, string name, LatencySummary s)
        {
            w.WriteStartObject(name);
            w.WriteNumber("min", s.MinMicroseconds);
            w.WriteNumber("mean", s.MeanMicroseconds);
            w.WriteNumber("p99", s.P99Microseconds);
            w.WriteNumber("p99_9", s.P999Microseconds);
            w.WriteNumber("max", s.MaxMicroseconds);
            w.WriteEndObject();
        }
    }
}

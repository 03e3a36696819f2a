using System.CommandLine;
using System.Text.Json;
using MidiSampler.Cli.Commands.Check;

namespace MidiSampler.Cli.Commands;

/// <summary><c>midi-sampler check [PATH] [--json] [--priority N]</c>: is this machine ready to play in real time.</summary>
internal static class CheckCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => Create(() => new LocalSystemView());

    /// <summary>Builds the command over a given system view (tests).</summary>
    internal static Command Create(Func<ISystemView> viewFactory)
    {
        var path = new Argument<string?>("INSTRUMENT")
        {
            Description = "An instrument file or folder: checks the file system it lives on",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var priority = new Option<int>("--priority")
        {
            Description = "SCHED_FIFO priority to try (1..99)",
            DefaultValueFactory = _ => 80,
        };
        priority.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 99)
                r.AddError("--priority must be between 1 and 99");
        });

        var alsaDevice = new Option<string?>("--device") { Description = "an ALSA playback device to open and report what it grants (hw:1,0, plughw:...)" };
        var alsaPeriod = new Option<int>("--period") { Description = "with --device: the period in frames to ask for", DefaultValueFactory = _ => 256 };
        var command = new Command("check", "Check that this machine is set up for real-time audio; exit code 1 when a check fails")
        {
            path, json, priority, alsaDevice, alsaPeriod,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var alsa = parse.GetValue(alsaDevice) is { } device ? new AlsaDeviceRequest(device, 48_000, parse.GetValue(alsaPeriod), 3) : null;
            var results = SystemReport.Run(viewFactory(), parse.GetValue(path), parse.GetValue(priority), alsa);
            if (parse.GetValue(json))
                WriteJson(output, results);
            else
                WriteText(output, results);
            return results.Any(r => r.Status == CheckStatus.Failure) ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The JSON name of a status.</summary>
    /// <summary>The report <c>check --json INSTRUMENT</c> prints, for the web panel. Control thread; runs tools (slow).</summary>
    internal static string ReportJson(string? instrumentPath)
    {
        var results = SystemReport.Run(new LocalSystemView(), instrumentPath, 80, null);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteJson(text, results);
        return text.ToString();
    }

    internal static string StatusName(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warning",
        CheckStatus.Failure => "failure",
        _ => "not-applicable",
    };

    private static void WriteText(TextWriter output, IReadOnlyList<CheckResult> results)
    {
        int width = results.Max(r => r.Id.Length);
        foreach (var r in results)
        {
            string tag = r.Status switch
            {
                CheckStatus.Ok => " ok ",
                CheckStatus.Warning => "warn",
                CheckStatus.Failure => "FAIL",
                _ => " -- ",
            };
            output.WriteLine($"[{tag}] {r.Id.PadRight(width)}  {r.Found}");
            if (r.Fix.Length > 0)
                output.WriteLine($"       {new string(' ', width)}  fix: {r.Fix}");
        }

        output.WriteLine();
        output.WriteLine($"{results.Count(r => r.Status == CheckStatus.Ok)} ok, {results.Count(r => r.Status == CheckStatus.Warning)} warnings, " +
            $"{results.Count(r => r.Status == CheckStatus.Failure)} failures, {results.Count(r => r.Status == CheckStatus.NotApplicable)} not applicable");
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<CheckResult> results)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteBoolean("ready", results.All(r => r.Status != CheckStatus.Failure));
            w.WriteStartArray("checks");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("status", StatusName(r.Status));
                w.WriteString("found", r.Found);
                w.WriteString("fix", r.Fix);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}

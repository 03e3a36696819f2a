using System.Globalization;

namespace MidiSampler.Cli.Commands.Check;

/// <summary>Is a JACK server reachable, and with which settings. Optional: never a failure (the sampler can also render offline or use ALSA).</summary>
internal static class JackCheck
{
    public static CheckResult Server(ISystemView view)
    {
        const string id = "jack.server";
        var lsp = view.RunTool("jack_lsp");
        if (lsp is null)
            return CheckResult.NotApplicable(id, "JACK tools are not installed (jack_lsp); install jackd2 or pipewire-jack to play live");
        if (lsp.ExitCode != 0)
        {
            return CheckResult.Warn(id, lsp.ExitCode == -1 ? "jack_lsp did not answer within 3 s" : "no JACK server running",
                "start one, e.g. 'jackd -R -P 80 -d alsa -d hw:0 -r 48000 -p 128 -n 2' (see docs/realtime-linux.md for -p and -n)");
        }

        int? rate = Number(view.RunTool("jack_samplerate"));
        int? period = Number(view.RunTool("jack_bufsize"));
        if (rate is null or <= 0 || period is null or <= 0)
            return CheckResult.Ok(id, "a JACK server is running");
        double periodMs = period.Value * 1000.0 / rate.Value;
        string found = string.Create(CultureInfo.InvariantCulture, $"a JACK server is running: {rate} Hz, {period} frames per period ({periodMs:0.00} ms per period)");
        return periodMs > 10
            ? CheckResult.Warn(id, found + ": more than 10 ms per period is felt when playing", "use a smaller period: 'jack_bufsize 128' (or -p 128 when starting jackd)")
            : CheckResult.Ok(id, found);
    }

    private static int? Number(ToolResult? r) =>
        r is { ExitCode: 0 } && int.TryParse(r.Output.Trim().Split('\n')[0].Trim(), CultureInfo.InvariantCulture, out int v) ? v : null;
}

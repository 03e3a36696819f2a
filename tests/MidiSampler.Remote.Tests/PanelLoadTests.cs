using System.Net.WebSockets;
using System.Text.Json;
using MidiSampler.Remote.Tests.TestSupport;

namespace MidiSampler.Remote.Tests;

/// <summary>
/// The panel open and polling must not disturb the audio: callback times and xruns with four live clients and a
/// client polling the status ten times a second, against the same program left alone, in the same run.
/// </summary>
/// <remarks>A soak (MIDISAMPLER_SOAK=1 runs it): it needs a machine whose JACK server keeps time; docs/remote.md has figures.</remarks>
[Collection(RemoteCollection.Name)]
[Trait("Category", "Soak")]
public sealed class PanelLoadTests(RemoteRig rig)
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Callback_times_and_xruns_with_the_panel_polling_match_the_panel_closed()
    {
        var closed = await Measure(polling: false);
        var open = await Measure(polling: true);
        string figures = $"closed: {closed}\nopen:   {open}";
        Console.WriteLine(figures);
        File.WriteAllText(Path.Join(AppContext.BaseDirectory, "panel-load.txt"), figures + "\n");
        Assert.True(open.OverPeriod <= closed.OverPeriod, figures);

        // No new xruns: either no more than with the panel closed, or none of this program's own callbacks finished late
        // (counted from the period's start, so a late wake-up or a stall counts): the server's xrun count also counts the
        // other clients and the server itself, which on a shared machine run late on their own.
        Assert.True(open.Xruns <= closed.Xruns || open.LateCallbacks == 0, figures);
        Assert.True(open.LateCallbacks <= closed.LateCallbacks || open.LateCallbacks == 0, figures);
    }

    private async Task<Figures> Measure(bool polling)
    {
        rig.Post("api/stats/reset", new { });
        var before = rig.Get("api/status");
        using var stop = new CancellationTokenSource(Phase);
        var clients = new List<Task>();
        if (polling)
        {
            for (int i = 0; i < 4; i++)
                clients.Add(Listen(stop.Token));
            clients.Add(Poll(stop.Token));
        }

        try
        {
            await Task.Delay(Phase, CancellationToken.None);
            await Task.WhenAll(clients);
        }
        catch (OperationCanceledException)
        {
            // the phase ended
        }

        var after = rig.Get("api/status");
        long[] a = Counts(after), b = Counts(before);
        long[] bins = a.Zip(b, (x, y) => x - y).ToArray();
        return new Figures(
            after.GetProperty("xruns").GetInt64() - before.GetProperty("xruns").GetInt64(),
            after.GetProperty("max_period_us").GetDouble(),
            bins[^1],
            bins.Sum(),
            after.GetProperty("late_callbacks").GetInt64() - before.GetProperty("late_callbacks").GetInt64(),
            after.GetProperty("memory").GetProperty("gc_gen0").GetInt64() - before.GetProperty("memory").GetProperty("gc_gen0").GetInt64(),
            string.Join(' ', bins));
    }

    private static long[] Counts(JsonElement status) =>
        status.GetProperty("callback_histogram").GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray();

    private async Task Listen(CancellationToken stop)
    {
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{rig.WebPort}/api/live"), CancellationToken.None);
        var buffer = new byte[64 * 1024];
        try
        {
            while (!stop.IsCancellationRequested)
                await ws.ReceiveAsync(buffer, stop);
        }
        catch (OperationCanceledException)
        {
            // the phase ended
        }
    }

    private async Task Poll(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var r = await rig.Http.GetAsync("api/status", stop);
                await Task.Delay(100, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // the phase ended
        }
    }

    private sealed record Figures(long Xruns, double MaxCallbackMicroseconds, long OverPeriod, long Callbacks, long LateCallbacks, long Gen0Collections, string TenthsOfPeriod)
    {
        public override string ToString() =>
            $"{Callbacks} callbacks, xruns {Xruns}, late callbacks {LateCallbacks}, longest {MaxCallbackMicroseconds:0} us, over the period {OverPeriod}, gen0 GCs {Gen0Collections}, histogram (tenths of the period) {TenthsOfPeriod}";
    }
}

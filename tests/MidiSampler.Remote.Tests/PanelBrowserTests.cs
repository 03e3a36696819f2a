using System.Diagnostics;
using MidiSampler.Remote.Tests.TestSupport;
using Microsoft.Playwright;

namespace MidiSampler.Remote.Tests;

/// <summary>
/// The panel in a real browser: Debian's chromium, headless, driven by Playwright for .NET (its driver runs offline;
/// no browser is downloaded), on a phone-sized screen. It loads an instrument from the library, switches channel 1 to
/// it, sees the held note's voice and channel 1's level meter rise, presses PANIC and sees the voices fall to 0 and the
/// meter fall back in the live status.
/// </summary>
[Collection(RemoteCollection.Name)]
public sealed class PanelBrowserTests(RemoteRig rig)
{
    [Fact]
    public async Task The_panel_loads_a_program_switches_a_channel_and_panic_silences_the_voices()
    {
        await using var launched = await PanelBrowser.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 412, Height = 915 }, IsMobile = true, HasTouch = true });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"http://127.0.0.1:{rig.WebPort}/");
        var options = new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 };
        await Assertions.Expect(page.Locator("#conn")).ToHaveTextAsync("live", options);

        // Load high.sfz from the library into program 1.
        await page.Locator("#libFile").SelectOptionAsync(new SelectOptionValue { Label = "high.sfz" });
        await page.Locator("#libProgram").FillAsync("1");
        await page.Locator("#load").ClickAsync();
        await Assertions.Expect(page.Locator("#slots")).ToContainTextAsync("1 · high", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });

        // Channel 1 to program 1: the engine applies it (the API's status says so, not only the page).
        await page.Locator("#ch0").SelectOptionAsync("1");
        rig.WaitForStatus(s => s.GetProperty("channels")[0].GetInt32() == 1, "channel 1 on program 1 after the panel's change");

        // The held note sounds on it, and channel 1's meter shows it (jack_midiseq's soft note, about −28 dBFS; the bar's
        // height is the page's own drawing).
        await Assertions.Expect(page.Locator("#voices")).Not.ToHaveTextAsync("0/256", new LocatorAssertionsToHaveTextOptions { Timeout = 8_000 });
        await page.WaitForFunctionAsync("() => Number(document.getElementById('meter0')?.dataset.peakDb) > -30", null, new PageWaitForFunctionOptions { Timeout = 5_000 });
        string peakHeight = await page.EvaluateAsync<string>("() => document.querySelector('#meter0 .pk').style.height");
        Assert.InRange(double.Parse(peakHeight.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture), 50, 100); // −30..0 dB of the −60..0 scale
        Assert.Equal("-120", await page.EvaluateAsync<string>("() => document.getElementById('meter8').dataset.peakDb")); // nothing on channel 9
        Assert.True(await page.Locator("#meters").IsVisibleAsync());

        // Kept for the docs (docs/remote-panel.png is a copy of a run's): the top of the page, as a phone shows it, with the
        // note sounding.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(AppContext.BaseDirectory, "remote-panel.png") });

        // PANIC: the live status shows no voice, and the meter falls back (20 dB a second; the sequencer's loop plays the
        // note again within a second or so, so only its fall is awaited).
        double peakBefore = double.Parse(await page.EvaluateAsync<string>("() => document.getElementById('meter0').dataset.peakDb"), System.Globalization.CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        await page.Locator("#panic").ClickAsync();
        await Assertions.Expect(page.Locator("#voices")).ToHaveTextAsync("0/256", new LocatorAssertionsToHaveTextOptions { Timeout = 3_000 });
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("all notes off");
        await Assertions.Expect(page.Locator("#midi")).ToContainTextAsync("panic"); // the MIDI monitor saw it too
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the panel took {clock.Elapsed.TotalSeconds:0.0} s to show the panic");
        string voices = await page.Locator("#voices").InnerTextAsync();
        await Assertions.Expect(page.Locator("#xruns")).Not.ToHaveTextAsync("–");
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('meter0').dataset.peakDb) < {peakBefore - 10}", null, new PageWaitForFunctionOptions { Timeout = 3_000 });
        Assert.Empty(errors);
        Assert.Equal("0/256", voices);

        Assert.Equal(System.Net.HttpStatusCode.OK, rig.Post("api/channel", new { channel = 1, program = 0 }).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, rig.Post("api/unload", new { program = 1 }).Status);
    }
}

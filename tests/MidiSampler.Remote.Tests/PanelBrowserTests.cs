using System.Diagnostics;
using MidiSampler.Remote.Tests.TestSupport;
using Microsoft.Playwright;

namespace MidiSampler.Remote.Tests;

/// <summary>
/// The panel in a real browser: Debian's chromium, headless, driven by Playwright for .NET (its driver runs offline;
/// no browser is downloaded), on a phone-sized screen. It loads an instrument from the library, switches channel 1 to
/// it, sees the held note's voice, presses PANIC and sees the voices fall to 0 in the live status.
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

        // The held note sounds on it; PANIC; the live status shows no voice.
        await Assertions.Expect(page.Locator("#voices")).Not.ToHaveTextAsync("0/256", new LocatorAssertionsToHaveTextOptions { Timeout = 8_000 });
        var clock = Stopwatch.StartNew();
        await page.Locator("#panic").ClickAsync();
        await Assertions.Expect(page.Locator("#voices")).ToHaveTextAsync("0/256", new LocatorAssertionsToHaveTextOptions { Timeout = 3_000 });
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("all notes off");
        await Assertions.Expect(page.Locator("#midi")).ToContainTextAsync("panic"); // the MIDI monitor saw it too
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the panel took {clock.Elapsed.TotalSeconds:0.0} s to show the panic");
        string voices = await page.Locator("#voices").InnerTextAsync();
        await Assertions.Expect(page.Locator("#xruns")).Not.ToHaveTextAsync("–");

        // Kept for the docs (docs/remote-panel.png is a copy of a run's): the top of the page, as a phone shows it.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(AppContext.BaseDirectory, "remote-panel.png") });
        Assert.Empty(errors);
        Assert.Equal("0/256", voices);

        Assert.Equal(System.Net.HttpStatusCode.OK, rig.Post("api/channel", new { channel = 1, program = 0 }).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, rig.Post("api/unload", new { program = 1 }).Status);
    }
}

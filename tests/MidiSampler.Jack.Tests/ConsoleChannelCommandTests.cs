using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Jack.Tests;

/// <summary>The console's <c>program</c> and <c>reload</c> commands (the shared command layer the web panel and OSC use too).</summary>
public sealed class ConsoleChannelCommandTests
{
    [Fact]
    public void Program_switches_a_channel_through_the_engine_and_refuses_an_empty_slot_and_reload_needs_a_file()
    {
        using var server = JackServer.Start(256);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 8 });
        host.SetInstrument(0, TestInstruments.Click(server.SampleRate, name: "zero"));
        host.SetInstrument(1, TestInstruments.Click(server.SampleRate, name: "one"));
        var output = new StringWriter();
        var console = new JackHostConsole(host, output);

        Assert.False(console.Run(new StringReader("program 2 1\nprogram 2 9\nprogram 17 1\nprogram x\nreload 1\nreload 5\n")));
        long target = host.ProcessCycles + 3;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (host.ProcessCycles < target && clock.Elapsed < TimeSpan.FromSeconds(5))
            Thread.Sleep(5);

        string text = output.ToString();
        Assert.Equal(1, host.Sampler.GetChannelProgram(1)); // channel 2, applied by the audio thread
        Assert.Equal(0, host.Sampler.GetChannelProgram(0));
        Assert.Contains("channel 2: program 1", text, StringComparison.Ordinal);
        Assert.Contains("program 9 is empty (the channel keeps its instrument)", text, StringComparison.Ordinal);
        Assert.Contains("channel 17 is outside 1..16", text, StringComparison.Ordinal);
        Assert.Contains("usage: program CHANNEL(1..16) PROGRAM(0..127)", text, StringComparison.Ordinal);
        Assert.Contains("program 1 (one) was not loaded from a file", text, StringComparison.Ordinal);
        Assert.Contains("program 5 is empty", text, StringComparison.Ordinal);
    }
}

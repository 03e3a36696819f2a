using System.Diagnostics;
using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// The host driven by JACK's own sequencer, <c>jack_midiseq</c> (jack-example-tools): it loops a note
/// sequence, writing each note-on at an exact sample index of a loop of a given length, whatever the period.
/// The sampler's output, captured by another client, must put every onset at that index modulo the loop.
/// </summary>
public sealed class JackToolsTests
{
    // A loop of 4801 frames (not a multiple of any period, so the notes wander over every frame of the
    // period) with notes at these indices; each click is 32 frames, so onsets never overlap.
    private const int LoopFrames = 4801;
    private static readonly int[] NoteStarts = [0, 63, 1000, 2047, 2222, 3999, 4700];

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(1024)]
    public void Every_onset_from_jack_midiseq_lands_at_its_sample_index_modulo_the_loop(int periodFrames) =>
        XrunRetry.Run(watch => Every_onset_from_jack_midiseq_lands_at_its_sample_index_modulo_the_loopAttempt(periodFrames, watch));

    private static void Every_onset_from_jack_midiseq_lands_at_its_sample_index_modulo_the_loopAttempt(int periodFrames, XrunWatch watch)
    {
        using var server = JackServer.Start(periodFrames);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 32 });
        watch.Watch(host);
        host.SetInstrument(0, TestInstruments.Click(server.SampleRate));
        using var capture = new CaptureClient("capture");
        capture.Client.Connect(host.OutputPorts[0], capture.InputPort);

        // jack_midiseq NAME LOOP [START NOTE LENGTH]...: every note is key 60, 100 frames long.
        var args = new List<string> { "seq", LoopFrames.ToString() };
        foreach (int start in NoteStarts)
            args.AddRange([start.ToString(), "60", "100"]);
        using var seq = ChildProcess.Start("jack_midiseq", [.. args]);
        WaitFor(() => JackServer.RunTool("jack_lsp", TimeSpan.FromSeconds(5)).Output.Contains("seq:out", StringComparison.Ordinal), "jack_midiseq did not register seq:out: " + seq.Output);

        capture.StartRecording();
        host.Sampler.ResetPeaks();
        var (rc, text) = JackServer.RunTool("jack_connect", TimeSpan.FromSeconds(5), "seq:out", host.MidiInputPort);
        Assert.True(rc == 0, text);
        Thread.Sleep(TimeSpan.FromSeconds(periodFrames >= 1024 ? 1.5 : 1.0));
        capture.StopRecording();

        long[] onsets = capture.Onsets();
        Assert.True(onsets.Length >= 2 * NoteStarts.Length, $"only {onsets.Length} onsets in {capture.RecordedCycles} periods");

        // The loop's phase is jack_midiseq's own (it counts from its first period): fix it with the first
        // onset, whichever note that was, then every onset must fall on one of the note indices, in order.
        long first = onsets[0];
        int firstIndex = Array.FindIndex(NoteStarts, s => Fits(onsets, first - s));
        Assert.True(firstIndex >= 0, $"no loop phase explains the onsets {string.Join(", ", onsets.Take(10))}");
        long loopStart = first - NoteStarts[firstIndex];
        for (int i = 0; i < onsets.Length; i++)
        {
            int expectedNote = (firstIndex + i) % NoteStarts.Length;
            long expectedLoop = (firstIndex + i) / NoteStarts.Length;
            long expected = loopStart + (expectedLoop * LoopFrames) + NoteStarts[expectedNote];
            Assert.True(expected == onsets[i], $"onset {i} at frame {onsets[i]} (loop position {(onsets[i] - loopStart) % LoopFrames}), expected {expected} (index {NoteStarts[expectedNote]})");
        }

        Assert.True(onsets.Select(o => o % periodFrames).Distinct().Count() >= 5, "the onsets should fall at many different frames within the period");
        Assert.Equal(0, host.GetStats().DroppedEvents);
    }

    private static bool Fits(long[] onsets, long loopStart) =>
        onsets.All(o => NoteStarts.Contains((int)(((o - loopStart) % LoopFrames + LoopFrames) % LoopFrames)));

    private static void WaitFor(Func<bool> condition, string message)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), message);
            Thread.Sleep(20);
        }
    }
}

using System.Diagnostics;

namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// The common part of the tests that play a MIDI script into a host and record its output: record, play the script,
/// and cut the capture at the frame the script started, so that it lines up with an offline render of the same script.
/// </summary>
internal static class ScriptedRun
{
    /// <summary>
    /// Starts <paramref name="capture"/>, then <paramref name="sender"/>'s script; returns <paramref name="totalFrames"/>
    /// recorded frames from the script's first frame. Both clients must be connected and running.
    /// </summary>
    public static float[] Record(MidiScriptClient sender, CaptureClient capture, int totalFrames)
    {
        capture.StartRecording();
        WaitFor(() => capture.RecordedCycles >= 2, "capture did not run");
        sender.Start();
        WaitFor(() => sender.Done && capture.Samples().Length >= totalFrames + (long)(sender.StartFrame - capture.FirstRecordedFrame),
            "the script did not finish");
        capture.StopRecording();
        Assert.Equal(0, sender.FailedWrites);
        int skip = (int)(sender.StartFrame - capture.FirstRecordedFrame);
        return capture.Samples().AsSpan(skip, totalFrames).ToArray();
    }

    /// <summary>Waits up to 10 s for <paramref name="condition"/>; fails with <paramref name="message"/>.</summary>
    public static void WaitFor(Func<bool> condition, string message)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), message);
            Thread.Sleep(5);
        }
    }
}

using MidiSampler.Alsa.Tests.TestSupport;
using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Alsa.Tests;

/// <summary>
/// The sequencer input end to end where the kernel sequencer exists: <c>aplaymidi</c> (alsa-utils) plays a song into
/// <c>midi-sampler play --midi alsa</c>'s port, and the captured output has every note, spaced as sent (the sequencer's
/// queue times them; our arrival stamps keep that spacing to within the wake-up jitter).
/// </summary>
public sealed class SequencerEndToEndTests
{
    [SequencerFact]
    public void Notes_sent_through_the_sequencer_sound_with_their_spacing()
    {
        using var server = JackServer.Start(periodFrames: 256, family: "midisampler-alsa");
        using var dir = new TempFolder();
        string wav = dir.Tone();
        long[] ticks = [100, 580, 820, 1300];
        string song = Songs.Save(Songs.Clicks(ticks), dir.File("notes.mid"));
        string client = $"ms-seq-test-{Environment.ProcessId}";
        using var play = ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "midi-sampler"), AlsaRig.ChildEnvironment(),
            "play", wav, "--audio", "alsa", "--device", "ms_jack_cli", "--midi", "alsa", "--client-name", client);
        Assert.True(play.WaitForOutput("MIDI in: ALSA sequencer ", TimeSpan.FromSeconds(20)), play.Output);
        string line = play.Output.Split('\n').First(l => l.Contains("MIDI in: ALSA sequencer ", StringComparison.Ordinal));
        string address = line.Split("sequencer ")[1].Split(' ')[0];

        var (exit, output) = JackServer.RunTool("aplaymidi", TimeSpan.FromSeconds(20), "-p", address, song);
        Assert.True(exit == 0, output);
        Thread.Sleep(500);
        play.Process.StandardInput.WriteLine("quit");
        Assert.True(play.Process.WaitForExit(10_000), play.Output);

        var onsets = Captures.Onsets(Captures.LeftFloat(AlsaRig.Capture("ms_jack_cli")), quietFrames: 2_000);
        Assert.Equal(ticks.Length, onsets.Count);
        for (int i = 1; i < ticks.Length; i++)
            Assert.InRange(onsets[i] - onsets[0] - ((ticks[i] - ticks[0]) * Songs.FramesPerTick), -96, 96); // 2 ms
    }
}

using MidiSampler.Formats.Wav;
using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// The sampler as a client of a netJACK2 slave server (docs/jack.md, "netJACK"): a note sent to it on the
/// slave is heard on the master, through the UDP link between two network namespaces. The MIDI sender
/// and the sampler run in this process as clients of the slave; the master's side is recorded by
/// <c>jack_rec</c>, a child process that is a client of the master (libjack picks its server once per
/// process, through JACK_DEFAULT_SERVER).
/// </summary>
public sealed class JackNetTests
{
    private const int SineCycleFrames = 100; // 480 Hz at 48 kHz
    private const float SineLevel = 0.5f;

    [RootFact]
    public void A_note_played_on_the_slave_is_heard_on_the_master()
    {
        using var rig = NetJackRig.Start(periodFrames: 256);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 8 });
        host.SetInstrument(0, TestInstruments.LoopedSine(rig.SampleRate, SineLevel, SineCycleFrames));
        using var sender = new MidiSenderClient("sender", intervalCycles: 1);
        sender.Client.Connect(sender.OutputPort, host.MidiInputPort);
        sender.Client.Connect(host.OutputPorts[0], "system:playback_1"); // the slave's playback ports go to the master

        string wavPath = Path.Combine(Path.GetTempPath(), $"midisampler-netjack-{Environment.ProcessId}.wav");
        try
        {
            const int recordSeconds = 3;
            using (var rec = rig.StartOnMaster("jack_rec", "-f", wavPath, "-d", recordSeconds.ToString(), "-b", "16", $"{NetJackRig.SlaveClientName}:from_slave_1"))
            {
                // Silence first (the note is not yet played), then one held note-on with no note-off.
                Thread.Sleep(1200);
                Assert.True(rig.IsRunning, rig.Log);
                sender.SendOnce(0x90, 60, 127);
                Assert.True(rec.Process.WaitForExit(10_000), "jack_rec did not finish: " + rec.Output);
                Assert.True(rec.Process.ExitCode == 0, $"jack_rec failed: {rec.Output}");
            }

            Assert.True(sender.OneShotSent, "the note-on was never written");
            Assert.True(rig.IsRunning, "a server died during the recording\n" + rig.Log);
            var recording = WavReader.Load(wavPath);
            Assert.Equal(rig.SampleRate, recording.SampleRate);
            Assert.InRange(recording.FrameCount, (recordSeconds * rig.SampleRate) - rig.PeriodFrames, (recordSeconds * rig.SampleRate) + (4 * rig.PeriodFrames));

            // 50 ms windows: silent until the note, then the held sine to the end.
            int windowFrames = rig.SampleRate / 20;
            var rms = new List<double>();
            for (int start = 0; start + windowFrames <= recording.FrameCount; start += windowFrames)
                rms.Add(Rms(recording, start, windowFrames));
            int onsetWindow = rms.FindIndex(r => r > 0.01);
            string profile = string.Join(' ', rms.Select(r => r.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(onsetWindow >= 0, "no sound reached the master: " + profile + "\n" + rig.Log);
            Assert.True(onsetWindow >= 10, $"sound before the note was played (window {onsetWindow}): {profile}");
            Assert.All(rms.Take(onsetWindow), r => Assert.True(r < 1e-4, $"not silent before the note: {profile}"));
            Assert.True(rms.Count - onsetWindow >= 10, $"the note started too late to be measured: {profile}");

            // A held looped sine has a constant level; the absolute level depends on the engine's velocity curve
            // and pan law, so compare with the held level itself. One period of 256 frames lost on the link
            // would take a 2,400-frame window 5 % down; 2 % catches it.
            double[] held = [.. rms.Skip(onsetWindow + 1)];
            double heldRms = held.Order().ElementAt(held.Length / 2);
            Assert.True(heldRms > 0.1, $"too quiet on the master: {profile}");
            Assert.All(held, r => Assert.InRange(r, heldRms * 0.98, heldRms * 1.02));

            // The sampler's sine, not noise: rising zero crossings in the last second, one per 100 frames.
            int lastSecondStart = recording.FrameCount - rig.SampleRate;
            int rising = 0;
            for (int i = lastSecondStart + 1; i < recording.FrameCount; i++)
            {
                if (recording[i - 1, 0] < 0 && recording[i, 0] >= 0)
                    rising++;
            }

            Assert.InRange(rising, (rig.SampleRate / SineCycleFrames) - 2, (rig.SampleRate / SineCycleFrames) + 2);
        }
        finally
        {
            File.Delete(wavPath);
        }
    }

    private static double Rms(MidiSampler.Model.Sample sample, int startFrame, int frames)
    {
        double sum = 0;
        for (int i = startFrame; i < startFrame + frames; i++)
        {
            double x = sample[i, 0];
            sum += x * x;
        }

        return Math.Sqrt(sum / frames);
    }
}

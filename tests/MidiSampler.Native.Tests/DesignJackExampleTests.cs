using MidiSampler.Cli.Tests.TestSupport;
using System.Globalization;
using System.Text.RegularExpressions;
using MidiSampler.Formats.Wav;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Native.Tests.TestSupport;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Native.Tests;

/// <summary>
/// The original design's JACK example (CPrograms/design_jack.c, its text unchanged) as a client of a private jackd on
/// the dummy driver. CPrograms/design_jack_host.c is "the rest of the application": it loads a sine at middle C while
/// the client runs and plays notes 60 and 67 from its main thread. JACK's own recorder (jack_rec) records the
/// client's left output; the test finds both notes and checks their pitch, level and spacing.
/// </summary>
public sealed partial class DesignJackExampleTests
{
    [Fact]
    public void Jack_example_plays_the_notes_sent_from_the_control_thread()
    {
        using var dir = new TempDirectory();
        string sine = TestAudio.WriteSine(dir.File("sine.wav"));
        using var server = JackServer.Start(periodFrames: 256);
        using var host = ChildProcess.Start(NativeBuild.Program("design_jack"), sine);
        Assert.True(host.WaitForOutput("ready", TimeSpan.FromSeconds(30)), $"the example did not start:\n{host.Output}\n{server.Log}");

        // jack_rec connects to the port as it starts and records for 2 s; the notes start once it runs.
        string recording = dir.File("recording.wav");
        using var recorder = ChildProcess.Start("jack_rec", "-f", recording, "-d", "2", "-b", "24", "sampler:out_l");
        Thread.Sleep(300);
        host.Process.StandardInput.WriteLine("play");
        host.Process.StandardInput.Flush();
        Assert.True(host.Process.WaitForExit(15_000), $"the example did not finish:\n{host.Output}");
        Assert.True(recorder.Process.WaitForExit(15_000), $"jack_rec did not finish:\n{recorder.Output}");
        Assert.True(host.Process.ExitCode == 0, host.Output);

        var stats = StatsLine().Match(host.Output);
        Assert.True(stats.Success, host.Output);
        Assert.True(long.Parse(stats.Groups[1].Value, CultureInfo.InvariantCulture) > TestAudio.SampleRate, "fewer frames than a second");
        Assert.Equal("0", stats.Groups[3].Value); // no event dropped

        var sample = WavReader.Load(recording);
        var x = new float[sample.FrameCount];
        for (int i = 0; i < x.Length; i++)
            x[i] = sample[i, 0];
        int first = Signals.FirstNonZero(x, 1e-4f);
        Assert.True(first >= 0, "the recording is silent");
        int second = NextOnset(x, first);
        Assert.True(second > 0, "the second note is missing");

        // The notes are 600 ms apart (400 ms held, 200 ms between), give or take a period and the sleeps' jitter.
        double spacingMs = (second - first) * 1000.0 / TestAudio.SampleRate;
        Assert.InRange(spacingMs, 600 - 40, 600 + 40);

        int window = TestAudio.SampleRate / 4; // 250 ms inside each held note, after the 1 ms attack
        double c4 = Signals.Frequency(x, TestAudio.SampleRate, first + 480, first + window);
        double g4 = Signals.Frequency(x, TestAudio.SampleRate, second + 480, second + window);
        Assert.InRange(Signals.Cents(c4, TestAudio.MiddleCHz), -2, 2);
        Assert.InRange(Signals.Cents(g4, TestAudio.MiddleCHz * Math.Pow(2, 7 / 12.0)), -2, 2);

        double expectedDb = Signals.Db(TestAudio.Amplitude / Math.Sqrt(2) * TestAudio.NoteGain(100));
        Assert.InRange(Signals.Db(Signals.Rms(x, first + 480, first + window)) - expectedDb, -0.2, 0.2);
        Assert.InRange(Signals.Db(Signals.Rms(x, second + 480, second + window)) - expectedDb, -0.2, 0.2);
    }

    /// <summary>The first sound after at least 50 ms of silence following <paramref name="from"/>'s note.</summary>
    private static int NextOnset(float[] x, int from)
    {
        int quiet = 0;
        for (int i = from; i < x.Length; i++)
        {
            if (Math.Abs(x[i]) <= 1e-4f)
            {
                quiet++;
            }
            else
            {
                if (quiet >= TestAudio.SampleRate / 20)
                    return i;
                quiet = 0;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"stats frames=(\d+) xruns=(\d+) dropped=(\d+)")]
    private static partial Regex StatsLine();
}

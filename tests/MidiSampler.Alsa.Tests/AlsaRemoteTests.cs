using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MidiSampler.Alsa.Tests.TestSupport;
using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Wav;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Model;

namespace MidiSampler.Alsa.Tests;

/// <summary>
/// The web panel's API on the ALSA host (issue 21): <c>play --audio alsa --web</c> into a paced device (alsa-lib's JACK
/// PCM plugin on a dummy jackd) with a song holding a note on channel 3; the status says ALSA, and channel 3's meter
/// reads the note's level while the other channels read silence.
/// </summary>
public sealed class AlsaRemoteTests
{
    [Fact]
    public void The_status_and_the_channel_meters_work_on_alsa()
    {
        using var server = JackServer.Start(periodFrames: 256, family: "midisampler-alsa");
        using var dir = new TempFolder();

        // A looped 480 Hz sine at 0.25 (−12.04 dBFS), velocity-independent: on channel 3 at CC7's GM default 100
        // (−4.15 dB) it plays at −16.19 dBFS.
        var sine = new float[10_000];
        for (int i = 0; i < sine.Length; i++)
            sine[i] = 0.25f * MathF.Sin(2 * MathF.PI * i / 100f);
        WavWriter.WriteFile(dir.File("sine.wav"), 48_000, 1, WavSampleFormat.Float32, sine, new SampleMetadata(69, 0, 0, sine.Length - 1));
        string sfz = dir.File("sine.sfz");
        File.WriteAllText(sfz, "<region> sample=sine.wav pitch_keycenter=69 loop_mode=loop_continuous amp_veltrack=0\n");
        var writer = new MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        writer.AddNote(track, 0, 480 * 2 * 60, 2, 69, 100); // a minute at 120 bpm
        writer.SetEndOfTrack(track, (480 * 2 * 60) + 10);
        string song = Songs.Save(MidiFile.Read(writer.ToArray(), "note.mid"), dir.File("song.mid"));

        int port = FreeTcpPort();
        using var play = ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "midi-sampler"), AlsaRig.ChildEnvironment(), "play", sfz,
            "--audio", "alsa", "--device", "ms_jack_remote", "--midi", "none", "--song", song, "--web", $"127.0.0.1:{port}", "--library", dir.Path);
        Assert.True(play.WaitForOutput("console:", TimeSpan.FromSeconds(30)), play.Output);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        JsonElement Get(string path) => JsonDocument.Parse(http.GetStringAsync(path).GetAwaiter().GetResult()).RootElement.Clone();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        JsonElement meters = default;
        while (!((meters = Get("api/meters")).ValueKind == JsonValueKind.Object && meters.GetProperty("peak_db")[2].GetDouble() > -60))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"channel 3's meter never moved: {meters}\n{play.Output}");
            Thread.Sleep(50);
        }

        Thread.Sleep(1500); // the RMS average settles
        var status = Get("api/status");
        Assert.Equal("ALSA", status.GetProperty("backend").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("callback_histogram").ValueKind); // the ALSA host keeps none
        Assert.Equal(JsonValueKind.Null, status.GetProperty("late_callbacks").ValueKind);
        double expectedDb = (20 * Math.Log10(0.25)) + (40 * Math.Log10(100 / 127.0)) + status.GetProperty("gain_db").GetDouble();
        meters = Get("api/meters");
        Assert.InRange(meters.GetProperty("peak_db")[2].GetDouble(), expectedDb - 1, expectedDb + 1);
        Assert.InRange(meters.GetProperty("rms_db")[2].GetDouble(), expectedDb - 3.01 - 1, expectedDb - 3.01 + 1);
        for (int c = 0; c < 16; c++)
        {
            if (c != 2)
                Assert.Equal(-120, meters.GetProperty("peak_db")[c].GetDouble());
        }

        play.Process.StandardInput.WriteLine("quit");
        Assert.True(play.Process.WaitForExit(10_000), play.Output);
        Assert.Equal(0, play.Process.ExitCode);
    }

    private static int FreeTcpPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

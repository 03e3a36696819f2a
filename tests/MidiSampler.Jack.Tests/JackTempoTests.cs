using System.Diagnostics;
using MidiSampler.Formats.Sfz;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// The live tempo (issue 16, defect 2) through a real jackd (dummy driver): a MIDI clock on the sampler's input sets the
/// tempo that delay_beats counts in, and a JACK timebase master's BBT tempo (JACK's own jack_transport) wins over it.
/// </summary>
public sealed class JackTempoTests
{
    private const int Rate = 48_000;
    private const int Period = 256;

    [Fact]
    public void A_midi_clock_at_240_bpm_makes_delay_beats_wait_a_quarter_second() => XrunRetry.Run(watch =>
    {
        // A clock tick (0xF8) every 500 frames is 24 per 12,000 frames: 240 BPM. The note comes after 20 ticks.
        const int tickFrames = 500, noteFrame = (40 * Period) + 10, totalFrames = noteFrame + 24_000;
        var script = new List<(int Period, int Frame, byte[] Bytes)>();
        for (int at = 0; at < totalFrames; at += tickFrames)
            script.Add((at / Period, at % Period, [0xF8]));
        script.Add((noteFrame / Period, noteFrame % Period, [0x90, 60, 100]));
        script.Sort((a, b) => ((long)a.Period * Period) + a.Frame == ((long)b.Period * Period) + b.Frame ? 0
            : ((long)a.Period * Period) + a.Frame < ((long)b.Period * Period) + b.Frame ? -1 : 1);

        string dir = Directory.CreateTempSubdirectory("midisampler-tempo-").FullName;
        try
        {
            string sfz = Path.Combine(dir, "beats.sfz");
            File.WriteAllText(sfz, "<region> sample=*sine delay_beats=1 loop_mode=loop_continuous amp_veltrack=0\n");
            using var server = JackServer.Start(Period, Rate);
            using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 8 });
            watch.Watch(host);
            host.Sampler.SetInstrument(0, 0, SfzLoader.Load(sfz));
            using var sender = new MidiScriptClient("clock", script);
            using var capture = new CaptureClient("capture", recordFrames: totalFrames + (64 * Period));
            sender.Client.Connect(sender.OutputPort, host.MidiInputPort);
            capture.Client.Connect(host.OutputPorts[0], capture.InputPort);
            WaitFor(() => host.ProcessCycles > 20, "the host did not run");
            Assert.Equal(120, host.Sampler.TempoBpm); // no clock yet: the default

            float[] live = ScriptedRun.Record(sender, capture, totalFrames);
            int onset = Signals.FirstNonZero(live);
            Assert.InRange(onset - noteFrame, 12_000 - 2, 12_000 + 4); // one beat at 240 BPM; 24,000 at the default 120
            Assert.Equal(240, host.Sampler.TempoBpm, 0.01);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    });

    [Fact]
    public void A_timebase_masters_bbt_tempo_is_the_samplers_tempo()
    {
        using var server = JackServer.Start(Period, Rate);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 8 });
        WaitFor(() => host.ProcessCycles > 20, "the host did not run");
        Assert.Equal(120, host.Sampler.TempoBpm);

        // JACK's own example client: "master" makes it the timebase master, "tempo" sets the BBT tempo it publishes.
        var start = new ProcessStartInfo("jack_transport") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["JACK_DEFAULT_SERVER"] = server.Name;
        start.Environment["JACK_NO_START_SERVER"] = "1";
        using var transport = Process.Start(start)!;
        try
        {
            transport.StandardInput.WriteLine("master");
            transport.StandardInput.WriteLine("tempo 90");
            transport.StandardInput.WriteLine("play");
            transport.StandardInput.Flush();
            WaitFor(() => Math.Abs(host.Sampler.TempoBpm - 90) < 1e-9, $"the sampler's tempo stayed {host.Sampler.TempoBpm} BPM");

            transport.StandardInput.WriteLine("tempo 150.5");
            transport.StandardInput.Flush();
            WaitFor(() => Math.Abs(host.Sampler.TempoBpm - 150.5) < 1e-9, $"the sampler's tempo stayed {host.Sampler.TempoBpm} BPM");
        }
        finally
        {
            transport.Kill();
            transport.WaitForExit(5000);
        }
    }

    private static void WaitFor(Func<bool> condition, string message) => ScriptedRun.WaitFor(condition, message);
}

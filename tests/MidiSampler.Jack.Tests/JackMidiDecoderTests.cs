using System.Diagnostics;
using MidiSampler.Engine;
using MidiSampler.Formats.Midi;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Model;
using MidiSampler.Rendering;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// Live MIDI goes through the engine's one decoder as a rendered song does: a JACK client sends a GS rhythm-part SysEx,
/// an RPN pitch-bend range and a GM reset between notes, and the sampler's output through a real jackd (dummy driver)
/// is the same, sample for sample, as <c>render</c>'s of the same events at the same frames; the pitch of every note
/// shows that each message took effect.
/// </summary>
public sealed class JackMidiDecoderTests
{
    private const int Rate = 48_000;
    private const int Period = 256;
    private const int ToneFrames = 100; // a 480 Hz sine at key 60

    [Fact]
    public void Sysex_and_rpn_take_effect_at_their_frame_live_exactly_as_in_render() =>
        XrunRetry.Run(Attempt);

    private static void Attempt(XrunWatch watch)
    {
        // Period, frame in it, message. Channel 1 (0) becomes a rhythm part, plays the kit; channel 2 (1) gets a 12-semitone
        // bend range and half a bend up; a GM reset then makes channel 1 melodic and channel 2's range 2 semitones again.
        (int, int, byte[])[] script =
        [
            (0, 10, [0xF0, 0x41, 0x10, 0x42, 0x12, 0x40, 0x11, 0x15, 0x01, 0x19, 0xF7]),
            (1, 37, [0x90, 60, 100]),
            (9, 0, [0x80, 60, 64]),
            (10, 200, [0xB1, 101, 0]),
            (10, 200, [0xB1, 100, 0]),
            (10, 201, [0xB1, 6, 12]),
            (10, 255, [0xE1, 0x00, 0x60]),
            (11, 101, [0x91, 60, 100]),
            (19, 0, [0x81, 60, 64]),
            (20, 77, [0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7]),
            (21, 5, [0x90, 60, 100]),
            (29, 0, [0x80, 60, 64]),
            (30, 128, [0xE1, 0x00, 0x60]),
            (30, 129, [0x91, 60, 100]),
            (38, 0, [0x81, 60, 64]),
        ];
        int totalFrames = 42 * Period;

        using var server = JackServer.Start(Period, Rate);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 32 });
        watch.Watch(host);
        var (melodic, kit) = Instruments();
        host.Sampler.SetInstrument(0, 0, melodic);
        host.Sampler.SetInstrument(128, 0, kit);
        using var sender = new MidiScriptClient("script", script);
        using var capture = new CaptureClient("capture", recordFrames: totalFrames + (64 * Period));
        sender.Client.Connect(sender.OutputPort, host.MidiInputPort);
        capture.Client.Connect(host.OutputPorts[0], capture.InputPort);
        WaitFor(() => host.ProcessCycles > 20, "the host did not run");

        float[] live = ScriptedRun.Record(sender, capture, totalFrames);
        float[] rendered = Render(script, totalFrames, melodic, kit);

        double worst = 0;
        for (int i = 0; i < totalFrames; i++)
            worst = Math.Max(worst, Math.Abs(live[i] - rendered[i]));
        Assert.True(worst < 1e-6, $"live and rendered differ by up to {worst}");

        // Each message acted: the kit (root 48: an octave up), +6 semitones, the melodic program after the reset, +1 semitone.
        (int From, double Hz)[] notes = [(Period + 37, 960), ((11 * Period) + 101, 480 * Math.Pow(2, 0.5)), ((21 * Period) + 5, 480), ((30 * Period) + 129, 480 * Math.Pow(2, 1 / 12.0))];
        foreach (var (from, hz) in notes)
        {
            double measured = Signals.Frequency(live, Rate, from + 256, from + (7 * Period));
            Assert.True(Math.Abs(1200 * Math.Log2(measured / hz)) < 2, $"the note at frame {from} sounds at {measured:F2} Hz, not {hz:F2} Hz");
            Assert.Equal(0, live[from - 1]); // silent up to the note's frame...
            Assert.NotEqual(0, live[from + 1]); // ...and sounding from it
        }

        Assert.Equal(0, host.GetStats().DroppedEvents);
        Assert.Equal(new MidiDecoderCounters(script.Length, 0, 0, 0), host.MidiCounters); // every message understood
    }

    /// <summary>The same events through the offline path: a MIDI file at one tick per frame, rendered by <see cref="SongRenderer"/>.</summary>
    private static float[] Render((int Period, int Frame, byte[] Bytes)[] script, int totalFrames, Instrument melodic, Instrument kit)
    {
        var writer = new MidiFileWriter(format: 0, ticksPerQuarter: 480);
        int track = writer.AddTrack();
        writer.AddTempo(track, 0, 10_000); // 480 ticks per 10 ms: one tick per frame at 48 kHz
        foreach (var (period, frame, bytes) in script)
        {
            long tick = ((long)period * Period) + frame;
            if (bytes[0] == 0xF0)
                writer.AddSysEx(track, tick, bytes);
            else
                writer.AddChannelMessage(track, tick, bytes[0], bytes[1], bytes[2]);
        }

        writer.SetEndOfTrack(track, totalFrames);
        using var sampler = new Sampler(new SamplerConfig
        {
            SampleRate = Rate, OutputChannels = 2, MaxPolyphony = 32, MaxBlockFrames = 1024, MaxEventsPerBlock = 1024, EffectsEnabled = true,
        });
        sampler.SetInstrument(0, 0, melodic);
        sampler.SetInstrument(128, 0, kit);
        var left = new List<float>();
        new SongRenderer(sampler, MidiFile.Read(writer.ToArray(), "script.mid")) { BlockFrames = Period }.Render(block =>
        {
            for (int i = 0; i < block.Length; i += 2)
                left.Add(block[i]);
        });
        Assert.True(left.Count >= totalFrames, $"the render is {left.Count} frames long");
        return [.. left.Take(totalFrames)];
    }

    private static (Instrument Melodic, Instrument Kit) Instruments()
    {
        var sample = Sample.FromInterleaved("sine", Rate, 1, TestInstruments.SineCycles(0.5f, ToneFrames));
        var region = new Region { Sample = sample, PitchKeyCenter = 60, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1 };
        return (new Instrument("melodic", [region]), new Instrument("kit", [region with { PitchKeyCenter = 48 }]));
    }

    private static void WaitFor(Func<bool> condition, string message) => ScriptedRun.WaitFor(condition, message);
}

using System.Text.Json;
using MidiSampler.Formats.Wav;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Remote.Tests.TestSupport;

namespace MidiSampler.Remote.Tests;

/// <summary>
/// The sound itself: switching channel 1 through the API makes the sequencer's next note sound from the other
/// program, an octave higher, measured on the program's JACK output with JACK's own recorder (<c>jack_rec</c>).
/// </summary>
[Collection(RemoteCollection.Name)]
public sealed class ChannelPitchTests(RemoteRig rig)
{
    [Fact]
    public void A_channel_switched_over_the_API_plays_its_next_note_an_octave_up()
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, rig.Post("api/load", new { path = "high.sfz", program = 1 }).Status);
        try
        {
            // Program 0 ("low"): note 69 on its key center plays the sample as recorded, 480 Hz.
            rig.WaitForStatus(s => s.GetProperty("voices").GetInt32() >= 1 && s.GetProperty("channels")[0].GetInt32() == 0, "the note on program 0", 7);
            Assert.InRange(Cents(Record(), 480), -15, 15);

            // Program 1 ("high", key center 57): a program change applies to the next note, an octave higher.
            long latest = rig.Get("api/midi").GetProperty("latest").GetInt64();
            Assert.Equal(System.Net.HttpStatusCode.OK, rig.Post("api/channel", new { channel = 1, program = 1 }).Status);
            JsonElement midi = default;
            RemoteRig.Wait(
                () => NoteAfterProgramChange(midi = rig.Get($"api/midi?since={latest}")),
                $"no note after the switch: {midi}",
                8);
            Thread.Sleep(100);
            Assert.InRange(Cents(Record(), 960), -15, 15);
        }
        finally
        {
            rig.Post("api/channel", new { channel = 1, program = 0 });
            rig.Post("api/unload", new { program = 1 });
        }
    }

    /// <summary>True when the monitor shows a note-on applied after the channel's program change.</summary>
    private static bool NoteAfterProgramChange(JsonElement midi)
    {
        long change = long.MaxValue;
        foreach (var e in midi.GetProperty("events").EnumerateArray())
        {
            string? type = e.GetProperty("type").GetString();
            if (type == "program change" && e.GetProperty("channel").GetInt32() == 1)
                change = Math.Min(change, e.GetProperty("seq").GetInt64());
            else if (type == "note on" && e.GetProperty("seq").GetInt64() > change)
                return true;
        }

        return false;
    }

    /// <summary>A second of R:out_1 as jack_rec writes it.</summary>
    private float[] Record()
    {
        string path = Path.Join(rig.Top, $"rec-{Guid.NewGuid():N}.wav");
        var (rc, text) = JackServer.RunTool("jack_rec", TimeSpan.FromSeconds(10), "-f", path, "-d", "1", $"{RemoteRig.Client}:out_1");
        Assert.True(rc == 0 && File.Exists(path), $"jack_rec: {rc} {text}");
        var sample = WavReader.Load(path);
        var x = new float[sample.FrameCount];
        for (int i = 0; i < x.Length; i++)
            x[i] = sample[i, 0];
        File.Delete(path);
        return x;
    }

    /// <summary>The pitch of the sounding part against <paramref name="expectedHz"/>, in cents, from rising zero crossings.</summary>
    private double Cents(float[] x, double expectedHz)
    {
        float peak = x.Select(MathF.Abs).DefaultIfEmpty().Max();
        int from = Array.FindIndex(x, v => MathF.Abs(v) > peak / 2), to = Array.FindLastIndex(x, v => MathF.Abs(v) > peak / 2);
        int first = -1, last = -1, crossings = 0;
        for (int i = Math.Max(1, from); i <= to; i++)
        {
            if (x[i - 1] < 0 && x[i] >= 0)
            {
                if (first < 0)
                    first = i;
                else
                    crossings++;
                last = i;
            }
        }

        Assert.True(peak > 0.01f && crossings >= 50, $"too little sound recorded ({crossings} cycles in {x.Length} frames, peak {peak})");
        double hz = crossings * (double)rig.SampleRate / (last - first);
        return 1200 * Math.Log2(hz / expectedHz);
    }
}

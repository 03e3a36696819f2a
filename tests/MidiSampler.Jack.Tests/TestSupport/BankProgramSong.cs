using System.Diagnostics;
using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Sf2;
using MidiSampler.Formats.Wav;

namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// A song that needs a whole SoundFont installed at its banks and programs: a program change to 24 (nylon guitar) on
/// channel 1, the kick (key 36) on channel 10 (drums, bank 128), and a bank select (CC0) to the first preset of bank 8
/// on channel 2. Played live (JACK script, ALSA <c>--song</c>) and through <c>midi-sampler render</c>; the two must be
/// the same sound, and unlike the same notes on the first preset alone (what <c>play</c> installed before).
/// </summary>
/// <remarks>
/// One tick is one 256-frame period at 48 kHz (480 ticks per quarter at 2.56 s per quarter), so a JACK script client
/// can send each message at the start of the period that the file places it in.
/// </remarks>
internal static class BankProgramSong
{
    public const string FluidR3 = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    public const int Rate = 48_000;
    public const int FramesPerTick = 256;

    /// <summary>The note starts, in ticks: guitar, kick, bank-8 preset.</summary>
    public static readonly int[] NoteTicks = [4, 194, 384];

    /// <summary>Ticks each note is held.</summary>
    public const int HoldTicks = 90;

    /// <summary>Ticks after the last note-off to the end (release tails).</summary>
    public const int TailTicks = 100;

    /// <summary>The program of the first bank-8 preset of <paramref name="bank"/>.</summary>
    public static int Bank8Program(string bank) => SoundFontLoader.Read(bank).Presets.Where(p => p.Bank == 8).Min(p => p.Program);

    /// <summary>The messages: (tick, bytes). With <paramref name="firstPresetOnly"/>, the same notes all on channel 1 with no program or bank change.</summary>
    public static List<(int Tick, byte[] Bytes)> Messages(int bank8Program, bool firstPresetOnly = false)
    {
        var m = new List<(int, byte[])>();
        if (firstPresetOnly)
        {
            foreach (var (tick, key) in NoteTicks.Zip([60, 36, 60]))
            {
                m.Add((tick, [0x90, (byte)key, 100]));
                m.Add((tick + HoldTicks, [0x80, (byte)key, 0]));
            }

            return m;
        }

        m.Add((0, [0xC0, 24]));
        m.Add((NoteTicks[0], [0x90, 60, 100]));
        m.Add((NoteTicks[0] + HoldTicks, [0x80, 60, 0]));
        m.Add((NoteTicks[1], [0x99, 36, 100]));
        m.Add((NoteTicks[1] + HoldTicks, [0x89, 36, 0]));
        m.Add((NoteTicks[2] - 3, [0xB1, 0, 8]));
        m.Add((NoteTicks[2] - 2, [0xC1, (byte)bank8Program]));
        m.Add((NoteTicks[2], [0x91, 60, 100]));
        m.Add((NoteTicks[2] + HoldTicks, [0x81, 60, 0]));
        return m;
    }

    /// <summary>Writes the messages as a Standard MIDI File (format 0).</summary>
    public static string Save(IEnumerable<(int Tick, byte[] Bytes)> messages, string path)
    {
        var writer = new MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        writer.AddTempo(track, 0, (int)(480L * FramesPerTick * 1_000_000 / Rate));
        int end = 0;
        foreach (var (tick, bytes) in messages)
        {
            writer.AddChannelMessage(track, tick, bytes[0], bytes[1], bytes.Length > 2 ? bytes[2] : (byte)0);
            end = Math.Max(end, tick);
        }

        writer.SetEndOfTrack(track, end + TailTicks);
        File.WriteAllBytes(path, writer.ToArray());
        return path;
    }

    /// <summary>Renders a song through <c>midi-sampler render --no-effects</c> (float32) and returns its left channel.</summary>
    public static float[] Render(string midiSampler, string bank, string song, string wav)
    {
        var start = new ProcessStartInfo(midiSampler) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "render", bank, song, "-o", wav, "--no-effects", "--format", "float32", "--block-size", "256" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "render did not finish");
        Assert.True(process.ExitCode == 0, $"render failed: {stderr}");
        var sample = WavReader.Load(wav);
        var left = new float[sample.FrameCount];
        for (int f = 0; f < left.Length; f++)
            left[f] = sample[f, 0];
        return left;
    }

    /// <summary>
    /// Asserts that <paramref name="live"/> (which may start earlier, with silence, and run on) is the sound of
    /// <paramref name="offline"/>: aligned on the first sound, every 10 ms window of each note within 0.5 dB where the
    /// render is within 40 dB of the note's peak, and each note's waveform correlating above 0.98. Returns the largest
    /// window difference. <paramref name="firstPresetOnly"/>, the same notes on the first preset, must differ: its waveform
    /// correlates with the render below 0.9 for every note.
    /// </summary>
    public static double AssertSameSound(float[] live, float[] offline, float[] firstPresetOnly)
    {
        int liveStart = FirstSound(live), offlineStart = FirstSound(offline);
        Assert.True(liveStart >= 0, "nothing was heard live");
        Assert.True(offlineStart >= 0, "the render is silent");
        int lag = liveStart - offlineStart;
        double worst = 0;
        for (int n = 0; n < NoteTicks.Length; n++)
        {
            int from = NoteTicks[n] * FramesPerTick, to = from + ((HoldTicks + 40) * FramesPerTick);
            Assert.True(to + lag <= live.Length, $"the live capture ends before note {n}");
            double peak = double.NegativeInfinity;
            for (int w = from; w + 480 <= to; w += 480)
                peak = Math.Max(peak, Level(offline, w));
            for (int w = from; w + 480 <= to; w += 480)
            {
                double expected = Level(offline, w);
                if (expected < peak - 40)
                    continue;
                double diff = Level(live, w + lag) - expected;
                worst = Math.Max(worst, Math.Abs(diff));
                Assert.True(Math.Abs(diff) <= 0.5, $"note {n}, window at {(w - from) / 48.0:0} ms: live {diff:+0.00;-0.00} dB from the render");
            }

            double same = Correlation(live, lag, offline, from, to);
            Assert.True(same > 0.98, $"note {n}: live correlates {same:0.000} with the render");
            double other = Correlation(firstPresetOnly, 0, offline, from, to);
            Assert.True(other < 0.9, $"note {n}: the first preset alone correlates {other:0.000} with the render: the song does not tell them apart");
        }

        return worst;
    }

    private static int FirstSound(float[] x) => Array.FindIndex(x, v => MathF.Abs(v) > 1e-4f);

    private static double Level(float[] x, int from)
    {
        double sum = 0;
        for (int k = 0; k < 480; k++)
        {
            double v = from + k >= 0 && from + k < x.Length ? x[from + k] : 0;
            sum += v * v;
        }

        return 10 * Math.Log10((sum / 480) + 1e-20);
    }

    private static double Correlation(float[] a, int lag, float[] b, int from, int to)
    {
        double ab = 0, aa = 0, bb = 0;
        for (int i = from; i < to; i++)
        {
            double x = i + lag >= 0 && i + lag < a.Length ? a[i + lag] : 0, y = i < b.Length ? b[i] : 0;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }

        return ab / Math.Sqrt((aa * bb) + 1e-30);
    }
}

using MidiSampler.Model;

namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>Instruments built in code for the JACK tests.</summary>
internal static class TestInstruments
{
    /// <summary>
    /// A one-shot click: <paramref name="frames"/> frames at <paramref name="level"/>, then the sample ends.
    /// Played at its root key (60) the first output frame is exactly the first sample, so an onset is unambiguous.
    /// </summary>
    public static Instrument Click(int sampleRate, int frames = 32, float level = 1f, string name = "click")
    {
        var data = new float[frames];
        Array.Fill(data, level);
        var sample = Sample.FromInterleaved(name, sampleRate, 1, data);
        return new Instrument(name, [new Region { Sample = sample, PitchKeyCenter = 60 }]);
    }

    /// <summary>
    /// A sine of exactly <paramref name="periodFrames"/> frames per cycle, 48 cycles, looped seamlessly
    /// (loop_continuous over the whole sample): a held note sounds forever at a constant level.
    /// </summary>
    public static Instrument LoopedSine(int sampleRate, float level = 0.5f, int periodFrames = 100, string name = "sine")
    {
        var data = SineCycles(level, periodFrames);
        var sample = Sample.FromInterleaved(name, sampleRate, 1, data);
        return new Instrument(name, [new Region
        {
            Sample = sample,
            PitchKeyCenter = 60,
            LoopMode = LoopMode.LoopContinuous,
            LoopStart = 0,
            LoopEnd = data.Length - 1,
        }]);
    }

    /// <summary>48 whole cycles of a sine of <paramref name="periodFrames"/> frames: the loop point falls on a zero crossing.</summary>
    public static float[] SineCycles(float level, int periodFrames)
    {
        var data = new float[48 * periodFrames];
        for (int i = 0; i < data.Length; i++)
            data[i] = level * MathF.Sin(2 * MathF.PI * i / periodFrames);
        return data;
    }
}

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
}

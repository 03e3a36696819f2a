using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// The built-in "samples" SFZ names with a leading asterisk (sfz.org, sample: *sine, *silence, *noise). Each is a short
/// looped table that the normal voice plays, so filters, envelopes and LFOs apply to them as to any sample.
/// </summary>
/// <remarks>Threads: control or loader thread (allocates once per generator; the tables are shared).</remarks>
internal static class SfzGenerators
{
    private const int SineFrames = 256;
    private const int SineRate = 65_536; // 256 Hz for a 256-frame cycle; tuned to key 60 below
    private static readonly Lazy<Sample> Sine = new(BuildSine);
    private static readonly Lazy<Sample> Silence = new(() =>
        Sample.FromInterleaved("*silence", 48_000, 1, new float[64], new SampleMetadata(60, 0, 0, 63)));
    private static readonly Lazy<Sample> Noise = new(BuildNoise);

    /// <summary>The generator for <paramref name="name"/>, or null when it is not one this loader knows.</summary>
    public static Sample? Create(string name) => name switch
    {
        "*sine" => Sine.Value,
        "*silence" => Silence.Value,
        "*noise" => Noise.Value,
        _ => null,
    };

    private static Sample BuildSine()
    {
        // One cycle, looped; it sounds at middle C (261.63 Hz) at the default pitch_keycenter 60, so every key plays
        // its own equal-tempered pitch. The table's 256 Hz is raised by 1200·log2(261.6256/256) cents.
        var data = new float[SineFrames];
        for (int i = 0; i < SineFrames; i++)
            data[i] = (float)Math.Sin(2 * Math.PI * i / SineFrames);
        double tune = 1200 * Math.Log2(440 * Math.Pow(2, -9 / 12.0) / 256.0);
        return Sample.FromInterleaved("*sine", SineRate, 1, data, new SampleMetadata(60, tune, 0, SineFrames - 1));
    }

    private static Sample BuildNoise()
    {
        // One second of uniform white noise at −10 dBFS RMS-ish, looped; a fixed seed keeps renders reproducible.
        const int frames = 48_000;
        var data = new float[frames];
        uint x = 0x12345678;
        for (int i = 0; i < frames; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            data[i] = ((x >> 8) * (1f / 16777216f) * 2 - 1) * 0.5f;
        }

        return Sample.FromInterleaved("*noise", frames, 1, data, new SampleMetadata(60, 0, 0, frames - 1));
    }
}

using MidiSampler.Formats.Wav;
using MidiSampler.Model;

namespace MidiSampler.Native.Tests.TestSupport;

/// <summary>The test sound (a sine at middle C's pitch) and readers of what the C programs write.</summary>
internal static class TestAudio
{
    /// <summary>The sample rate of every test here.</summary>
    public const int SampleRate = 48_000;

    /// <summary>Middle C (MIDI key 60) in equal temperament at A4 = 440 Hz.</summary>
    public const double MiddleCHz = 261.625565;

    /// <summary>The sine's peak amplitude (−6.02 dBFS).</summary>
    public const float Amplitude = 0.5f;

    /// <summary>
    /// The engine's gain for a note of <paramref name="velocity"/> on a channel at its default volume: SFZ's default
    /// velocity curve (velocity/127)² (amp_veltrack 100) times the MIDI volume curve at CC7's default of 100, (100/127)²;
    /// a mono sample at the centre sounds at unity in both channels (the engine's pan law).
    /// </summary>
    public static double NoteGain(int velocity) => Math.Pow(velocity / 127.0, 2) * Math.Pow(100 / 127.0, 2);

    /// <summary>Writes two seconds of the sine, mono 32-bit float, with no smpl chunk (no root key, no loop).</summary>
    public static string WriteSine(string path)
    {
        var data = new float[SampleRate * 2];
        for (int i = 0; i < data.Length; i++)
            data[i] = Amplitude * (float)Math.Sin(2 * Math.PI * MiddleCHz * i / SampleRate);
        WavWriter.WriteFile(path, SampleRate, 1, WavSampleFormat.Float32, data, SampleMetadata.None);
        return path;
    }

    /// <summary>Reads raw interleaved stereo 32-bit floats into the left and right channels.</summary>
    public static (float[] Left, float[] Right) ReadStereoFloats(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var all = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, all, 0, all.Length * sizeof(float));
        var left = new float[all.Length / 2];
        var right = new float[all.Length / 2];
        for (int i = 0; i < left.Length; i++)
        {
            left[i] = all[2 * i];
            right[i] = all[(2 * i) + 1];
        }

        return (left, right);
    }
}

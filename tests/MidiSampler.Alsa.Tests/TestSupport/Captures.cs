namespace MidiSampler.Alsa.Tests.TestSupport;

/// <summary>Reads capture files (interleaved stereo) and finds what the tests look for in them.</summary>
internal static class Captures
{
    /// <summary>The left channel of an interleaved stereo FLOAT_LE capture.</summary>
    public static float[] LeftFloat(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var left = new float[bytes.Length / 8];
        for (int i = 0; i < left.Length; i++)
            left[i] = BitConverter.ToSingle(bytes, i * 8);
        return left;
    }

    /// <summary>The left channel of an interleaved stereo S24_3LE capture, scaled to ±1.</summary>
    public static float[] LeftS24(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var left = new float[bytes.Length / 6];
        for (int i = 0; i < left.Length; i++)
        {
            int v = bytes[i * 6] | (bytes[(i * 6) + 1] << 8) | ((sbyte)bytes[(i * 6) + 2] << 16);
            left[i] = v / 8_388_608f;
        }

        return left;
    }

    /// <summary>Frames at which sound starts after at least <paramref name="quietFrames"/> of silence.</summary>
    public static List<int> Onsets(float[] x, float threshold = 1e-3f, int quietFrames = 200)
    {
        var onsets = new List<int>();
        int quiet = quietFrames;
        for (int i = 0; i < x.Length; i++)
        {
            if (MathF.Abs(x[i]) > threshold)
            {
                if (quiet >= quietFrames)
                    onsets.Add(i);
                quiet = 0;
            }
            else
            {
                quiet++;
            }
        }

        return onsets;
    }
}

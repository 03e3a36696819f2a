using MidiSampler.Dsp.Effects;

namespace MidiSampler.Tests.Dsp.Effects;

/// <summary>Test signals and measurements for bus effects.</summary>
internal static class EffectSignals
{
    public const int Rate = 48_000;

    public static float[] Sine(double hz, double amplitude, int frames, int rate = Rate)
    {
        var x = new float[frames];
        for (int i = 0; i < frames; i++)
            x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate));
        return x;
    }

    public static float[] Constant(float value, int frames)
    {
        var x = new float[frames];
        Array.Fill(x, value);
        return x;
    }

    /// <summary>Runs the effect over the whole buffers in place, in runs of <paramref name="block"/> frames.</summary>
    public static void Run(BusEffect effect, float[] left, float[] right, byte[]? controllers = null, int block = 256)
    {
        controllers ??= new byte[128];
        for (int pos = 0; pos < left.Length; pos += block)
        {
            int n = Math.Min(block, left.Length - pos);
            effect.Process(left.AsSpan(pos, n), right.AsSpan(pos, n), controllers);
        }
    }

    /// <summary>Amplitude of the <paramref name="hz"/> component over [from, to) (a single DFT bin, Hann-windowed).</summary>
    public static double Amplitude(float[] x, int from, int to, double hz, int rate = Rate)
    {
        double re = 0, im = 0, windowSum = 0;
        int n = to - from;
        for (int i = 0; i < n; i++)
        {
            double w = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / n));
            double phase = 2 * Math.PI * hz * i / rate;
            re += w * x[from + i] * Math.Cos(phase);
            im -= w * x[from + i] * Math.Sin(phase);
            windowSum += w;
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / windowSum;
    }

    public static double Peak(float[] x, int from, int to)
    {
        double peak = 0;
        for (int i = from; i < to; i++)
            peak = Math.Max(peak, Math.Abs(x[i]));
        return peak;
    }

    public static double Db(double linear) => 20 * Math.Log10(linear);

    /// <summary>The largest change from one frame to the next over [from, to).</summary>
    public static double MaxStep(float[] x, int from, int to)
    {
        double step = 0;
        for (int i = Math.Max(1, from); i < to; i++)
            step = Math.Max(step, Math.Abs(x[i] - x[i - 1]));
        return step;
    }
}

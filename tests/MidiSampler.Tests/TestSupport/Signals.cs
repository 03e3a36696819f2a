using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Tests.TestSupport;

/// <summary>Test signals, instruments and measurements of rendered audio.</summary>
internal static class Signals
{
    /// <summary>A mono sine of whole periods, so that a loop over all of it is seamless.</summary>
    public static Sample Sine(double hz, int sampleRate, int periods, float amplitude = 0.5f)
    {
        int frames = (int)Math.Round(periods * sampleRate / hz);
        double actualHz = periods * (double)sampleRate / frames; // exact whole periods
        var data = new float[frames];
        for (int i = 0; i < frames; i++)
            data[i] = amplitude * (float)Math.Sin(2 * Math.PI * actualHz * i / sampleRate);
        return Sample.FromInterleaved($"sine{hz}", sampleRate, 1, data, new SampleMetadata(null, 0, 0, frames - 1));
    }

    /// <summary>Exact frequency of <see cref="Sine"/>'s content.</summary>
    public static double SineHz(double hz, int sampleRate, int periods) =>
        periods * (double)sampleRate / Math.Round(periods * sampleRate / hz);

    /// <summary>A constant (DC) sample: any onset shows as a step.</summary>
    public static Sample Constant(float value, int frames, int sampleRate = 48_000, int channels = 1)
    {
        var data = new float[frames * channels];
        Array.Fill(data, value);
        return Sample.FromInterleaved("dc", sampleRate, channels, data);
    }

    public static Instrument Single(Region region) => new("test", [region]);

    /// <summary>
    /// A sampler whose 16 channels have CC7 at 127 (unity gain) unless <paramref name="gmDefaultVolume"/>,
    /// so that levels in tests read directly; the engine's own default is GM's CC7 = 100 (-4.15 dB).
    /// </summary>
    public static Sampler NewSampler(int polyphony = 64, int channels = 2, int sampleRate = 48_000, int maxBlock = 1024,
        InterpolationMode mode = InterpolationMode.Cubic, bool gmDefaultVolume = false)
    {
        var sampler = new Sampler(new SamplerConfig { SampleRate = sampleRate, OutputChannels = channels, MaxPolyphony = polyphony, MaxBlockFrames = maxBlock, Interpolation = mode });
        if (!gmDefaultVolume)
        {
            for (int c = 0; c < 16; c++)
                sampler.ControlChange(c, 7, 127);
        }

        return sampler;
    }

    /// <summary>Renders <paramref name="frames"/> frames in blocks; returns the interleaved output.</summary>
    public static float[] Render(Sampler sampler, int frames, int block = 256)
    {
        int ch = sampler.Config.OutputChannels;
        var all = new float[frames * ch];
        var buf = new float[block * ch];
        for (int pos = 0; pos < frames; pos += block)
        {
            int n = Math.Min(block, frames - pos);
            sampler.Process(buf, n);
            Array.Copy(buf, 0, all, pos * ch, n * ch);
        }

        return all;
    }

    public static float[] Channel(float[] interleaved, int channels, int channel)
    {
        var r = new float[interleaved.Length / channels];
        for (int i = 0; i < r.Length; i++)
            r[i] = interleaved[(i * channels) + channel];
        return r;
    }

    /// <summary>Frequency by interpolated rising zero crossings between frames [from, to).</summary>
    public static double Frequency(float[] x, int sampleRate, int from, int to)
    {
        double first = -1, last = -1;
        int count = 0;
        for (int i = Math.Max(1, from); i < to; i++)
        {
            if (x[i - 1] < 0 && x[i] >= 0)
            {
                double t = (i - 1) + (-x[i - 1] / (x[i] - x[i - 1]));
                if (first < 0)
                    first = t;
                last = t;
                count++;
            }
        }

        return count < 2 ? 0 : (count - 1) * sampleRate / (last - first);
    }

    public static double Cents(double measured, double expected) => 1200 * Math.Log2(measured / expected);

    public static double Rms(float[] x, int from, int to)
    {
        double s = 0;
        for (int i = from; i < to; i++)
            s += x[i] * (double)x[i];
        return Math.Sqrt(s / Math.Max(1, to - from));
    }

    public static double Db(double linear) => 20 * Math.Log10(linear);

    /// <summary>Largest |x[i] - 2x[i-1] + x[i-2]|: a click shows as a spike of the second difference.</summary>
    public static double MaxSecondDifference(float[] x, int from, int to)
    {
        double m = 0;
        for (int i = Math.Max(2, from); i < to; i++)
            m = Math.Max(m, Math.Abs(x[i] - (2.0 * x[i - 1]) + x[i - 2]));
        return m;
    }

    public static int FirstNonZero(float[] x, float threshold = 1e-6f)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (Math.Abs(x[i]) > threshold)
                return i;
        }

        return -1;
    }
}

using System.Collections.Concurrent;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// The built-in "samples" SFZ names with a leading asterisk (sfz.org, sample: <c>*sine</c>, <c>*saw</c>, <c>*square</c>,
/// <c>*triangle</c>/<c>*tri</c>, <c>*noise</c>, <c>*gnoise</c>, <c>*silence</c>) and the wavetables of
/// <c>oscillator=on</c>. Each periodic waveform is a set of band-limited single-cycle tables that the normal voice plays
/// looped, one per third of an octave of the note's frequency (<see cref="OscillatorBank"/>), so filters, envelopes and
/// LFOs apply to them as to any sample and the voice needs nothing of its own.
/// </summary>
/// <remarks>
/// Design: sfizz (src/sfizz/Wavetables.cpp) renders oscillators with a mip-mapped wavetable chosen per block by
/// frequency. Here the choice is made per key at load: the table for a key holds the harmonics that stay at or below
/// <see cref="HighestHarmonicHz"/> at the highest frequency its band reaches, so a note plays without aliasing at any
/// output rate of 44.1 kHz and above, bends of 2 semitones included (at 48 kHz). The waveforms' harmonic amplitudes
/// and peak levels are sfizz's (sine and triangle peak 1, saw and square √(2/3) before the band limit's ripple); the
/// table of a key sounds at that key's equal-tempered pitch whatever the pitch_keycenter, as sfizz plays oscillators at
/// the frequency of the keycenter's note. Noise is not periodic: one long looped stereo table of uniform (sfizz's
/// ±1) or Gaussian (σ 0.5) values, started at a random place per note. Threads: control or loader thread (allocates; the
/// built-in waveforms' tables are shared by every instrument and never freed).
/// </remarks>
internal static class SfzGenerators
{
    /// <summary>Most frames of one cycle of an oscillator table (the lowest bands'; sfizz uses 1,024 for all).</summary>
    public const int MaxTableFrames = 8192;

    /// <summary>Fewest frames of one cycle (the highest bands').</summary>
    public const int MinTableFrames = 64;

    /// <summary>Most harmonics a table holds: 16 frames per cycle of its highest one at least.</summary>
    public const int MaxHarmonics = MaxTableFrames / 16;

    /// <summary>
    /// The frequency of one cycle at a table's nominal rate: 256 Hz for tables up to 1,024 frames, lower for longer ones so
    /// that the rate stays within what a sample may have (the table's metadata tune brings it to middle C either way).
    /// </summary>
    public static int CycleHzOf(int frames) => Math.Min(256, 262_144 / frames);

    /// <summary>Cents that raise a table's cycle to middle C (261.63 Hz): its metadata tune.</summary>
    public static double TableTuneCents(int frames) => 1200 * Math.Log2(NoteHz(60) / CycleHzOf(frames));

    /// <summary>No harmonic of a band's table exceeds this at the band's top frequency.</summary>
    public const double HighestHarmonicHz = 20_000;

    private const double LowestBandHz = 20;
    private const int BandsPerOctave = 3;
    private const int NoiseFrames = 1 << 17;

    private static readonly Lazy<Sample> Silence = new(() =>
        Sample.FromInterleaved("*silence", 48_000, 1, new float[64], new SampleMetadata(60, 0, 0, 63)));
    private static readonly Lazy<Sample> UniformNoise = new(() => BuildNoise("*noise", gaussian: false));
    private static readonly Lazy<Sample> GaussianNoise = new(() => BuildNoise("*gnoise", gaussian: true));
    private static readonly Lazy<OscillatorBank> SineBank = new(() => Periodic("*sine", k => k == 1 ? 1 : 0));
    private static readonly Lazy<OscillatorBank> SawBank = new(() => Periodic("*saw", k => Math.Sqrt(2.0 / 3) * (2 / Math.PI) * ((k & 1) == 0 ? 1 : -1) / k));
    private static readonly Lazy<OscillatorBank> SquareBank = new(() => Periodic("*square", k => (k & 1) == 0 ? 0 : Math.Sqrt(2.0 / 3) * (4 / Math.PI) / k));
    private static readonly Lazy<OscillatorBank> TriangleBank = new(() =>
        Periodic("*triangle", k => (k & 1) == 0 ? 0 : (8 / (Math.PI * Math.PI)) * (((k >> 1) & 1) == 0 ? 1 : -1) / ((double)k * k)));

    /// <summary>The equal-tempered frequency of MIDI key <paramref name="key"/> (A4 = 69 = 440 Hz).</summary>
    public static double NoteHz(double key) => 440 * Math.Pow(2, (key - 69) / 12.0);

    /// <summary>A periodic generator (<c>*sine</c>, <c>*saw</c>, ...), or null when <paramref name="name"/> is not one.</summary>
    public static OscillatorBank? Periodic(string name) => name switch
    {
        "*sine" => SineBank.Value,
        "*saw" => SawBank.Value,
        "*square" => SquareBank.Value,
        "*triangle" or "*tri" => TriangleBank.Value,
        _ => null,
    };

    /// <summary>A generator played as a plain sample (<c>*silence</c>, the noises), or null when it is not one.</summary>
    public static Sample? Plain(string name) => name switch
    {
        "*silence" => Silence.Value,
        "*noise" => UniformNoise.Value,
        "*gnoise" => GaussianNoise.Value,
        _ => null,
    };

    /// <summary>True for the names <see cref="Periodic(string)"/> or <see cref="Plain"/> know.</summary>
    public static bool Knows(string name) => Periodic(name) is not null || Plain(name) is not null;

    /// <summary>True for the noise generators (no pitch, a random start).</summary>
    public static bool IsNoise(string name) => name is "*noise" or "*gnoise";

    /// <summary>
    /// The wavetable of <c>oscillator=on</c>: the whole of <paramref name="sample"/>'s first channel is one cycle (as in
    /// sfizz, which takes the file's spectrum and rebuilds its tables from it). Its harmonics below the file's Nyquist
    /// frequency are kept, the DC term dropped. Cost: frames × kept harmonics; the caller bounds the length.
    /// </summary>
    public static OscillatorBank FromCycle(Sample sample)
    {
        int frames = sample.FrameCount;
        int harmonics = Math.Min((frames - 1) / 2, MaxHarmonics);
        var cos = new double[harmonics + 1];
        var sin = new double[harmonics + 1];
        var x = new double[frames];
        for (int n = 0; n < frames; n++)
            x[n] = sample[n, 0];
        var (cosTable, sinTable) = UnitCircle(frames);
        for (int k = 1; k <= harmonics; k++)
        {
            double a = 0, b = 0;
            long step = 0;
            for (int n = 0; n < frames; n++)
            {
                int at = (int)step;
                a += x[n] * cosTable[at];
                b += x[n] * sinTable[at];
                step += k;
                if (step >= frames)
                    step -= frames;
            }

            cos[k] = a * 2 / frames;
            sin[k] = b * 2 / frames;
        }

        return new OscillatorBank(sample.Name, cos, sin);
    }

    private static OscillatorBank Periodic(string name, Func<int, double> sineAmplitude)
    {
        int harmonics = MaxHarmonics;
        var cos = new double[harmonics + 1];
        var sin = new double[harmonics + 1];
        for (int k = 1; k <= harmonics; k++)
            sin[k] = sineAmplitude(k);
        return new OscillatorBank(name, cos, sin);
    }

    private static (double[] Cos, double[] Sin) UnitCircle(int size)
    {
        var c = new double[size];
        var s = new double[size];
        for (int i = 0; i < size; i++)
        {
            c[i] = Math.Cos(2 * Math.PI * i / size);
            s[i] = Math.Sin(2 * Math.PI * i / size);
        }

        return (c, s);
    }

    private static Sample BuildNoise(string name, bool gaussian)
    {
        // Stereo, the channels independent, as sfizz fills each side with its own draws; a fixed seed keeps renders
        // reproducible. Uniform ±1 (sfizz's uniformNoiseBounds) or Gaussian of standard deviation 0.5 (variance 0.25).
        var data = new float[NoiseFrames * 2];
        uint x = 0x12345678;
        float Next()
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            return (x >> 8) * (1f / 16777216f);
        }

        for (int i = 0; i < data.Length; i++)
        {
            if (!gaussian)
            {
                data[i] = (Next() * 2) - 1;
                continue;
            }

            double u1 = Math.Max(Next(), 1e-7), u2 = Next();
            data[i] = (float)(0.5 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2)); // unbounded, as sfizz's
        }

        return Sample.FromInterleaved(name, 48_000, 2, data, new SampleMetadata(60, 0, 0, NoiseFrames - 1));
    }

    /// <summary>
    /// One periodic waveform as harmonic amplitudes, and its band-limited tables made on demand: table b holds the
    /// harmonics at or below <see cref="HighestHarmonicHz"/> for a fundamental of 20 Hz × 2^(b/3).
    /// </summary>
    internal sealed class OscillatorBank(string name, double[] cosine, double[] sine)
    {
        private readonly ConcurrentDictionary<int, Lazy<Sample>> _tables = new();

        /// <summary>The generator's name or the wavetable file's path.</summary>
        public string Name { get; } = name;

        /// <summary>The band of a note sounding at <paramref name="hz"/>: the first whose top frequency is at or above it.</summary>
        public static int BandOf(double hz) =>
            hz <= LowestBandHz ? 0 : (int)Math.Min(200, Math.Ceiling((BandsPerOctave * Math.Log2(hz / LowestBandHz)) - 1e-9));

        /// <summary>Harmonics band <paramref name="band"/> may hold: at least the fundamental.</summary>
        public static int HarmonicsOf(int band) =>
            (int)Math.Clamp(Math.Floor(HighestHarmonicHz / (LowestBandHz * Math.Pow(2, band / (double)BandsPerOctave))), 1, MaxHarmonics);

        /// <summary>
        /// Frames of band <paramref name="band"/>'s table: 16 per cycle of its highest harmonic (a power of two, 64..8192),
        /// so the 4-point interpolation is accurate and the voice's step stays near 7 frames at the band's top frequency
        /// (the voice steps at most 64 frames per output frame).
        /// </summary>
        public static int FramesOf(int band) => (int)Math.Clamp(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(16 * HarmonicsOf(band))), MinTableFrames, MaxTableFrames);

        /// <summary>The table of band <paramref name="band"/> (shared; made once).</summary>
        public Sample Table(int band) => _tables.GetOrAdd(band, b => new Lazy<Sample>(() => Build(b))).Value;

        private Sample Build(int band)
        {
            int frames = FramesOf(band);
            var (cosTable, sinTable) = UnitCircle(frames);
            int harmonics = Math.Min(HarmonicsOf(band), sine.Length - 1);
            var sum = new double[frames];
            for (int k = 1; k <= harmonics; k++)
            {
                double a = cosine[k], b = sine[k];
                if (a == 0 && b == 0)
                    continue;
                int step = 0;
                for (int i = 0; i < frames; i++)
                {
                    sum[i] += (a * cosTable[step]) + (b * sinTable[step]);
                    step = (step + k) & (frames - 1);
                }
            }

            var data = new float[frames];
            for (int i = 0; i < frames; i++)
                data[i] = (float)sum[i];
            return Sample.FromInterleaved($"{Name} (band {band}, {harmonics} harmonics)", frames * CycleHzOf(frames), 1, data,
                new SampleMetadata(60, TableTuneCents(frames), 0, frames - 1));
        }
    }
}

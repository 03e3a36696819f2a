using System.Diagnostics;
using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Cli.Benchmarking;

/// <summary>
/// Measures the engine's cost per voice per output sample on sustained looped voices, the case that
/// bounds polyphony (FluidSynth's figure for comparison is measured the same way: held, looped notes).
/// </summary>
/// <remarks>
/// Design: block time is modelled as <c>overhead + voices × perVoice</c>. Two runs (with and without voices)
/// give both terms, so the per-voice figure is not flattered or penalised by the fixed cost of a block
/// (clearing, event handling, output conversion). Notes are spread over keys so that every voice plays at a
/// different, non-integer pitch ratio, as in music. Control thread; runs on the calling thread.
/// </remarks>
internal sealed class ThroughputBench
{
    /// <summary>Settings of a run.</summary>
    public required int Voices { get; init; }

    /// <summary>Frames per block.</summary>
    public int BlockFrames { get; init; } = 128;

    /// <summary>Output rate in Hz.</summary>
    public int SampleRate { get; init; } = 48_000;

    /// <summary>Interpolation.</summary>
    public InterpolationMode Interpolation { get; init; } = InterpolationMode.Cubic;

    /// <summary>Stereo samples instead of mono.</summary>
    public bool StereoSamples { get; init; }

    /// <summary>Measured seconds of wall time per run.</summary>
    public double Seconds { get; init; } = 2;

    /// <summary>Runs the measurement.</summary>
    public ThroughputResult Run()
    {
        double empty = MeasureBlockNanoseconds(0, Math.Min(Seconds, 0.5)).Mean;
        var loaded = MeasureBlockNanoseconds(Voices, Seconds);
        double perVoiceBlock = Math.Max(1e-3, (loaded.Mean - empty) / Voices);
        double perVoiceSample = perVoiceBlock / BlockFrames;
        double periodNs = BlockFrames * 1e9 / SampleRate;
        int voicesPerCore = (int)Math.Floor((periodNs - empty) / perVoiceBlock);
        return new ThroughputResult(Voices, BlockFrames, SampleRate, Interpolation, StereoSamples,
            perVoiceSample, empty, loaded.Mean, loaded.P99, periodNs, voicesPerCore, loaded.Blocks);
    }

    private (double Mean, double P99, int Blocks) MeasureBlockNanoseconds(int voices, double seconds)
    {
        using var sampler = new Sampler(new SamplerConfig
        {
            SampleRate = SampleRate,
            MaxPolyphony = Math.Max(1, voices),
            MaxBlockFrames = BlockFrames,
            Interpolation = Interpolation,
            MaxEventsPerBlock = Math.Max(1024, voices),
            EventQueueCapacity = Math.Max(4096, voices * 2),
        });
        sampler.SetInstrument(0, BuildInstrument(StereoSamples));
        var buffer = new float[BlockFrames * 2];
        for (int b = 0; b < 200; b++)
            sampler.Process(buffer, BlockFrames); // compile the render path before measuring
        for (int v = 0; v < voices; v++)
            sampler.NoteOn(v % 16, KeyOf(v / 16), 100);
        for (int b = 0; b < 200; b++)
            sampler.Process(buffer, BlockFrames);
        if (sampler.GetStats().ActiveVoices != voices)
            throw new InvalidOperationException($"benchmark set-up: {sampler.GetStats().ActiveVoices} voices sound, expected {voices}");

        var times = new List<double>(100_000);
        var total = Stopwatch.StartNew();
        double tickNs = 1e9 / Stopwatch.Frequency;
        while (total.Elapsed.TotalSeconds < seconds && times.Count < times.Capacity)
        {
            long t0 = Stopwatch.GetTimestamp();
            sampler.Process(buffer, BlockFrames);
            times.Add((Stopwatch.GetTimestamp() - t0) * tickNs);
        }

        times.Sort();
        double mean = 0;
        foreach (double t in times)
            mean += t;
        mean /= times.Count;
        return (mean, times[(int)(times.Count * 0.99)], times.Count);
    }

    /// <summary>
    /// The n-th distinct key of a channel: the five octaves around the key centre first, shuffled (7 is coprime
    /// with 61, so keys do not repeat), then the keys below and above them. 16 channels × 128 keys allow 2,048 voices.
    /// </summary>
    private static int KeyOf(int n) => n switch
    {
        < 61 => 36 + (n * 7 % 61),
        < 97 => 35 - (n - 61),
        _ => 97 + (n - 97),
    };

    /// <summary>A two-second looped tone with some harmonics, recorded at 44.1 kHz so that every voice resamples.</summary>
    private static Instrument BuildInstrument(bool stereo)
    {
        const int rate = 44_100, frames = rate * 2;
        int channels = stereo ? 2 : 1;
        var data = new float[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            double t = i / (double)rate;
            float s = (float)((0.3 * Math.Sin(2 * Math.PI * 220 * t)) + (0.1 * Math.Sin(2 * Math.PI * 660 * t)));
            for (int c = 0; c < channels; c++)
                data[(i * channels) + c] = s;
        }

        var sample = Sample.FromInterleaved("bench-tone", rate, channels, data);
        var region = new Region
        {
            Sample = sample,
            PitchKeyCenter = 57,
            LoopMode = LoopMode.LoopContinuous,
            LoopStart = rate / 2,
            LoopEnd = frames - 1,
            AmpEnvelope = new Envelope(0, 0.005, 0, 0.3, 0.7, 0.2),
        };
        return new Instrument("bench", [region]);
    }
}

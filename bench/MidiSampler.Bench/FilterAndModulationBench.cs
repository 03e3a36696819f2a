using BenchmarkDotNet.Attributes;
using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Bench;

/// <summary>
/// The kernels added for SFZ playback: the voice filter (TPT state-variable, per block) and whole-engine blocks of
/// 64 voices plain, filtered, filtered with LFOs and a filter envelope, and filtered with two SFZ controller routes whose
/// controllers rest (cutoff_oncc74, amplitude_oncc7: such voices idle, Voice.ControllerIdle.cs), so that the cost of each
/// feature per voice-sample reads as the difference (divide by 64 × 128).
/// </summary>
[MemoryDiagnoser]
public unsafe class FilterAndModulationBench
{
    private const int Frames = 128;
    private readonly float[] _left = new float[Frames];
    private readonly float[] _right = new float[Frames];
    private readonly float[] _output = new float[Frames * 2];
    private readonly VoiceFilter _filter = new();
    private Sampler _plain = null!;
    private Sampler _plain16 = null!;
    private Sampler _filtered = null!;
    private Sampler _modulated = null!;
    private Sampler _ccRoutes = null!;
    private Sampler _realistic = null!;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < Frames; i++)
            _left[i] = _right[i] = MathF.Sin(i * 0.3f);
        _filter.Start(FilterType.Lowpass2Pole, 6, 0);
        _filter.SetCutoff(0.02f);
        var data = new float[88_200];
        for (int i = 0; i < data.Length; i++)
            data[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 220 * i / 44_100.0));
        var sample = Sample.FromInterleaved("tone", 44_100, 1, data);
        var plain = new Region { Sample = sample, PitchKeyCenter = 57, LoopMode = LoopMode.LoopContinuous, LoopStart = 22_050, LoopEnd = data.Length - 1 };
        var filtered = plain with { FilterType = FilterType.Lowpass2Pole, CutoffHz = 1200, ResonanceDb = 6 };
        var modulated = filtered with
        {
            FilterEnvelope = new Envelope(0, 0.05, 0, 0.5, 0.3, 0.2), FilterEnvelopeDepthCents = 2400,
            PitchLfo = new Lfo(0, 0, 5, 20), AmpLfo = new Lfo(0, 0, 4, 2), FilterLfo = new Lfo(0, 0, 2, 300),
        };
        _plain = Build(plain);
        // The same tone stored as 16-bit integers (how SoundFonts and 16-bit WAVs are held): the kernels convert as they read.
        var sample16 = Sample.FromInterleavedInt16("tone16", 44_100, 1, data.Select(v => (short)Math.Round(v * 32_767)).ToArray());
        _plain16 = Build(plain with { Sample = sample16 });
        _filtered = Build(filtered);
        _modulated = Build(modulated);
        // The realistic voice of the modulation issue: 2-pole filter, amplitude and filter envelopes, three LFOs on pitch,
        // cutoff and amplitude, two controller routes (their controllers at rest, as in most of a performance).
        _realistic = Build(modulated with
        {
            AmpEnvelope = new Envelope(0, 0.005, 0, 1.5, 0.6, 0.3),
            CcModulations = [new CcModulation(ModulationTarget.CutoffCents, 74, 2400), new CcModulation(ModulationTarget.AmplitudePercent, 7, 100)],
        });
        _ccRoutes = Build(filtered with
        {
            CcModulations = [new CcModulation(ModulationTarget.CutoffCents, 74, 2400), new CcModulation(ModulationTarget.AmplitudePercent, 7, 100)],
        });
    }

    [Benchmark]
    public void Filter2PoleStereo128()
    {
        fixed (float* l = _left)
        fixed (float* r = _right)
            _filter.Process(l, r, Frames);
    }

    /// <summary>The same filter on 128-bit halves (the NEON path of a Raspberry Pi), against the AVX block form above.</summary>
    [Benchmark]
    public void Filter2PoleStereo128Vector128()
    {
        fixed (float* l = _left)
        fixed (float* r = _right)
            _filter.ProcessVector128(l, r, Frames);
    }

    /// <summary>The per-sample scalar reference.</summary>
    [Benchmark]
    public void Filter2PoleStereo128Scalar()
    {
        fixed (float* l = _left)
        fixed (float* r = _right)
            _filter.ProcessScalar(l, r, Frames);
    }

    [Benchmark(Baseline = true)]
    public void Engine64PlainVoices() => _plain.Process(_output, Frames);

    /// <summary>The plain voices on a 16-bit sample.</summary>
    [Benchmark]
    public void Engine64PlainVoices16() => _plain16.Process(_output, Frames);

    [Benchmark]
    public void Engine64FilteredVoices() => _filtered.Process(_output, Frames);

    [Benchmark]
    public void Engine64FilteredModulatedVoices() => _modulated.Process(_output, Frames);

    [Benchmark]
    public void Engine64FilteredCcRoutesAtRest() => _ccRoutes.Process(_output, Frames);

    [Benchmark]
    public void Engine64RealisticVoices() => _realistic.Process(_output, Frames);

    private static Sampler Build(Region region)
    {
        var sampler = new Sampler(new SamplerConfig { MaxPolyphony = 64, MaxBlockFrames = Frames });
        sampler.SetInstrument(0, new Instrument("bench", [region]));
        for (int v = 0; v < 64; v++)
            sampler.NoteOn(v % 16, 36 + (v * 7 % 61), 100);
        var buffer = new float[Frames * 2];
        for (int b = 0; b < 100; b++)
            sampler.Process(buffer, Frames);
        return sampler;
    }
}

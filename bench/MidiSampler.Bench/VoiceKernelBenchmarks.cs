using BenchmarkDotNet.Attributes;
using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Bench;

/// <summary>
/// The voice inner loop alone: interpolate, apply envelope and gains, add into the mix, for 128 frames at a
/// non-integer pitch ratio. The AVX2 (Vector256) and Vector128 kernels against the scalar reference, cubic against
/// linear, mono against stereo, float samples against 16-bit ones (<c>*16</c>: the same tone stored as integers and
/// converted in the kernel). Result per frame: divide the mean by 128. The Vector128 kernel is what arm64 (NEON) runs.
/// </summary>
[MemoryDiagnoser]
public unsafe class VoiceKernelBenchmarks
{
    private const int Frames = 128;
    private readonly float[] _envelope = new float[Frames];
    private readonly float[] _left = new float[Frames];
    private readonly float[] _right = new float[Frames];
    private Sample _mono = null!;
    private Sample _stereo = null!;
    private Sample _mono16 = null!;
    private Sample _stereo16 = null!;
    private long _increment;

    [GlobalSetup]
    public void Setup()
    {
        var tone = new float[88_200 * 2];
        for (int i = 0; i < tone.Length; i++)
            tone[i] = MathF.Sin(i * 0.031f) * 0.5f;
        _mono = Sample.FromInterleaved("m", 44_100, 1, tone);
        _stereo = Sample.FromInterleaved("s", 44_100, 2, tone);
        var tone16 = tone.Select(v => (short)Math.Round(v * 32_767)).ToArray();
        _mono16 = Sample.FromInterleavedInt16("m16", 44_100, 1, tone16);
        _stereo16 = Sample.FromInterleavedInt16("s16", 44_100, 2, tone16);
        Array.Fill(_envelope, 0.8f);
        _increment = (long)(44_100.0 / 48_000 * 1.0594630943592953 * 4294967296.0);
    }

    [Benchmark(Baseline = true)]
    public long CubicMonoScalar() => Run(false, simd: false, cubic: true);

    [Benchmark]
    public long CubicMonoSimd() => Run(false, simd: true, cubic: true);

    [Benchmark]
    public long CubicStereoScalar() => Run(true, simd: false, cubic: true);

    [Benchmark]
    public long CubicStereoSimd() => Run(true, simd: true, cubic: true);

    [Benchmark]
    public long LinearMonoSimd() => Run(false, simd: true, cubic: false);

    [Benchmark]
    public long CubicMonoVector128() => RunVector128<Float32Values>(false);

    [Benchmark]
    public long CubicStereoVector128() => RunVector128<Float32Values>(true);

    [Benchmark]
    public long CubicMonoSimd16() => Run<Int16Values>(false, simd: true, cubic: true);

    [Benchmark]
    public long CubicStereoSimd16() => Run<Int16Values>(true, simd: true, cubic: true);

    [Benchmark]
    public long LinearMonoSimd16() => Run<Int16Values>(false, simd: true, cubic: false);

    [Benchmark]
    public long CubicMonoVector128_16() => RunVector128<Int16Values>(false);

    [Benchmark]
    public long CubicStereoVector128_16() => RunVector128<Int16Values>(true);

    private long Run(bool stereo, bool simd, bool cubic) => Run<Float32Values>(stereo, simd, cubic);

    private long RunVector128<TValues>(bool stereo)
        where TValues : struct, ISampleValues
    {
        void* data = Pick<TValues>(stereo).Frames;
        fixed (float* e = _envelope)
        fixed (float* l = _left)
        fixed (float* r = _right)
        {
            float gl = 0.7f, gr = 0.6f;
            return VoiceKernels.MixVector128<CubicHermite, TValues>(stereo, data, 1000L << 32, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0);
        }
    }

    private Sample Pick<TValues>(bool stereo)
        where TValues : struct, ISampleValues =>
        TValues.Scaled ? (stereo ? _stereo16 : _mono16) : (stereo ? _stereo : _mono);

    private long Run<TValues>(bool stereo, bool simd, bool cubic)
        where TValues : struct, ISampleValues
    {
        void* data = Pick<TValues>(stereo).Frames;
        fixed (float* e = _envelope)
        fixed (float* l = _left)
        fixed (float* r = _right)
        {
            float gl = 0.7f, gr = 0.6f;
            long position = 1000L << 32;
            if (!simd || !VoiceKernels.SimdAvailable)
            {
                return cubic
                    ? VoiceKernels.MixScalar<CubicHermite, TValues>(stereo, data, position, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0)
                    : VoiceKernels.MixScalar<LinearInterpolator, TValues>(stereo, data, position, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0);
            }

            if (!cubic)
                return VoiceKernels.MixSimdMono<LinearInterpolator, TValues>(data, position, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0);
            return stereo
                ? VoiceKernels.MixSimdStereo<CubicHermite, TValues>(data, position, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0)
                : VoiceKernels.MixSimdMono<CubicHermite, TValues>(data, position, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0);
        }
    }
}

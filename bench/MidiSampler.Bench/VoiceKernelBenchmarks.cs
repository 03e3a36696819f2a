using BenchmarkDotNet.Attributes;
using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Bench;

/// <summary>
/// The voice inner loop alone: interpolate, apply envelope and gains, add into the mix, for 128 frames at a
/// non-integer pitch ratio. The AVX2 (Vector256) and Vector128 kernels against the scalar reference, cubic against
/// linear, mono against stereo. Result per frame: divide the mean by 128. The Vector128 kernel is what arm64 (NEON) runs.
/// </summary>
[MemoryDiagnoser]
public unsafe class VoiceKernelBenchmarks
{
    private const int Frames = 128;
    private readonly float[] _envelope = new float[Frames];
    private readonly float[] _left = new float[Frames];
    private readonly float[] _right = new float[Frames];
    private float[] _mono = [];
    private float[] _stereo = [];
    private long _increment;

    [GlobalSetup]
    public void Setup()
    {
        var tone = new float[88_200 * 2];
        for (int i = 0; i < tone.Length; i++)
            tone[i] = MathF.Sin(i * 0.031f) * 0.5f;
        _mono = Sample.FromInterleaved("m", 44_100, 1, tone).Data;
        _stereo = Sample.FromInterleaved("s", 44_100, 2, tone).Data;
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
    public long CubicMonoVector128() => RunVector128(false);

    [Benchmark]
    public long CubicStereoVector128() => RunVector128(true);

    private long RunVector128(bool stereo)
    {
        fixed (float* data = stereo ? _stereo : _mono)
        fixed (float* e = _envelope)
        fixed (float* l = _left)
        fixed (float* r = _right)
        {
            float gl = 0.7f, gr = 0.6f;
            return VoiceKernels.MixVector128<CubicHermite>(stereo, data, 1000L << 32, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0);
        }
    }

    private long Run(bool stereo, bool simd, bool cubic)
    {
        fixed (float* data = stereo ? _stereo : _mono)
        fixed (float* e = _envelope)
        fixed (float* l = _left)
        fixed (float* r = _right)
        {
            float gl = 0.7f, gr = 0.6f;
            long position = 1000L << 32;
            if (!simd || !VoiceKernels.SimdAvailable)
            {
                return cubic
                    ? VoiceKernels.MixScalar<CubicHermite>(stereo, data, position, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0)
                    : VoiceKernels.MixScalar<LinearInterpolator>(stereo, data, position, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0);
            }

            if (!cubic)
                return VoiceKernels.MixSimdMono<LinearInterpolator>(data, position, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0);
            return stereo
                ? VoiceKernels.MixSimdStereo<CubicHermite>(data, position, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0)
                : VoiceKernels.MixSimdMono<CubicHermite>(data, position, _increment, Frames, e, l, r, ref gl, 0, ref gr, 0);
        }
    }
}

using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Tests.Dsp;

/// <summary>The SIMD kernels agree with the scalar reference.</summary>
public unsafe class VoiceKernelTests
{
    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(false, 0.7371)]
    [InlineData(true, 1.4983)]
    [InlineData(true, 0.25)]
    [InlineData(false, 1.7142)] // the largest ratios the 16-sample window takes (VoiceKernels.WindowMaxIncrement)
    [InlineData(true, 1.7142)]
    [InlineData(false, 1.7143)] // and the smallest the gathers take
    [InlineData(true, 2.9)]
    [InlineData(false, 0.0031)]
    public void Simd_matches_scalar(bool stereo, double ratio)
    {
        const int frames = KernelFrames;
        var (sample, envelope, increment, start) = KernelInput(stereo, ratio, seed: 3);

        (float[] L, float[] R, long End) Run(bool simd, bool cubic)
        {
            var l = new float[frames];
            var r = new float[frames];
            float gl = 0.9f, gr = 0.4f;
            long end;
                        void* d = sample.Frames;
            fixed (float* e = envelope)
            fixed (float* pl = l)
            fixed (float* pr = r)
            {
                if (simd && VoiceKernels.SimdAvailable)
                {
                    end = cubic
                        ? (stereo ? VoiceKernels.MixSimdStereo<CubicHermite, Float32Values>(d, start, increment, frames, e, pl, pr, ref gl, 0.001f, ref gr, -0.001f)
                                  : VoiceKernels.MixSimdMono<CubicHermite, Float32Values>(d, start, increment, frames, e, pl, pr, ref gl, 0.001f, ref gr, -0.001f))
                        : (stereo ? VoiceKernels.MixSimdStereo<LinearInterpolator, Float32Values>(d, start, increment, frames, e, pl, pr, ref gl, 0.001f, ref gr, -0.001f)
                                  : VoiceKernels.MixSimdMono<LinearInterpolator, Float32Values>(d, start, increment, frames, e, pl, pr, ref gl, 0.001f, ref gr, -0.001f));
                }
                else
                {
                    end = cubic
                        ? VoiceKernels.MixScalar<CubicHermite, Float32Values>(stereo, d, start, increment, frames, e, pl, pr, ref gl, 0.001f, ref gr, -0.001f)
                        : VoiceKernels.MixScalar<LinearInterpolator, Float32Values>(stereo, d, start, increment, frames, e, pl, pr, ref gl, 0.001f, ref gr, -0.001f);
                }
            }

            return (l, r, end);
        }

        foreach (bool cubic in new[] { true, false })
        {
            var a = Run(simd: false, cubic);
            var b = Run(simd: true, cubic);
            Assert.Equal(a.End, b.End);
            for (int i = 0; i < frames; i++)
            {
                Assert.True(Math.Abs(a.L[i] - b.L[i]) < 2e-5, $"left frame {i}: {a.L[i]} vs {b.L[i]}");
                Assert.True(Math.Abs(a.R[i] - b.R[i]) < 2e-5, $"right frame {i}: {a.R[i]} vs {b.R[i]}");
            }
        }
    }

    /// <summary>
    /// The Vector128 kernel (NEON on arm64; SSE here) against the scalar one, at pitch ratios whose lanes cross frames,
    /// with a frame count that leaves a scalar tail. Run by CI with DOTNET_EnableAVX2=0 and DOTNET_EnableAVX=0 too, where
    /// <see cref="VoiceKernels.Mix{TInterp, TValues}"/> itself picks this kernel.
    /// </summary>
    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(false, 0.7371)]
    [InlineData(true, 1.4983)]
    [InlineData(true, 0.25)]
    public void Vector128_matches_scalar(bool stereo, double ratio)
    {
        const int frames = KernelFrames;
        var (sample, envelope, increment, start) = KernelInput(stereo, ratio, seed: 5);

        foreach (bool cubic in new[] { true, false })
        {
            var scalar = new float[2 * frames];
            var vector = new float[2 * frames];
            long scalarEnd, vectorEnd;
                        void* d = sample.Frames;
            fixed (float* e = envelope)
            fixed (float* s = scalar)
            fixed (float* v = vector)
            {
                float gl = 0.9f, gr = 0.4f, hl = 0.9f, hr = 0.4f;
                scalarEnd = cubic
                    ? VoiceKernels.MixScalar<CubicHermite, Float32Values>(stereo, d, start, increment, frames, e, s, s + frames, ref gl, 0.001f, ref gr, -0.001f)
                    : VoiceKernels.MixScalar<LinearInterpolator, Float32Values>(stereo, d, start, increment, frames, e, s, s + frames, ref gl, 0.001f, ref gr, -0.001f);
                vectorEnd = cubic
                    ? VoiceKernels.MixVector128<CubicHermite, Float32Values>(stereo, d, start, increment, frames, e, v, v + frames, ref hl, 0.001f, ref hr, -0.001f)
                    : VoiceKernels.MixVector128<LinearInterpolator, Float32Values>(stereo, d, start, increment, frames, e, v, v + frames, ref hl, 0.001f, ref hr, -0.001f);
                Assert.Equal(gl, hl, 4);
                Assert.Equal(gr, hr, 4);
            }

            Assert.Equal(scalarEnd, vectorEnd);
            for (int i = 0; i < 2 * frames; i++)
                Assert.True(Math.Abs(scalar[i] - vector[i]) < 2e-5, $"{(i < frames ? "left" : "right")} frame {i % frames}: {scalar[i]} vs {vector[i]}");
        }
    }

    /// <summary>
    /// 16-bit storage renders bit-identically to the same values stored as float, in every kernel (scalar, Vector128,
    /// AVX2), mono and stereo, linear and cubic, including the one-frame step across a loop seam: the kernels scale by
    /// 2^-15 after interpolating, which commutes exactly with every rounding.
    /// </summary>
    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(false, 0.7371)]
    [InlineData(true, 1.4983)]
    [InlineData(true, 0.25)]
    [InlineData(false, 2.3)] // above VoiceKernels.WindowMaxIncrement: the gathers
    [InlineData(true, 2.3)]
    public void Int16_storage_renders_exactly_as_float(bool stereo, double ratio)
    {
        const int frames = KernelFrames;
        int channels = stereo ? 2 : 1;
        var random = new Random(17);
        var values = new short[5000 * channels];
        for (int i = 0; i < values.Length; i++)
            values[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);
        values[10] = short.MinValue;
        values[11] = short.MaxValue;
        var asFloat = Sample.FromInterleaved("f", 48_000, channels, values.Select(v => v / 32768f).ToArray());
        var asInt16 = Sample.FromInterleavedInt16("i", 48_000, channels, values);
        Assert.Equal(SampleFormat.Int16, asInt16.Format);
        Assert.Equal(asFloat.ResidentBytes / 2, asInt16.ResidentBytes);
        var envelope = new float[frames];
        for (int i = 0; i < frames; i++)
            envelope[i] = 1f - (i / (float)frames);
        long increment = (long)(ratio * 4294967296.0), start = (17L << 32) + 123456789;

        foreach (string kernel in new[] { "scalar", "vector128", "avx2", "dispatch", "seam" })
        {
            if (kernel == "avx2" && !VoiceKernels.SimdAvailable)
                continue;
            foreach (bool cubic in new[] { true, false })
            {
                var a = Render<Float32Values>(asFloat.Frames, kernel, cubic, SampleFormat.Float32);
                var b = Render<Int16Values>(asInt16.Frames, kernel, cubic, SampleFormat.Int16);
                Assert.Equal(a.End, b.End);
                for (int i = 0; i < a.Mix.Length; i++)
                    Assert.True(a.Mix[i] == b.Mix[i], $"{kernel}, {(cubic ? "cubic" : "linear")}, value {i}: float {a.Mix[i]} vs 16-bit {b.Mix[i]}");
                Assert.True(a.Mix.Max(Math.Abs) > 0.01f, "the kernels should have mixed something");
            }
        }

        (float[] Mix, long End) Render<TValues>(void* d, string kernel, bool cubic, SampleFormat format)
            where TValues : struct, ISampleValues
        {
            var mix = new float[2 * frames];
            long end = 0;
            fixed (float* e = envelope)
            fixed (float* m = mix)
            {
                float gl = 0.9f, gr = 0.4f;
                float* l = m, r = m + frames;
                switch (kernel)
                {
                    case "scalar":
                        end = cubic
                            ? VoiceKernels.MixScalar<CubicHermite, TValues>(stereo, d, start, increment, frames, e, l, r, ref gl, 0.001f, ref gr, -0.001f)
                            : VoiceKernels.MixScalar<LinearInterpolator, TValues>(stereo, d, start, increment, frames, e, l, r, ref gl, 0.001f, ref gr, -0.001f);
                        break;
                    case "vector128":
                        end = cubic
                            ? VoiceKernels.MixVector128<CubicHermite, TValues>(stereo, d, start, increment, frames, e, l, r, ref gl, 0.001f, ref gr, -0.001f)
                            : VoiceKernels.MixVector128<LinearInterpolator, TValues>(stereo, d, start, increment, frames, e, l, r, ref gl, 0.001f, ref gr, -0.001f);
                        break;
                    case "avx2":
                        end = (stereo, cubic) switch
                        {
                            (true, true) => VoiceKernels.MixSimdStereo<CubicHermite, TValues>(d, start, increment, frames, e, l, r, ref gl, 0.001f, ref gr, -0.001f),
                            (true, false) => VoiceKernels.MixSimdStereo<LinearInterpolator, TValues>(d, start, increment, frames, e, l, r, ref gl, 0.001f, ref gr, -0.001f),
                            (false, true) => VoiceKernels.MixSimdMono<CubicHermite, TValues>(d, start, increment, frames, e, l, r, ref gl, 0.001f, ref gr, -0.001f),
                            _ => VoiceKernels.MixSimdMono<LinearInterpolator, TValues>(d, start, increment, frames, e, l, r, ref gl, 0.001f, ref gr, -0.001f),
                        };
                        break;
                    case "dispatch":
                        end = cubic
                            ? VoiceKernels.Mix<CubicHermite>(stereo, format == SampleFormat.Int16, d, start, increment, frames, e, l, r, ref gl, 0.001f, ref gr, -0.001f)
                            : VoiceKernels.Mix<LinearInterpolator>(stereo, format == SampleFormat.Int16, d, start, increment, frames, e, l, r, ref gl, 0.001f, ref gr, -0.001f);
                        break;
                    default:
                        for (int k = 0; k < frames; k++)
                        {
                            int t0 = 20 + (k * 7 % 4000);
                            if (cubic)
                                VoiceKernels.MixOneFrame<CubicHermite>(stereo, format == SampleFormat.Int16, d, t0 + 3000, t0, t0 + 1, 5, k / (float)frames, e[k], l + k, r + k, gl, gr);
                            else
                                VoiceKernels.MixOneFrame<LinearInterpolator>(stereo, format == SampleFormat.Int16, d, t0 + 3000, t0, t0 + 1, 5, k / (float)frames, e[k], l + k, r + k, gl, gr);
                        }

                        break;
                }
            }

            return (mix, end);
        }
    }

    private const int KernelFrames = 203;

    /// <summary>
    /// The windowed kernel reads up to 12 frames past a run's last tap: the padding must hold them. The sample is placed
    /// so that its padded data ends at a page followed by an inaccessible one, and the voice plays to its very end (the
    /// last position a non-looping run may reach, Voice: End + 1): at a tiny ratio the window reaches furthest past the
    /// taps; a read past the padding would kill the test process with SIGSEGV. The result must equal the scalar kernel's.
    /// </summary>
    [Theory]
    [InlineData(false, 0.001, false)]
    [InlineData(true, 0.001, false)]
    [InlineData(false, 1.7142, false)]
    [InlineData(true, 1.7142, false)]
    [InlineData(false, 0.001, true)]
    [InlineData(true, 0.001, true)]
    public void Window_reads_stay_inside_the_padding(bool stereo, double ratio, bool int16)
    {
        if (!VoiceKernels.SimdAvailable)
            return; // the windowed kernel is AVX2's; the scalar and Vector128 kernels read only the taps
        int channels = stereo ? 2 : 1;
        int valueBytes = int16 ? sizeof(short) : sizeof(float);
        const int frameCount = 300;
        long increment = (long)(ratio * 4294967296.0);
        int values = (frameCount + (2 * Sample.PadFrames)) * channels;
        nuint page = (nuint)Environment.SystemPageSize;
        nuint bytes = ((((nuint)values * (nuint)valueBytes) + page - 1) / page * page) + page;
        byte* mapping = (byte*)Mmap(null, bytes, 3, 0x22, -1, 0); // PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS
        Assert.True(mapping != (byte*)-1, "mmap failed");
        try
        {
            Assert.Equal(0, Mprotect(mapping + bytes - page, page, 0)); // PROT_NONE: the page after the data
            void* data = mapping + bytes - page - (values * valueBytes);
            var random = new Random(7);
            for (int i = Sample.PadFrames * channels; i < (Sample.PadFrames + frameCount) * channels; i++)
            {
                float v = (float)((random.NextDouble() * 2) - 1);
                if (int16)
                    ((short*)data)[i] = (short)(v * 32000);
                else
                    ((float*)data)[i] = v;
            }

            // A run of whole 8-frame groups whose last frame sits at position End + 1 = frameCount (taps up to frameCount + 2).
            const int frames = 64;
            long start = ((long)frameCount << 32) - (increment * (frames - 1));
            var simd = int16 ? Run<Int16Values>(true) : Run<Float32Values>(true);
            var scalar = int16 ? Run<Int16Values>(false) : Run<Float32Values>(false);
            Assert.Equal(scalar.End, simd.End);
            for (int i = 0; i < 2 * frames; i++)
                Assert.True(Math.Abs(simd.Mix[i] - scalar.Mix[i]) < 2e-5, $"sample {i}: {simd.Mix[i]} vs {scalar.Mix[i]}");

            (float[] Mix, long End) Run<TValues>(bool windowed)
                where TValues : struct, ISampleValues
            {
                var envelope = new float[frames];
                Array.Fill(envelope, 1f);
                var mix = new float[2 * frames];
                fixed (float* e = envelope)
                fixed (float* m = mix)
                {
                    float gl = 1, gr = 1;
                    long end = !windowed
                        ? VoiceKernels.MixScalar<CubicHermite, TValues>(stereo, data, start, increment, frames, e, m, m + frames, ref gl, 0, ref gr, 0)
                        : stereo
                            ? VoiceKernels.MixSimdStereo<CubicHermite, TValues>(data, start, increment, frames, e, m, m + frames, ref gl, 0, ref gr, 0)
                            : VoiceKernels.MixSimdMono<CubicHermite, TValues>(data, start, increment, frames, e, m, m + frames, ref gl, 0, ref gr, 0);
                    return (mix, end);
                }
            }
        }
        finally
        {
            _ = Munmap(mapping, bytes);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mmap")]
    private static extern void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mprotect")]
    private static extern int Mprotect(void* address, nuint length, int protection);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "munmap")]
    private static extern int Munmap(void* address, nuint length);

    /// <summary>Random sample data (5,000 frames), a falling envelope over <see cref="KernelFrames"/>, the 32.32 increment
    /// of <paramref name="ratio"/> and a start position between frames.</summary>
    private static (Sample Sample, float[] Envelope, long Increment, long Start) KernelInput(bool stereo, double ratio, int seed)
    {
        int channels = stereo ? 2 : 1;
        var random = new Random(seed);
        var data = new float[5000 * channels];
        for (int i = 0; i < data.Length; i++)
            data[i] = (float)((random.NextDouble() * 2) - 1);
        var envelope = new float[KernelFrames];
        for (int i = 0; i < KernelFrames; i++)
            envelope[i] = 1f - (i / (float)KernelFrames);
        return (Sample.FromInterleaved("r", 48_000, channels, data), envelope, (long)(ratio * 4294967296.0), (17L << 32) + 123456789);
    }

    /// <summary>
    /// The gained mixes (a filtered voice's run into the mix, mono and through the width matrix) against their scalar
    /// reference: Vector256 here by default, Vector128 in CI's DOTNET_EnableAVX=0 run, with a tail of 3 frames.
    /// </summary>
    [Fact]
    public void Gained_mixes_match_scalar()
    {
        const int frames = 203;
        var random = new Random(11);
        var sourceLeft = new float[frames];
        var sourceRight = new float[frames];
        for (int i = 0; i < frames; i++)
        {
            sourceLeft[i] = (float)((random.NextDouble() * 2) - 1);
            sourceRight[i] = (float)((random.NextDouble() * 2) - 1);
        }

        foreach (bool mono in new[] { true, false })
        {
            var expected = new float[2 * frames];
            var actual = new float[2 * frames];
            fixed (float* sl = sourceLeft)
            fixed (float* sr = sourceRight)
            fixed (float* x = expected)
            fixed (float* a = actual)
            {
                float gl = 0.9f, gr = 0.4f, hl = 0.9f, hr = 0.4f;
                if (mono)
                {
                    VoiceKernels.MixGainedScalar(sl, null, x, x + frames, frames, 1, 0, ref gl, 0.001f, ref gr, -0.001f, 0);
                    VoiceKernels.MixGainedMono(sl, a, a + frames, frames, ref hl, 0.001f, ref hr, -0.001f);
                }
                else
                {
                    VoiceKernels.MixGainedScalar(sl, sr, x, x + frames, frames, 0.8f, 0.2f, ref gl, 0.001f, ref gr, -0.001f, 0);
                    VoiceKernels.MixGainedWidth(sl, sr, a, a + frames, frames, 0.8f, 0.2f, ref hl, 0.001f, ref hr, -0.001f);
                }

                Assert.Equal(gl, hl, 4);
                Assert.Equal(gr, hr, 4);
            }

            for (int i = 0; i < 2 * frames; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"{(mono ? "mono" : "width")} sample {i}: {expected[i]} vs {actual[i]}");
        }
    }

    [Fact]
    public void Cubic_hermite_passes_through_the_samples_and_is_exact_on_a_parabola()
    {
        Assert.Equal(2f, CubicHermite.Interpolate(1, 2, 3, 4, 0));
        // Catmull-Rom reproduces quadratics exactly: y = t² at t = -1, 0, 1, 2 gives 0.25 at t = 0.5.
        Assert.Equal(0.25f, CubicHermite.Interpolate(1, 0, 1, 4, 0.5f), 6);
        Assert.Equal(2.5f, LinearInterpolator.Interpolate(0, 2, 3, 0, 0.5f));
    }

    [Theory]
    [InlineData(false, 1f, 0f)]
    [InlineData(true, 1f, 0f)]
    [InlineData(true, 0.25f, 0.75f)]
    public void Gained_mix_simd_matches_scalar(bool stereo, float direct, float cross)
    {
        var random = new Random(5);
        const int frames = 77;
        var sl = Enumerable.Range(0, frames).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var sr = Enumerable.Range(0, frames).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var l1 = new float[frames]; var r1 = new float[frames]; var l2 = new float[frames]; var r2 = new float[frames];
        float gl1 = 0.8f, gr1 = 0.3f, gl2 = 0.8f, gr2 = 0.3f;
        fixed (float* a = sl)
        fixed (float* b = sr)
        fixed (float* pl1 = l1)
        fixed (float* pr1 = r1)
        fixed (float* pl2 = l2)
        fixed (float* pr2 = r2)
        {
            if (!stereo)
            {
                VoiceKernels.MixGainedMono(a, pl1, pr1, frames, ref gl1, 0.002f, ref gr1, -0.001f);
                VoiceKernels.MixGainedScalar(a, null, pl2, pr2, frames, 1, 0, ref gl2, 0.002f, ref gr2, -0.001f, 0);
            }
            else
            {
                VoiceKernels.MixGainedWidth(a, b, pl1, pr1, frames, direct, cross, ref gl1, 0.002f, ref gr1, -0.001f);
                VoiceKernels.MixGainedScalar(a, b, pl2, pr2, frames, direct, cross, ref gl2, 0.002f, ref gr2, -0.001f, 0);
            }
        }

        for (int i = 0; i < frames; i++)
        {
            Assert.Equal(l2[i], l1[i], 1e-5f);
            Assert.Equal(r2[i], r1[i], 1e-5f);
        }

        Assert.Equal(gl2, gl1, 1e-4f);
        Assert.Equal(gr2, gr1, 1e-4f);
    }
}

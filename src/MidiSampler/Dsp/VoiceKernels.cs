using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MidiSampler.Model;

namespace MidiSampler.Dsp;

/// <summary>
/// The inner loop of a voice: read the sample at a fractional position, interpolate, apply the
/// envelope and the left/right gains (with a linear gain ramp), and add into the mix.
/// </summary>
/// <remarks>
/// Design: positions are 32.32 fixed point (frame in the high word), so pitch never drifts however
/// long a note is held. The SIMD path (AVX2 gathers, 8 frames at a time) computes the 8 lanes'
/// positions in float relative to the first lane's integer frame, which is exact to about 1e-6 of a
/// frame, then advances the fixed-point position by exactly 8 increments. Without AVX2 (arm64's NEON, x64 with
/// AVX disabled or absent) the Vector128 path runs 4 frames at a time with per-lane loads. The caller guarantees
/// that every tap of every frame lies inside the sample's padded array (the voice stops a run before
/// a loop boundary and steps across it one frame at a time). A scalar version of each kernel is
/// kept beside the SIMD ones: it is the fallback and the reference the tests compare
/// against. Threads: audio thread; no allocation.
/// </remarks>
internal static unsafe class VoiceKernels
{
    /// <summary>2^-32: converts the low word of a fixed-point position to a fraction.</summary>
    public const float FractionScale = 1f / 4294967296f;

    /// <summary>Whether the SIMD kernels can run on this CPU.</summary>
    public static bool SimdAvailable => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Whether the Vector128 kernel is hardware accelerated (NEON on arm64; SSE on x64, used there without AVX2).</summary>
    public static bool Vector128Available => Vector128.IsHardwareAccelerated;

    /// <summary>Mixes <paramref name="frames"/> frames; returns the advanced position. Picks AVX2, else Vector128, else scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Mix<TInterp>(bool stereo, float* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator
    {
        if (SimdAvailable && frames >= 8)
        {
            return stereo
                ? MixSimdStereo<TInterp>(data, position, increment, frames, envelope, left, right, ref gainLeft, stepLeft, ref gainRight, stepRight)
                : MixSimdMono<TInterp>(data, position, increment, frames, envelope, left, right, ref gainLeft, stepLeft, ref gainRight, stepRight);
        }

        if (Vector128Available && frames >= 4)
            return MixVector128<TInterp>(stereo, data, position, increment, frames, envelope, left, right, ref gainLeft, stepLeft, ref gainRight, stepRight);

        return MixScalar<TInterp>(stereo, data, position, increment, frames, envelope, left, right, ref gainLeft, stepLeft, ref gainRight, stepRight);
    }

    /// <summary>The plain scalar kernel (reference and fallback).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MixScalar<TInterp>(bool stereo, float* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator
    {
        float gl = gainLeft, gr = gainRight;
        if (stereo)
        {
            for (int k = 0; k < frames; k++)
            {
                float* p = data + ((Sample.PadFrames + (int)(position >> 32)) * 2);
                float x = (uint)position * FractionScale;
                float sl = TInterp.Interpolate(p[-2], p[0], p[2], p[4], x);
                float sr = TInterp.Interpolate(p[-1], p[1], p[3], p[5], x);
                float e = envelope[k];
                left[k] += sl * e * gl;
                right[k] += sr * e * gr;
                gl += stepLeft;
                gr += stepRight;
                position += increment;
            }
        }
        else
        {
            for (int k = 0; k < frames; k++)
            {
                float* p = data + Sample.PadFrames + (int)(position >> 32);
                float x = (uint)position * FractionScale;
                float s = TInterp.Interpolate(p[-1], p[0], p[1], p[2], x) * envelope[k];
                left[k] += s * gl;
                right[k] += s * gr;
                gl += stepLeft;
                gr += stepRight;
                position += increment;
            }
        }

        gainLeft = gl;
        gainRight = gr;
        return position;
    }

    /// <summary>
    /// The Vector128 kernel (4 frames at a time; NEON on arm64). Without gathers, each lane's taps are loaded from its own
    /// frame, computed in fixed point exactly as the scalar kernel does; the interpolation, envelope and gains run on
    /// vectors. Requires <see cref="Vector128Available"/> for speed (it is correct anywhere).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MixVector128<TInterp>(bool stereo, float* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator
    {
        var lane = Vector128.Create(0f, 1f, 2f, 3f);
        var stepLeftLanes = lane * stepLeft;
        var stepRightLanes = lane * stepRight;
        int k = 0;
        for (; k <= frames - 4; k += 4)
        {
            long p1 = position + increment, p2 = p1 + increment, p3 = p2 + increment;
            var x = Vector128.Create((uint)position * FractionScale, (uint)p1 * FractionScale, (uint)p2 * FractionScale, (uint)p3 * FractionScale);
            var e = Vector128.Load(envelope + k);
            Vector128<float> sl, sr;
            if (stereo)
            {
                float* a = data + ((Sample.PadFrames + (int)(position >> 32)) * 2);
                float* b = data + ((Sample.PadFrames + (int)(p1 >> 32)) * 2);
                float* c = data + ((Sample.PadFrames + (int)(p2 >> 32)) * 2);
                float* d = data + ((Sample.PadFrames + (int)(p3 >> 32)) * 2);
                bool outer = TInterp.UsesOuterTaps;
                sl = TInterp.Interpolate(outer ? Taps(a, b, c, d, -2) : default, Taps(a, b, c, d, 0), Taps(a, b, c, d, 2), outer ? Taps(a, b, c, d, 4) : default, x) * e;
                sr = TInterp.Interpolate(outer ? Taps(a, b, c, d, -1) : default, Taps(a, b, c, d, 1), Taps(a, b, c, d, 3), outer ? Taps(a, b, c, d, 5) : default, x) * e;
            }
            else
            {
                float* a = data + Sample.PadFrames + (int)(position >> 32);
                float* b = data + Sample.PadFrames + (int)(p1 >> 32);
                float* c = data + Sample.PadFrames + (int)(p2 >> 32);
                float* d = data + Sample.PadFrames + (int)(p3 >> 32);
                bool outer = TInterp.UsesOuterTaps;
                sl = sr = TInterp.Interpolate(outer ? Taps(a, b, c, d, -1) : default, Taps(a, b, c, d, 0), Taps(a, b, c, d, 1), outer ? Taps(a, b, c, d, 2) : default, x) * e;
            }

            var gl = Vector128.Create(gainLeft) + stepLeftLanes;
            var gr = Vector128.Create(gainRight) + stepRightLanes;
            Vector128.Store(Vector128Math.MultiplyAdd(sl, gl, Vector128.Load(left + k)), left + k);
            Vector128.Store(Vector128Math.MultiplyAdd(sr, gr, Vector128.Load(right + k)), right + k);
            gainLeft += stepLeft * 4;
            gainRight += stepRight * 4;
            position = p3 + increment;
        }

        if (k < frames)
        {
            position = MixScalar<TInterp>(stereo, data, position, increment, frames - k, envelope + k, left + k, right + k,
                ref gainLeft, stepLeft, ref gainRight, stepRight);
        }

        return position;

        static Vector128<float> Taps(float* a, float* b, float* c, float* d, int offset) => Vector128.Create(a[offset], b[offset], c[offset], d[offset]);
    }

    /// <summary>The AVX2 kernel for mono samples. Requires <see cref="SimdAvailable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MixSimdMono<TInterp>(float* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator
    {
        var lane = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
        var incrementLanes = lane * (float)(increment * (double)FractionScale);
        var stepLeftLanes = lane * stepLeft;
        var stepRightLanes = lane * stepRight;
        long increment8 = increment * 8;
        float* origin = data + Sample.PadFrames;
        // Up to WindowMaxIncrement the 8 frames' taps lie in 16 consecutive samples from the first one's tap -1: two
        // loads and permutes pick them, instead of four gathers (a gather costs about 9 cycles on Zen 2, and most
        // voices play near their sample's own pitch). The window may read up to 12 frames past the last tap, which
        // the padding allows (Sample.PadFrames).
        bool windowed = increment < WindowMaxIncrement;
        int k = 0;
        for (; k <= frames - 8; k += 8)
        {
            int baseFrame = (int)(position >> 32);
            var relative = Vector256.Create((uint)position * FractionScale) + incrementLanes;
            var whole = Avx.Floor(relative);
            var x = relative - whole;
            var offset = Avx.ConvertToVector256Int32WithTruncation(whole);
            Vector256<float> ym1 = default, y0, y1, y2 = default;
            if (windowed)
            {
                float* window = origin + baseFrame - 1;
                var low = Avx.LoadVector256(window);
                var high = Avx.LoadVector256(window + 8);
                var one = Vector256.Create(1);
                var at = offset + one;
                y0 = Pick(low, high, at);
                y1 = Pick(low, high, at + one);
                if (TInterp.UsesOuterTaps)
                {
                    ym1 = Pick(low, high, offset);
                    y2 = Pick(low, high, at + one + one);
                }
            }
            else
            {
                var index = offset + Vector256.Create(baseFrame);
                y0 = Avx2.GatherVector256(origin, index, 4);
                y1 = Avx2.GatherVector256(origin + 1, index, 4);
                if (TInterp.UsesOuterTaps)
                {
                    ym1 = Avx2.GatherVector256(origin - 1, index, 4);
                    y2 = Avx2.GatherVector256(origin + 2, index, 4);
                }
            }

            var s = TInterp.Interpolate(ym1, y0, y1, y2, x) * Avx.LoadVector256(envelope + k);
            var gl = Vector256.Create(gainLeft) + stepLeftLanes;
            var gr = Vector256.Create(gainRight) + stepRightLanes;
            Avx.Store(left + k, Fma.MultiplyAdd(s, gl, Avx.LoadVector256(left + k)));
            Avx.Store(right + k, Fma.MultiplyAdd(s, gr, Avx.LoadVector256(right + k)));
            gainLeft += stepLeft * 8;
            gainRight += stepRight * 8;
            position += increment8;
        }

        if (k < frames)
        {
            position = MixScalar<TInterp>(false, data, position, increment, frames - k, envelope + k, left + k, right + k,
                ref gainLeft, stepLeft, ref gainRight, stepRight);
        }

        return position;
    }

    /// <summary>
    /// The largest increment (32.32) for which 8 frames' 4 taps fit in a 16-sample window: the last frame's tap +2 lies
    /// at most 1 + 7 × ratio + 2 samples after the first frame's tap -1, which must stay below 16.
    /// </summary>
    public const long WindowMaxIncrement = (long)(12.0 / 7.0 * 4294967296.0);

    /// <summary>Lane i of the result is sample <paramref name="index"/>[i] (0..15) of the 16-sample window low:high.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pick(Vector256<float> low, Vector256<float> high, Vector256<int> index)
    {
        // The permutes use the index's low 3 bits; bit 3, shifted into the sign, chooses the high half.
        var fromLow = Avx2.PermuteVar8x32(low, index);
        var fromHigh = Avx2.PermuteVar8x32(high, index);
        return Avx.BlendVariable(fromLow, fromHigh, Avx2.ShiftLeftLogical(index, 28).AsSingle());
    }

    /// <summary>Splits 8 interleaved stereo frames (a: frames 0-3, b: frames 4-7) into their left and right samples, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Left, Vector256<float> Right) Deinterleave(Vector256<float> a, Vector256<float> b)
    {
        // shufps takes the even (left) or odd (right) floats of each 128-bit half: L0 L1 L4 L5 | L2 L3 L6 L7; the
        // 64-bit permute (0, 2, 1, 3) puts the halves' pairs in order.
        var left = Avx2.Permute4x64(Avx.Shuffle(a, b, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle();
        var right = Avx2.Permute4x64(Avx.Shuffle(a, b, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle();
        return (left, right);
    }

    /// <summary>The AVX2 kernel for interleaved stereo samples. Requires <see cref="SimdAvailable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MixSimdStereo<TInterp>(float* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator
    {
        var lane = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
        var incrementLanes = lane * (float)(increment * (double)FractionScale);
        var stepLeftLanes = lane * stepLeft;
        var stepRightLanes = lane * stepRight;
        long increment8 = increment * 8;
        float* originL = data + (Sample.PadFrames * 2);
        float* originR = originL + 1;
        bool windowed = increment < WindowMaxIncrement;
        int k = 0;
        for (; k <= frames - 8; k += 8)
        {
            int baseFrame = (int)(position >> 32);
            var relative = Vector256.Create((uint)position * FractionScale) + incrementLanes;
            var whole = Avx.Floor(relative);
            var x = relative - whole;
            var offset = Avx.ConvertToVector256Int32WithTruncation(whole);
            Vector256<float> lm1 = default, l0, l1, l2 = default, rm1 = default, r0, r1, r2 = default;
            if (windowed)
            {
                // The 16-frame window, split into its left and right samples (see MixSimdMono).
                float* window = originL + ((baseFrame - 1) * 2);
                (var lowL, var lowR) = Deinterleave(Avx.LoadVector256(window), Avx.LoadVector256(window + 8));
                (var highL, var highR) = Deinterleave(Avx.LoadVector256(window + 16), Avx.LoadVector256(window + 24));
                var one = Vector256.Create(1);
                var at = offset + one;
                var next = at + one;
                l0 = Pick(lowL, highL, at);
                r0 = Pick(lowR, highR, at);
                l1 = Pick(lowL, highL, next);
                r1 = Pick(lowR, highR, next);
                if (TInterp.UsesOuterTaps)
                {
                    lm1 = Pick(lowL, highL, offset);
                    rm1 = Pick(lowR, highR, offset);
                    l2 = Pick(lowL, highL, next + one);
                    r2 = Pick(lowR, highR, next + one);
                }
            }
            else
            {
                var index = (offset + Vector256.Create(baseFrame)) << 1;
                l0 = Avx2.GatherVector256(originL, index, 4);
                l1 = Avx2.GatherVector256(originL + 2, index, 4);
                r0 = Avx2.GatherVector256(originR, index, 4);
                r1 = Avx2.GatherVector256(originR + 2, index, 4);
                if (TInterp.UsesOuterTaps)
                {
                    lm1 = Avx2.GatherVector256(originL - 2, index, 4);
                    l2 = Avx2.GatherVector256(originL + 4, index, 4);
                    rm1 = Avx2.GatherVector256(originR - 2, index, 4);
                    r2 = Avx2.GatherVector256(originR + 4, index, 4);
                }
            }

            var e = Avx.LoadVector256(envelope + k);
            var sl = TInterp.Interpolate(lm1, l0, l1, l2, x) * e;
            var sr = TInterp.Interpolate(rm1, r0, r1, r2, x) * e;
            var gl = Vector256.Create(gainLeft) + stepLeftLanes;
            var gr = Vector256.Create(gainRight) + stepRightLanes;
            Avx.Store(left + k, Fma.MultiplyAdd(sl, gl, Avx.LoadVector256(left + k)));
            Avx.Store(right + k, Fma.MultiplyAdd(sr, gr, Avx.LoadVector256(right + k)));
            gainLeft += stepLeft * 8;
            gainRight += stepRight * 8;
            position += increment8;
        }

        if (k < frames)
        {
            position = MixScalar<TInterp>(true, data, position, increment, frames - k, envelope + k, left + k, right + k,
                ref gainLeft, stepLeft, ref gainRight, stepRight);
        }

        return position;
    }

    /// <summary>
    /// Adds a rendered (and filtered) mono run into the mix with a linearly ramped left/right gain. SIMD when available;
    /// <see cref="MixGainedScalar"/> is the reference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MixGainedMono(float* source, float* left, float* right, int frames,
        ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated && frames >= 8)
        {
            var lane = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
            var gl = Vector256.Create(gainLeft) + (lane * stepLeft);
            var gr = Vector256.Create(gainRight) + (lane * stepRight);
            var advanceLeft = Vector256.Create(stepLeft * 8);
            var advanceRight = Vector256.Create(stepRight * 8);
            for (; k <= frames - 8; k += 8)
            {
                var x = Vector256.Load(source + k);
                Vector256.Store(Vector256.Load(left + k) + (x * gl), left + k);
                Vector256.Store(Vector256.Load(right + k) + (x * gr), right + k);
                gl += advanceLeft;
                gr += advanceRight;
            }

            gainLeft += stepLeft * k;
            gainRight += stepRight * k;
        }
        else if (Vector128.IsHardwareAccelerated && frames >= 4)
        {
            // NEON on arm64, SSE on x64 without AVX.
            var lane = Vector128.Create(0f, 1f, 2f, 3f);
            var gl = Vector128.Create(gainLeft) + (lane * stepLeft);
            var gr = Vector128.Create(gainRight) + (lane * stepRight);
            var advanceLeft = Vector128.Create(stepLeft * 4);
            var advanceRight = Vector128.Create(stepRight * 4);
            for (; k <= frames - 4; k += 4)
            {
                var x = Vector128.Load(source + k);
                Vector128.Store(Vector128.Load(left + k) + (x * gl), left + k);
                Vector128.Store(Vector128.Load(right + k) + (x * gr), right + k);
                gl += advanceLeft;
                gr += advanceRight;
            }

            gainLeft += stepLeft * k;
            gainRight += stepRight * k;
        }

        MixGainedScalar(source, null, left + k, right + k, frames - k, 1, 0, ref gainLeft, stepLeft, ref gainRight, stepRight, k);
    }

    /// <summary>Adds a rendered stereo run into the mix with ramped gains (no width matrix). SIMD when available.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MixGainedStereo(float* sourceLeft, float* sourceRight, float* left, float* right, int frames,
        ref float gainLeft, float stepLeft, ref float gainRight, float stepRight) =>
        MixGainedWidth(sourceLeft, sourceRight, left, right, frames, 1, 0, ref gainLeft, stepLeft, ref gainRight, stepRight);

    /// <summary>Adds a rendered stereo run through the width matrix (direct, cross) with ramped gains. SIMD when available.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MixGainedWidth(float* sourceLeft, float* sourceRight, float* left, float* right, int frames, float direct, float cross,
        ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated && frames >= 8)
        {
            var lane = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
            var gl = Vector256.Create(gainLeft) + (lane * stepLeft);
            var gr = Vector256.Create(gainRight) + (lane * stepRight);
            var advanceLeft = Vector256.Create(stepLeft * 8);
            var advanceRight = Vector256.Create(stepRight * 8);
            var d = Vector256.Create(direct);
            var c = Vector256.Create(cross);
            for (; k <= frames - 8; k += 8)
            {
                var xl = Vector256.Load(sourceLeft + k);
                var xr = Vector256.Load(sourceRight + k);
                Vector256.Store(Vector256.Load(left + k) + (((xl * d) + (xr * c)) * gl), left + k);
                Vector256.Store(Vector256.Load(right + k) + (((xr * d) + (xl * c)) * gr), right + k);
                gl += advanceLeft;
                gr += advanceRight;
            }

            gainLeft += stepLeft * k;
            gainRight += stepRight * k;
        }
        else if (Vector128.IsHardwareAccelerated && frames >= 4)
        {
            var lane = Vector128.Create(0f, 1f, 2f, 3f);
            var gl = Vector128.Create(gainLeft) + (lane * stepLeft);
            var gr = Vector128.Create(gainRight) + (lane * stepRight);
            var advanceLeft = Vector128.Create(stepLeft * 4);
            var advanceRight = Vector128.Create(stepRight * 4);
            var d = Vector128.Create(direct);
            var c = Vector128.Create(cross);
            for (; k <= frames - 4; k += 4)
            {
                var xl = Vector128.Load(sourceLeft + k);
                var xr = Vector128.Load(sourceRight + k);
                Vector128.Store(Vector128.Load(left + k) + (((xl * d) + (xr * c)) * gl), left + k);
                Vector128.Store(Vector128.Load(right + k) + (((xr * d) + (xl * c)) * gr), right + k);
                gl += advanceLeft;
                gr += advanceRight;
            }

            gainLeft += stepLeft * k;
            gainRight += stepRight * k;
        }

        MixGainedScalar(sourceLeft + k, sourceRight + k, left + k, right + k, frames - k, direct, cross,
            ref gainLeft, stepLeft, ref gainRight, stepRight, 0);
    }

    /// <summary>
    /// The scalar reference of the gained mixes: <paramref name="sourceRight"/> null means mono (read at
    /// <paramref name="sourceOffset"/>). Gains step once per frame.
    /// </summary>
    public static void MixGainedScalar(float* sourceLeft, float* sourceRight, float* left, float* right, int frames, float direct, float cross,
        ref float gainLeft, float stepLeft, ref float gainRight, float stepRight, int sourceOffset)
    {
        float gl = gainLeft, gr = gainRight;
        if (sourceRight == null)
        {
            float* x = sourceLeft + sourceOffset;
            for (int i = 0; i < frames; i++)
            {
                left[i] += x[i] * gl;
                right[i] += x[i] * gr;
                gl += stepLeft;
                gr += stepRight;
            }
        }
        else
        {
            for (int i = 0; i < frames; i++)
            {
                float xl = sourceLeft[i], xr = sourceRight[i];
                left[i] += ((xl * direct) + (xr * cross)) * gl;
                right[i] += ((xr * direct) + (xl * cross)) * gr;
                gl += stepLeft;
                gr += stepRight;
            }
        }

        gainLeft = gl;
        gainRight = gr;
    }

    /// <summary>One frame with explicit tap frames (used across loop boundaries). Returns nothing; adds into the mix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MixOneFrame<TInterp>(bool stereo, float* data, int tm1, int t0, int t1, int t2, float x, float envelope,
        float* left, float* right, float gainLeft, float gainRight)
        where TInterp : struct, IInterpolator
    {
        float* o = data + (Sample.PadFrames * (stereo ? 2 : 1));
        if (stereo)
        {
            float sl = TInterp.Interpolate(o[tm1 * 2], o[t0 * 2], o[t1 * 2], o[t2 * 2], x);
            float sr = TInterp.Interpolate(o[(tm1 * 2) + 1], o[(t0 * 2) + 1], o[(t1 * 2) + 1], o[(t2 * 2) + 1], x);
            *left += sl * envelope * gainLeft;
            *right += sr * envelope * gainRight;
        }
        else
        {
            float s = TInterp.Interpolate(o[tm1], o[t0], o[t1], o[t2], x) * envelope;
            *left += s * gainLeft;
            *right += s * gainRight;
        }
    }
}

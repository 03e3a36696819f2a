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
/// long a note is held. The SIMD path (AVX2, 8 frames at a time: a 16-sample window and permutes, or gathers above a
/// ratio of 12/7) computes the 8 lanes' positions in float relative to the first lane's integer frame, which is exact
/// to about 1e-6 of a frame, then advances the fixed-point position by exactly 8 increments. Without AVX2 (arm64's NEON, x64 with
/// AVX disabled or absent) the Vector128 path runs 4 frames at a time with per-lane loads. The caller guarantees
/// that every tap of every frame lies inside the sample's padded array (the voice stops a run before
/// a loop boundary and steps across it one frame at a time). A scalar version of each kernel is
/// kept beside the SIMD ones: it is the fallback and the reference the tests compare
/// against. Every kernel is generic over the sample's storage (<see cref="ISampleValues"/>): float, or 16-bit integers
/// converted as they are read, which renders bit-identically to the same values stored as float.
/// Threads: audio thread; no allocation.
/// </remarks>
internal static unsafe class VoiceKernels
{
    /// <summary>2^-32: converts the low word of a fixed-point position to a fraction.</summary>
    public const float FractionScale = 1f / 4294967296f;

    /// <summary>Whether the SIMD kernels can run on this CPU.</summary>
    public static bool SimdAvailable => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Whether the Vector128 kernel is hardware accelerated (NEON on arm64; SSE on x64, used there without AVX2).</summary>
    public static bool Vector128Available => Vector128.IsHardwareAccelerated;

    /// <summary>
    /// Mixes <paramref name="frames"/> frames of a sample stored as 16-bit integers (<paramref name="int16"/>) or floats;
    /// returns the advanced position. Picks AVX2, else Vector128, else scalar.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Mix<TInterp>(bool stereo, bool int16, void* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator =>
        int16
            ? Mix<TInterp, Int16Values>(stereo, data, position, increment, frames, envelope, left, right, ref gainLeft, stepLeft, ref gainRight, stepRight)
            : Mix<TInterp, Float32Values>(stereo, data, position, increment, frames, envelope, left, right, ref gainLeft, stepLeft, ref gainRight, stepRight);

    /// <summary>Mixes <paramref name="frames"/> frames; returns the advanced position. Picks AVX2, else Vector128, else scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Mix<TInterp, TValues>(bool stereo, void* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator
        where TValues : struct, ISampleValues
    {
        if (SimdAvailable && frames >= 8)
        {
            return stereo
                ? MixSimdStereo<TInterp, TValues>(data, position, increment, frames, envelope, left, right, ref gainLeft, stepLeft, ref gainRight, stepRight)
                : MixSimdMono<TInterp, TValues>(data, position, increment, frames, envelope, left, right, ref gainLeft, stepLeft, ref gainRight, stepRight);
        }

        if (Vector128Available && frames >= 4)
            return MixVector128<TInterp, TValues>(stereo, data, position, increment, frames, envelope, left, right, ref gainLeft, stepLeft, ref gainRight, stepRight);

        return MixScalar<TInterp, TValues>(stereo, data, position, increment, frames, envelope, left, right, ref gainLeft, stepLeft, ref gainRight, stepRight);
    }

    /// <summary>The plain scalar kernel (reference and fallback).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MixScalar<TInterp, TValues>(bool stereo, void* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator
        where TValues : struct, ISampleValues
    {
        float gl = gainLeft, gr = gainRight;
        if (stereo)
        {
            for (int k = 0; k < frames; k++)
            {
                nint p = (Sample.PadFrames + (int)(position >> 32)) * 2;
                float x = (uint)position * FractionScale;
                float sl = TInterp.Interpolate(TValues.Load(data, p - 2), TValues.Load(data, p), TValues.Load(data, p + 2), TValues.Load(data, p + 4), x);
                float sr = TInterp.Interpolate(TValues.Load(data, p - 1), TValues.Load(data, p + 1), TValues.Load(data, p + 3), TValues.Load(data, p + 5), x);
                if (TValues.Scaled)
                {
                    sl *= TValues.Scale;
                    sr *= TValues.Scale;
                }

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
                nint p = Sample.PadFrames + (int)(position >> 32);
                float x = (uint)position * FractionScale;
                float s = TInterp.Interpolate(TValues.Load(data, p - 1), TValues.Load(data, p), TValues.Load(data, p + 1), TValues.Load(data, p + 2), x);
                if (TValues.Scaled)
                    s *= TValues.Scale;
                s *= envelope[k];
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
    public static long MixVector128<TInterp, TValues>(bool stereo, void* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator
        where TValues : struct, ISampleValues
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
            if (TValues.Scaled)
                e *= TValues.Scale; // exact: a power of two (see ISampleValues)
            Vector128<float> sl, sr;
            bool outer = TInterp.UsesOuterTaps;
            if (stereo)
            {
                nint a = (Sample.PadFrames + (int)(position >> 32)) * 2;
                nint b = (Sample.PadFrames + (int)(p1 >> 32)) * 2;
                nint c = (Sample.PadFrames + (int)(p2 >> 32)) * 2;
                nint d = (Sample.PadFrames + (int)(p3 >> 32)) * 2;
                sl = TInterp.Interpolate(outer ? Taps(data, a, b, c, d, -2) : default, Taps(data, a, b, c, d, 0), Taps(data, a, b, c, d, 2), outer ? Taps(data, a, b, c, d, 4) : default, x) * e;
                sr = TInterp.Interpolate(outer ? Taps(data, a, b, c, d, -1) : default, Taps(data, a, b, c, d, 1), Taps(data, a, b, c, d, 3), outer ? Taps(data, a, b, c, d, 5) : default, x) * e;
            }
            else
            {
                nint a = Sample.PadFrames + (int)(position >> 32);
                nint b = Sample.PadFrames + (int)(p1 >> 32);
                nint c = Sample.PadFrames + (int)(p2 >> 32);
                nint d = Sample.PadFrames + (int)(p3 >> 32);
                sl = sr = TInterp.Interpolate(outer ? Taps(data, a, b, c, d, -1) : default, Taps(data, a, b, c, d, 0), Taps(data, a, b, c, d, 1), outer ? Taps(data, a, b, c, d, 2) : default, x) * e;
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
            position = MixScalar<TInterp, TValues>(stereo, data, position, increment, frames - k, envelope + k, left + k, right + k,
                ref gainLeft, stepLeft, ref gainRight, stepRight);
        }

        return position;

        static Vector128<float> Taps(void* data, nint a, nint b, nint c, nint d, int offset) =>
            Vector128.Create(TValues.Load(data, a + offset), TValues.Load(data, b + offset), TValues.Load(data, c + offset), TValues.Load(data, d + offset));
    }

    /// <summary>The AVX2 kernel for mono samples. Requires <see cref="SimdAvailable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MixSimdMono<TInterp, TValues>(void* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator
        where TValues : struct, ISampleValues
    {
        var lane = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
        var incrementLanes = lane * (float)(increment * (double)FractionScale);
        var stepLeftLanes = lane * stepLeft;
        var stepRightLanes = lane * stepRight;
        long increment8 = increment * 8;
        int valueBytes = TValues.Scaled ? sizeof(short) : sizeof(float);
        byte* origin = (byte*)data + (Sample.PadFrames * valueBytes);
        // Up to WindowMaxIncrement the 8 frames' taps lie in 16 consecutive samples from the first one's tap -1: one
        // window load and permutes pick them, instead of gathers (a gather costs about 9 cycles on Zen 2, and most voices
        // play near their sample's own pitch). The window may read up to 12 frames past the last tap, which the padding
        // allows (Sample.PadFrames).
        bool windowed = increment < WindowMaxIncrement;
        int k = 0;
        for (; k <= frames - 8; k += 8)
        {
            int baseFrame = (int)(position >> 32);
            var relative = Vector256.Create((uint)position * FractionScale) + incrementLanes;
            var whole = Avx.Floor(relative);
            var x = relative - whole;
            var offset = Avx.ConvertToVector256Int32WithTruncation(whole);
            Vector256<float> ym1, y0, y1, y2;
            if (windowed)
            {
                TValues.LoadWindowMono(origin + ((nint)(baseFrame - 1) * valueBytes), out var low, out var high);
                var one = Vector256.Create(1);
                var at = offset + one;
                var next = at + one;
                y0 = Pick(low, high, at);
                y1 = Pick(low, high, next);
                ym1 = TInterp.UsesOuterTaps ? Pick(low, high, offset) : default;
                y2 = TInterp.UsesOuterTaps ? Pick(low, high, next + one) : default;
            }
            else
            {
                TValues.GatherMono(origin, offset + Vector256.Create(baseFrame), TInterp.UsesOuterTaps, out ym1, out y0, out y1, out y2);
            }

            var s = TInterp.Interpolate(ym1, y0, y1, y2, x);
            if (TValues.Scaled)
                s *= Vector256.Create(TValues.Scale);
            s *= Avx.LoadVector256(envelope + k);
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
            position = MixScalar<TInterp, TValues>(false, data, position, increment, frames - k, envelope + k, left + k, right + k,
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

    /// <summary>The AVX2 kernel for interleaved stereo samples. Requires <see cref="SimdAvailable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MixSimdStereo<TInterp, TValues>(void* data, long position, long increment, int frames, float* envelope,
        float* left, float* right, ref float gainLeft, float stepLeft, ref float gainRight, float stepRight)
        where TInterp : struct, IInterpolator
        where TValues : struct, ISampleValues
    {
        var lane = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
        var incrementLanes = lane * (float)(increment * (double)FractionScale);
        var stepLeftLanes = lane * stepLeft;
        var stepRightLanes = lane * stepRight;
        long increment8 = increment * 8;
        int frameBytes = 2 * (TValues.Scaled ? sizeof(short) : sizeof(float));
        byte* origin = (byte*)data + (Sample.PadFrames * frameBytes);
        bool windowed = increment < WindowMaxIncrement; // see MixSimdMono
        int k = 0;
        for (; k <= frames - 8; k += 8)
        {
            int baseFrame = (int)(position >> 32);
            var relative = Vector256.Create((uint)position * FractionScale) + incrementLanes;
            var whole = Avx.Floor(relative);
            var x = relative - whole;
            var offset = Avx.ConvertToVector256Int32WithTruncation(whole);
            Vector256<float> lm1, l0, l1, l2, rm1, r0, r1, r2;
            if (windowed)
            {
                TValues.LoadWindowStereo(origin + ((nint)(baseFrame - 1) * frameBytes), out var lowL, out var lowR, out var highL, out var highR);
                var one = Vector256.Create(1);
                var at = offset + one;
                var next = at + one;
                l0 = Pick(lowL, highL, at);
                r0 = Pick(lowR, highR, at);
                l1 = Pick(lowL, highL, next);
                r1 = Pick(lowR, highR, next);
                bool outer = TInterp.UsesOuterTaps;
                lm1 = outer ? Pick(lowL, highL, offset) : default;
                rm1 = outer ? Pick(lowR, highR, offset) : default;
                l2 = outer ? Pick(lowL, highL, next + one) : default;
                r2 = outer ? Pick(lowR, highR, next + one) : default;
            }
            else
            {
                TValues.GatherStereo(origin, offset + Vector256.Create(baseFrame), TInterp.UsesOuterTaps,
                    out lm1, out l0, out l1, out l2, out rm1, out r0, out r1, out r2);
            }

            var e = Avx.LoadVector256(envelope + k);
            if (TValues.Scaled)
                e *= Vector256.Create(TValues.Scale); // exact: a power of two (see ISampleValues)
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
            position = MixScalar<TInterp, TValues>(true, data, position, increment, frames - k, envelope + k, left + k, right + k,
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
    public static void MixOneFrame<TInterp>(bool stereo, bool int16, void* data, int tm1, int t0, int t1, int t2, float x, float envelope,
        float* left, float* right, float gainLeft, float gainRight)
        where TInterp : struct, IInterpolator
    {
        if (int16)
            MixOneFrame<TInterp, Int16Values>(stereo, data, tm1, t0, t1, t2, x, envelope, left, right, gainLeft, gainRight);
        else
            MixOneFrame<TInterp, Float32Values>(stereo, data, tm1, t0, t1, t2, x, envelope, left, right, gainLeft, gainRight);
    }

    /// <summary>One frame with explicit tap frames, for one storage format.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MixOneFrame<TInterp, TValues>(bool stereo, void* data, int tm1, int t0, int t1, int t2, float x, float envelope,
        float* left, float* right, float gainLeft, float gainRight)
        where TInterp : struct, IInterpolator
        where TValues : struct, ISampleValues
    {
        if (TValues.Scaled)
            envelope *= TValues.Scale; // exact: a power of two (see ISampleValues)
        if (stereo)
        {
            nint o = Sample.PadFrames * 2;
            float sl = TInterp.Interpolate(TValues.Load(data, o + (tm1 * 2)), TValues.Load(data, o + (t0 * 2)), TValues.Load(data, o + (t1 * 2)), TValues.Load(data, o + (t2 * 2)), x);
            float sr = TInterp.Interpolate(TValues.Load(data, o + (tm1 * 2) + 1), TValues.Load(data, o + (t0 * 2) + 1), TValues.Load(data, o + (t1 * 2) + 1), TValues.Load(data, o + (t2 * 2) + 1), x);
            *left += sl * envelope * gainLeft;
            *right += sr * envelope * gainRight;
        }
        else
        {
            nint o = Sample.PadFrames;
            float s = TInterp.Interpolate(TValues.Load(data, o + tm1), TValues.Load(data, o + t0), TValues.Load(data, o + t1), TValues.Load(data, o + t2), x) * envelope;
            *left += s * gainLeft;
            *right += s * gainRight;
        }
    }
}

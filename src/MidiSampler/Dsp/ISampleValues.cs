using System.Runtime.Intrinsics;

namespace MidiSampler.Dsp;

/// <summary>
/// How the voice kernels read a sample's stored values (<see cref="Model.SampleFormat"/>): one tap, or the AVX2 gathers of
/// 8 frames' taps. Values come out unscaled; a kernel multiplies the interpolated result by <see cref="Scale"/> once.
/// </summary>
/// <remarks>
/// Design: the kernels are generic over this (struct) type, so each format gets its own compiled loop with no branch per
/// frame. Scaling after the interpolation instead of per tap is exact: the scale is a power of two (1/32,768), and every
/// operation of the interpolators is linear in the taps, so each rounding happens at the same bits either way; a 16-bit
/// sample therefore renders bit-identically to the same sample stored as float. Audio thread; allocation-free.
/// </remarks>
internal unsafe interface ISampleValues
{
    /// <summary>True when the interpolated value must be multiplied by <see cref="Scale"/> (folds at compile time).</summary>
    static abstract bool Scaled { get; }

    /// <summary>The factor from stored values to full scale ±1.</summary>
    static abstract float Scale { get; }

    /// <summary>Element <paramref name="index"/> from <paramref name="data"/> (element 0 of the guard frames), unscaled.</summary>
    static abstract float Load(void* data, nint index);

    /// <summary>AVX2: the taps around frames <paramref name="index"/> of a mono sample (<paramref name="origin"/> is frame 0).</summary>
    static abstract void GatherMono(void* origin, Vector256<int> index, bool outer,
        out Vector256<float> ym1, out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2);

    /// <summary>AVX2: the taps around frames <paramref name="index"/> of an interleaved stereo sample (<paramref name="origin"/> is frame 0).</summary>
    static abstract void GatherStereo(void* origin, Vector256<int> index, bool outer,
        out Vector256<float> lm1, out Vector256<float> l0, out Vector256<float> l1, out Vector256<float> l2,
        out Vector256<float> rm1, out Vector256<float> r0, out Vector256<float> r1, out Vector256<float> r2);

    /// <summary>The 16 consecutive mono samples from <paramref name="window"/> as floats (unscaled): 0-7 and 8-15.</summary>
    static abstract void LoadWindowMono(void* window, out Vector256<float> low, out Vector256<float> high);

    /// <summary>The 16 consecutive stereo frames from <paramref name="window"/>, split into left and right (unscaled).</summary>
    static abstract void LoadWindowStereo(void* window, out Vector256<float> lowLeft, out Vector256<float> lowRight,
        out Vector256<float> highLeft, out Vector256<float> highRight);
}

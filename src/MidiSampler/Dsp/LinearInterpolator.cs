using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MidiSampler.Dsp;

/// <summary>2-point linear interpolation: the cheap option.</summary>
internal readonly struct LinearInterpolator : IInterpolator
{
    public static bool UsesOuterTaps => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Interpolate(float ym1, float y0, float y1, float y2, float x) => y0 + ((y1 - y0) * x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Interpolate(Vector256<float> ym1, Vector256<float> y0, Vector256<float> y1, Vector256<float> y2, Vector256<float> x) =>
        Vector256.FusedMultiplyAdd(y1 - y0, x, y0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Interpolate(Vector128<float> ym1, Vector128<float> y0, Vector128<float> y1, Vector128<float> y2, Vector128<float> x) =>
        Vector128Math.MultiplyAdd(y1 - y0, x, y0);
}

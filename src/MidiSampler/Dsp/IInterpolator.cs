using System.Runtime.Intrinsics;

namespace MidiSampler.Dsp;

/// <summary>An interpolation formula over four taps y[-1], y[0], y[1], y[2] at fraction x in [0, 1).</summary>
internal interface IInterpolator
{
    /// <summary>True when the formula reads y[-1] and y[2]; the kernels skip those loads when false.</summary>
    static abstract bool UsesOuterTaps { get; }

    static abstract float Interpolate(float ym1, float y0, float y1, float y2, float x);

    static abstract Vector256<float> Interpolate(Vector256<float> ym1, Vector256<float> y0, Vector256<float> y1, Vector256<float> y2, Vector256<float> x);

    static abstract Vector128<float> Interpolate(Vector128<float> ym1, Vector128<float> y0, Vector128<float> y1, Vector128<float> y2, Vector128<float> x);
}

namespace MidiSampler.Dsp;

/// <summary>
/// tan(π·f) for a normalised frequency f = cutoff / rate in [0, <see cref="MaxNormalized"/>], by table lookup with
/// linear interpolation (relative error below 2e-6): the prewarped gain of a trapezoidal-integrator filter, computed
/// at control rate on the audio thread without <c>Math.Tan</c>. Any thread; allocation-free after the static constructor.
/// </summary>
internal static class TanTable
{
    /// <summary>The highest normalised cutoff: 0.45 × the rate, safely below Nyquist.</summary>
    public const float MaxNormalized = 0.45f;

    /// <summary>The lowest normalised cutoff (about 0.5 Hz at 48 kHz): keeps g above zero.</summary>
    public const float MinNormalized = 1e-5f;

    private const int Size = 4096;
    private const float Scale = Size / MaxNormalized;
    private static readonly float[] Table = Build();

    /// <summary>tan(π·f), f clamped to [<see cref="MinNormalized"/>, <see cref="MaxNormalized"/>].</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static float Tan(float normalized)
    {
        if (!(normalized > MinNormalized))
            normalized = MinNormalized;
        else if (normalized > MaxNormalized)
            normalized = MaxNormalized;
        return TableLookup.Interpolate(Table, Size, normalized * Scale);
    }

    private static float[] Build()
    {
        var t = new float[Size + 1];
        for (int i = 0; i <= Size; i++)
            t[i] = (float)Math.Tan(Math.PI * i / Scale);
        return t;
    }
}

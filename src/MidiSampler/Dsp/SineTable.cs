namespace MidiSampler.Dsp;

/// <summary>
/// sin(2π·phase) by table lookup with linear interpolation (1,024 points: error below 5e-6), for LFOs evaluated at
/// control rate on the audio thread. Any thread; allocation-free after the static constructor.
/// </summary>
internal static class SineTable
{
    private const int Size = 1024;
    private static readonly float[] Table = Build();

    /// <summary>sin(2π·<paramref name="phase"/>) for a phase in [0, 1) (other values wrap).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static float Sin(float phase)
    {
        phase -= MathF.Floor(phase);
        return TableLookup.Interpolate(Table, Size, phase * Size);
    }

    private static float[] Build()
    {
        var t = new float[Size + 1];
        for (int i = 0; i <= Size; i++)
            t[i] = (float)Math.Sin(2 * Math.PI * i / Size);
        return t;
    }
}

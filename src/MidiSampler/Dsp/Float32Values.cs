using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MidiSampler.Dsp;

/// <summary>Float samples: one gather per tap and channel, no scaling (the kernels' original loop).</summary>
internal readonly unsafe struct Float32Values : ISampleValues
{
    public static bool Scaled => false;

    public static float Scale => 1f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(void* data, nint index) => ((float*)data)[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GatherMono(void* origin, Vector256<int> index, bool outer,
        out Vector256<float> ym1, out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2)
    {
        float* o = (float*)origin;
        y0 = Avx2.GatherVector256(o, index, 4);
        y1 = Avx2.GatherVector256(o + 1, index, 4);
        ym1 = outer ? Avx2.GatherVector256(o - 1, index, 4) : default;
        y2 = outer ? Avx2.GatherVector256(o + 2, index, 4) : default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GatherStereo(void* origin, Vector256<int> index, bool outer,
        out Vector256<float> lm1, out Vector256<float> l0, out Vector256<float> l1, out Vector256<float> l2,
        out Vector256<float> rm1, out Vector256<float> r0, out Vector256<float> r1, out Vector256<float> r2)
    {
        float* l = (float*)origin, r = l + 1;
        var twice = index << 1;
        l0 = Avx2.GatherVector256(l, twice, 4);
        l1 = Avx2.GatherVector256(l + 2, twice, 4);
        r0 = Avx2.GatherVector256(r, twice, 4);
        r1 = Avx2.GatherVector256(r + 2, twice, 4);
        lm1 = outer ? Avx2.GatherVector256(l - 2, twice, 4) : default;
        l2 = outer ? Avx2.GatherVector256(l + 4, twice, 4) : default;
        rm1 = outer ? Avx2.GatherVector256(r - 2, twice, 4) : default;
        r2 = outer ? Avx2.GatherVector256(r + 4, twice, 4) : default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadWindowMono(void* window, out Vector256<float> low, out Vector256<float> high)
    {
        low = Avx.LoadVector256((float*)window);
        high = Avx.LoadVector256((float*)window + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadWindowStereo(void* window, out Vector256<float> lowLeft, out Vector256<float> lowRight,
        out Vector256<float> highLeft, out Vector256<float> highRight)
    {
        float* w = (float*)window;
        (lowLeft, lowRight) = Deinterleave(Avx.LoadVector256(w), Avx.LoadVector256(w + 8));
        (highLeft, highRight) = Deinterleave(Avx.LoadVector256(w + 16), Avx.LoadVector256(w + 24));
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
}

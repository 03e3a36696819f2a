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
}

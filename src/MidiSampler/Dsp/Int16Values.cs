using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MidiSampler.Dsp;

/// <summary>
/// 16-bit samples, converted inside the kernel. One 32-bit gather reads two neighbouring 16-bit values: for mono the taps
/// y[i] and y[i+1] (so linear interpolation needs one gather, cubic two, against two and four for float); for stereo the
/// left and right value of one frame. The halves are sign-extended by shifts and converted to float.
/// </summary>
internal readonly unsafe struct Int16Values : ISampleValues
{
    public static bool Scaled => true;

    public static float Scale => 1f / Model.Sample.Int16FullScale;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(void* data, nint index) => ((short*)data)[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GatherMono(void* origin, Vector256<int> index, bool outer,
        out Vector256<float> ym1, out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2)
    {
        short* o = (short*)origin;
        if (outer)
        {
            var before = Avx2.GatherVector256((int*)(o - 1), index, 2); // y[i-1] | y[i] << 16
            var after = Avx2.GatherVector256((int*)(o + 1), index, 2); // y[i+1] | y[i+2] << 16
            ym1 = Low(before);
            y0 = High(before);
            y1 = Low(after);
            y2 = High(after);
        }
        else
        {
            var pair = Avx2.GatherVector256((int*)o, index, 2); // y[i] | y[i+1] << 16
            y0 = Low(pair);
            y1 = High(pair);
            ym1 = y2 = default;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GatherStereo(void* origin, Vector256<int> index, bool outer,
        out Vector256<float> lm1, out Vector256<float> l0, out Vector256<float> l1, out Vector256<float> l2,
        out Vector256<float> rm1, out Vector256<float> r0, out Vector256<float> r1, out Vector256<float> r2)
    {
        int* o = (int*)origin; // one int per frame: left | right << 16
        var f0 = Avx2.GatherVector256(o, index, 4);
        var f1 = Avx2.GatherVector256(o + 1, index, 4);
        l0 = Low(f0);
        r0 = High(f0);
        l1 = Low(f1);
        r1 = High(f1);
        if (outer)
        {
            var fm1 = Avx2.GatherVector256(o - 1, index, 4);
            var f2 = Avx2.GatherVector256(o + 2, index, 4);
            lm1 = Low(fm1);
            rm1 = High(fm1);
            l2 = Low(f2);
            r2 = High(f2);
        }
        else
        {
            lm1 = rm1 = l2 = r2 = default;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadWindowMono(void* window, out Vector256<float> low, out Vector256<float> high)
    {
        short* w = (short*)window; // 16 samples: one 256-bit load's worth, widened in two halves
        low = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(w));
        high = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(w + 8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadWindowStereo(void* window, out Vector256<float> lowLeft, out Vector256<float> lowRight,
        out Vector256<float> highLeft, out Vector256<float> highRight)
    {
        int* w = (int*)window; // one int per frame: left | right << 16
        var low = Avx.LoadVector256(w);
        var high = Avx.LoadVector256(w + 8);
        lowLeft = Low(low);
        lowRight = High(low);
        highLeft = Low(high);
        highRight = High(high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Low(Vector256<int> v) => Avx.ConvertToVector256Single(Avx2.ShiftRightArithmetic(Avx2.ShiftLeftLogical(v, 16), 16));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> High(Vector256<int> v) => Avx.ConvertToVector256Single(Avx2.ShiftRightArithmetic(v, 16));
}

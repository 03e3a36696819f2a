using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MidiSampler.Dsp;

/// <summary>Helpers of the Vector128 kernels (NEON on arm64, SSE on x64 without AVX2).</summary>
internal static class Vector128Math
{
    /// <summary>
    /// a × b + c: fused where the CPU has it (every arm64, x64 with FMA), two operations elsewhere.
    /// <see cref="Vector128.FusedMultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/> alone would be
    /// emulated element by element on x64 without FMA, far slower than the scalar kernel. The branch folds at compile time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        Fma.IsSupported || AdvSimd.IsSupported ? Vector128.FusedMultiplyAdd(a, b, c) : (a * b) + c;
}

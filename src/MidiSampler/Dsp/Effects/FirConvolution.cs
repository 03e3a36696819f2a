using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MidiSampler.Dsp.Effects;

/// <summary>
/// A time-domain FIR convolution (SFZ v2 <c>type=tdfir</c>, Cakewalk's "time-domain FIR"): each side is convolved with
/// its impulse response, <c>out = dry × in + wet × gain × (h ∗ in)</c>. Threads: construct on the control thread;
/// <see cref="Process"/> and <see cref="Clear"/> on the audio thread (no allocation).
/// </summary>
/// <remarks>
/// Design: the impulse is stored reversed and the input history twice over (positions p and p + N), so that the last N
/// inputs, oldest first, are always one contiguous span and each output is one dot product (Vector128, which is also NEON
/// on a Raspberry Pi, with a scalar tail; <see cref="DotScalar"/> is the plain version the tests compare with). Cost: N
/// multiply-adds per frame and side, so the impulse is limited to <see cref="EngineLimits.MaxFirTaps"/> taps. Wet and dry
/// glide to controller changes over about 10 ms.
/// </remarks>
public sealed class FirConvolution : BusEffect
{
    private readonly float[] _reversedLeft;
    private readonly float[] _reversedRight;
    private readonly float[] _historyLeft;
    private readonly float[] _historyRight;
    private readonly ControlledParameter _wet;
    private readonly ControlledParameter _dry;
    private readonly float _gain;
    private readonly float _glide;
    private int _position;
    private ParameterSmoother _wetLevel;
    private ParameterSmoother _dryLevel;

    /// <summary>Builds the effect for <paramref name="sampleRate"/>, resampling the impulse (linearly) when its rate differs. Control thread.</summary>
    public FirConvolution(FirSettings settings, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _reversedLeft = Prepare(settings.ImpulseLeft, settings.ImpulseRate, sampleRate);
        _reversedRight = ReferenceEquals(settings.ImpulseLeft, settings.ImpulseRight) ? _reversedLeft : Prepare(settings.ImpulseRight, settings.ImpulseRate, sampleRate);
        int taps = Math.Max(_reversedLeft.Length, _reversedRight.Length);
        if (_reversedLeft.Length < taps)
            _reversedLeft = PadFront(_reversedLeft, taps);
        if (_reversedRight.Length < taps)
            _reversedRight = PadFront(_reversedRight, taps);
        _historyLeft = new float[2 * taps];
        _historyRight = new float[2 * taps];
        _wet = settings.WetPercent;
        _dry = settings.DryPercent;
        _gain = (float)(settings.GainPercent / 100);
        _glide = ParameterSmoother.Coefficient(0.01, sampleRate);
    }

    /// <summary>Taps of the impulse at the output rate.</summary>
    public int Taps => _reversedLeft.Length;

    /// <inheritdoc/>
    public override long TailFrames => Taps;

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        int taps = Taps;
        float wetTarget = _wet.Target(controllers) / 100, dryTarget = _dry.Target(controllers) / 100;
        int p = _position;
        for (int i = 0; i < frames; i++)
        {
            p = p + 1 == taps ? 0 : p + 1;
            float inLeft = left[i], inRight = right[i];
            _historyLeft[p] = _historyLeft[p + taps] = inLeft;
            _historyRight[p] = _historyRight[p + taps] = inRight;
            float wet = _wetLevel.Next(wetTarget, _glide) * _gain, dry = _dryLevel.Next(dryTarget, _glide);
            var windowLeft = new ReadOnlySpan<float>(_historyLeft, p + 1, taps);
            var windowRight = new ReadOnlySpan<float>(_historyRight, p + 1, taps);
            left[i] = (dry * inLeft) + (wet * Dot(_reversedLeft, windowLeft));
            right[i] = (dry * inRight) + (wet * Dot(_reversedRight, windowRight));
        }

        _position = p;
    }

    /// <inheritdoc/>
    public override void Clear()
    {
        Array.Clear(_historyLeft);
        Array.Clear(_historyRight);
        _position = 0;
        _wetLevel.Reset();
        _dryLevel.Reset();
    }

    /// <summary>Σ a[k]·b[k] over the shorter length, four lanes at a time. Any thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = Math.Min(a.Length, b.Length), k = 0;
        float sum = 0;
        if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            var acc = Vector128<float>.Zero;
            for (; k <= n - 4; k += 4)
                acc = Vector128Math.MultiplyAdd(Vector128.Create(a.Slice(k, 4)), Vector128.Create(b.Slice(k, 4)), acc);
            sum = Vector128.Sum(acc);
        }

        for (; k < n; k++)
            sum += a[k] * b[k];
        return sum;
    }

    /// <summary>The plain version of <see cref="Dot"/>. Any thread.</summary>
    internal static float DotScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int k = 0; k < Math.Min(a.Length, b.Length); k++)
            sum += a[k] * b[k];
        return sum;
    }

    private static float[] Prepare(float[] impulse, int impulseRate, int sampleRate)
    {
        float[] atRate = impulse;
        if (impulseRate > 0 && impulseRate != sampleRate && impulse.Length > 1)
        {
            // Linear resampling keeps the response's timing; each tap is scaled by the rate ratio so the response keeps
            // its gain (a tap weighs one input frame, whose length changes). A tdfir impulse is short: no cost at load.
            double step = (double)impulseRate / sampleRate;
            int length = (int)Math.Max(1, Math.Floor((impulse.Length - 1) / step) + 1);
            atRate = new float[length];
            for (int i = 0; i < length; i++)
            {
                double at = i * step;
                int j = Math.Min((int)at, impulse.Length - 2);
                double f = at - j;
                atRate[i] = (float)(((impulse[j] * (1 - f)) + (impulse[j + 1] * f)) * step);
            }
        }

        int taps = Math.Clamp(atRate.Length, 1, EngineLimits.MaxFirTaps);
        var reversed = new float[taps];
        for (int k = 0; k < taps && k < atRate.Length; k++)
            reversed[taps - 1 - k] = float.IsFinite(atRate[k]) ? atRate[k] : 0;
        return reversed;
    }

    private static float[] PadFront(float[] reversed, int taps)
    {
        var padded = new float[taps];
        reversed.CopyTo(padded, taps - reversed.Length);
        return padded;
    }
}

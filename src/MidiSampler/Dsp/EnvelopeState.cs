using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MidiSampler.Dsp;

/// <summary>
/// The running state of a DAHDSR amplitude envelope, rendered per frame into a scratch buffer.
/// </summary>
/// <remarks>
/// Design: a stage is a run of frames with one closed form, linear (attack, fade) or geometric
/// (decay towards sustain, release towards zero), so a run is filled with SIMD from that closed form
/// instead of a per-frame dependency chain: lane i of the first vector is <c>level + i·step</c> or
/// <c>target + (level − target)·cⁱ</c>, and each following vector advances all lanes by 8 steps at once.
/// Callers ask <see cref="RunLength"/> for the frames left in the stage and never fill past it.
/// Levels below 1e-30 are flushed to zero so that no denormal reaches the mix. The SF2 modulation envelope's shape
/// (<see cref="EnvelopeShape.SoundFontModulation"/>) is an option of the same state: its attack keeps the linear ramp
/// in <c>_ramp</c> and shows the convex curve of it as <see cref="Level"/>; its decay and release are linear runs.
/// Threads: audio thread only (lives inside a voice).
/// </remarks>
internal partial struct EnvelopeState
{
    private EnvelopeParameters _p;
    private int _framesLeft;
    private float _step;
    private float _coefficient;
    private float _target;
    private float _ramp;   // the linear attack ramp under a convex attack (SoundFontModulation)
    private bool _linear;  // the current decay or release is a linear run (SoundFontModulation)

    /// <summary>The current stage.</summary>
    public EnvelopeStage Stage { get; private set; }

    /// <summary>The level at the next frame to render.</summary>
    public float Level { get; private set; }

    /// <summary>Frames before the stage changes (<see cref="int.MaxValue"/> while sustaining).</summary>
    public readonly int RunLength => Stage == EnvelopeStage.Sustain ? int.MaxValue : _framesLeft;

    /// <summary>True once the envelope has finished and the voice is silent.</summary>
    public readonly bool IsDone => Stage == EnvelopeStage.Done;

    /// <summary>True in release or fade.</summary>
    public readonly bool IsReleasing => Stage is EnvelopeStage.Release or EnvelopeStage.Fade;

    /// <summary>Starts the envelope at note-on.</summary>
    public void Start(in EnvelopeParameters parameters)
    {
        _p = parameters;
        Level = 0;
        Enter(EnvelopeStage.Delay);
    }

    /// <summary>Note-off: release from the current level.</summary>
    public void Release()
    {
        if (Stage is EnvelopeStage.Release or EnvelopeStage.Fade or EnvelopeStage.Done)
            return;
        Enter(EnvelopeStage.Release);
    }

    /// <summary>A fast linear fade to silence over <paramref name="frames"/> frames (stealing, kill, off_by).</summary>
    public void Fade(int frames)
    {
        if (Stage is EnvelopeStage.Done)
            return;
        if (Stage == EnvelopeStage.Fade && _framesLeft <= frames)
            return;
        frames = Math.Max(1, frames);
        Stage = EnvelopeStage.Fade;
        _framesLeft = frames;
        _step = -Level / frames;
    }

    /// <summary>
    /// Advances by <paramref name="frames"/> and returns the level reached: the control-rate reading of a modulation
    /// envelope (filter, pitch), crossing stage boundaries as needed. Closed form per stage (no per-frame work, no
    /// buffer): linear stages add step × frames, geometric ones multiply the distance by cⁿ (by repeated squaring).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float Step(int frames)
    {
        int left = frames;
        while (left > 0)
        {
            int run = RunLength;
            if (run == 0)
            {
                Advance();
                if (IsDone)
                    break;
                continue;
            }

            run = Math.Min(run, left);
            Skip(run);
            left -= run;
        }

        return Level;
    }

    /// <summary>Advances <paramref name="frames"/> (at most <see cref="RunLength"/>) without writing levels.</summary>
    public void Skip(int frames)
    {
        switch (Stage)
        {
            case EnvelopeStage.Attack when _p.Shape == EnvelopeShape.SoundFontModulation:
                _ramp = 1f - (_step * (_framesLeft - frames)); // closed form from the run's end: no float drift over a long run
                Level = Convex(_ramp);
                break;
            case EnvelopeStage.Attack:
            case EnvelopeStage.Fade:
                Level += _step * frames;
                if (Stage == EnvelopeStage.Fade && Level < 0)
                    Level = 0;
                break;
            case EnvelopeStage.Decay or EnvelopeStage.Release when _linear:
                Level = LinearAt(_framesLeft - frames);
                break;
            case EnvelopeStage.Decay:
            case EnvelopeStage.Release:
                float distance = (Level - _target) * Power(_coefficient, frames);
                if (Math.Abs(distance) < 1e-30f)
                    distance = 0; // denormal guard, as in Fill
                Level = _target + distance;
                break;
            default:
                break;
        }

        if (Stage != EnvelopeStage.Sustain)
            _framesLeft -= frames;
    }

    /// <summary>cⁿ by repeated squaring (n ≥ 0).</summary>
    internal static float Power(float c, int n)
    {
        float result = 1;
        while (n > 0)
        {
            if ((n & 1) != 0)
                result *= c;
            c *= c;
            n >>= 1;
        }

        return result;
    }

    /// <summary>Moves past a finished stage; call when <see cref="RunLength"/> is 0.</summary>
    public void Advance()
    {
        switch (Stage)
        {
            case EnvelopeStage.Delay: Enter(EnvelopeStage.Attack); break;
            case EnvelopeStage.Attack: Level = 1; Enter(EnvelopeStage.Hold); break;
            case EnvelopeStage.Hold: Enter(EnvelopeStage.Decay); break;
            case EnvelopeStage.Decay: Level = _p.Sustain; Enter(EnvelopeStage.Sustain); break;
            case EnvelopeStage.Release:
            case EnvelopeStage.Fade:
                Level = 0;
                Stage = EnvelopeStage.Done;
                break;
            default: break;
        }
    }

    /// <summary>Writes the next <paramref name="frames"/> levels (at most <see cref="RunLength"/>) and advances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(Span<float> destination, int frames)
    {
        ref float d = ref MemoryMarshal.GetReference(destination);
        switch (Stage)
        {
            case EnvelopeStage.Attack when _p.Shape == EnvelopeShape.SoundFontModulation:
                for (int i = 0; i < frames; i++)
                    Unsafe.Add(ref d, i) = Convex(_ramp + (_step * i));
                _ramp = 1f - (_step * (_framesLeft - frames));
                Level = Convex(_ramp);
                break;
            case EnvelopeStage.Decay or EnvelopeStage.Release when _linear:
                FillLinear(ref d, frames, Level, _step);
                Level = LinearAt(_framesLeft - frames);
                break;
            case EnvelopeStage.Attack:
            case EnvelopeStage.Fade:
                FillLinear(ref d, frames, Level, _step);
                Level += _step * frames;
                if (Stage == EnvelopeStage.Fade && Level < 0)
                    Level = 0;
                break;
            case EnvelopeStage.Decay:
            case EnvelopeStage.Release:
                Level = FillGeometric(ref d, frames, Level, _target, _coefficient);
                break;
            default: // delay (0), hold (1), sustain, done (0)
                destination[..frames].Fill(Level);
                break;
        }

        if (Stage != EnvelopeStage.Sustain)
            _framesLeft -= frames;
    }

    private void Enter(EnvelopeStage stage)
    {
        while (true)
        {
            Stage = stage;
            switch (stage)
            {
                case EnvelopeStage.Delay:
                    Level = 0;
                    _framesLeft = _p.DelayFrames;
                    break;
                case EnvelopeStage.Attack:
                    Level = _p.StartLevel;
                    _framesLeft = _p.AttackFrames;
                    _step = _p.AttackFrames > 0 ? (1f - Level) / _p.AttackFrames : 0;
                    if (_p.Shape == EnvelopeShape.SoundFontModulation)
                    {
                        _ramp = Level;
                        Level = Convex(_ramp);
                    }

                    if (_framesLeft == 0)
                        Level = 1;
                    break;
                case EnvelopeStage.Hold:
                    Level = 1;
                    _framesLeft = _p.HoldFrames;
                    break;
                case EnvelopeStage.Decay:
                    _linear = _p.Shape == EnvelopeShape.SoundFontModulation;
                    // Linear: the decay time is that of a 100 % change, so the run to the sustain level is (1 - s) of it.
                    _framesLeft = _linear ? (int)MathF.Round((Level - _p.Sustain) * _p.DecayFrames) : _p.DecayFrames;
                    _step = _linear && _p.DecayFrames > 0 ? -1f / _p.DecayFrames : 0;
                    _target = _p.DecayTarget;
                    _coefficient = _p.DecayCoefficient;
                    if (_framesLeft <= 0)
                    {
                        _framesLeft = 0;
                        Level = _p.Sustain;
                    }

                    break;
                case EnvelopeStage.Sustain:
                    Level = _p.Sustain;
                    return;
                case EnvelopeStage.Release:
                    _linear = _p.Shape == EnvelopeShape.SoundFontModulation;
                    // Linear: the release time is that of a 100 % change, so from level l the run lasts l of it.
                    _framesLeft = _linear ? Math.Max(1, (int)MathF.Ceiling(Level * _p.ReleaseFrames)) : _p.ReleaseFrames;
                    _step = _linear ? -Level / _framesLeft : 0;
                    _target = 0;
                    _coefficient = _p.ReleaseCoefficient;
                    return;
                default:
                    return;
            }

            if (_framesLeft > 0)
                return;
            stage = stage switch
            {
                EnvelopeStage.Delay => EnvelopeStage.Attack,
                EnvelopeStage.Attack => EnvelopeStage.Hold,
                EnvelopeStage.Hold => EnvelopeStage.Decay,
                _ => EnvelopeStage.Sustain,
            };
        }
    }

    /// <summary>The spec's convex curve of a linear ramp 0..1 (ModulatorCurve's, on the 7-bit scale it is defined on).</summary>
    private static float Convex(float ramp) => (float)ModulatorCurve.Convex(127.0 * ramp);

    /// <summary>
    /// A linear decay's or release's level with <paramref name="framesLeft"/> frames to go, from where the run ends (the
    /// sustain level, or 0) rather than by adding steps: a 30 s run at control rate would drift by several cents in floats.
    /// </summary>
    private readonly float LinearAt(int framesLeft) =>
        (Stage == EnvelopeStage.Decay ? _p.Sustain : 0) - (_step * Math.Max(framesLeft, 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FillLinear(ref float d, int frames, float level, float step)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && frames >= Vector<float>.Count)
        {
            var v = new Vector<float>(level) + (Ramp() * step);
            var advance = new Vector<float>(step * Vector<float>.Count);
            for (; i <= frames - Vector<float>.Count; i += Vector<float>.Count)
            {
                Unsafe.As<float, Vector<float>>(ref Unsafe.Add(ref d, i)) = v;
                v += advance;
            }
        }

        for (; i < frames; i++)
            Unsafe.Add(ref d, i) = level + (step * i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float FillGeometric(ref float d, int frames, float level, float target, float c)
    {
        float distance = level - target;
        int i = 0;
        if (Vector.IsHardwareAccelerated && frames >= Vector<float>.Count)
        {
            Span<float> powers = stackalloc float[Vector<float>.Count];
            float p = 1;
            for (int l = 0; l < powers.Length; l++)
            {
                powers[l] = p;
                p *= c;
            }

            var dv = new Vector<float>(powers) * distance;
            var stepAll = new Vector<float>(p);
            var t = new Vector<float>(target);
            for (; i <= frames - Vector<float>.Count; i += Vector<float>.Count)
            {
                Unsafe.As<float, Vector<float>>(ref Unsafe.Add(ref d, i)) = t + dv;
                dv *= stepAll;
            }

            distance = dv[0];
        }

        for (; i < frames; i++)
        {
            Unsafe.Add(ref d, i) = target + distance;
            distance *= c;
        }

        if (Math.Abs(distance) < 1e-30f)
            distance = 0; // denormal guard
        return target + distance;
    }

    private static Vector<float> Ramp()
    {
        Span<float> r = stackalloc float[Vector<float>.Count];
        for (int i = 0; i < r.Length; i++)
            r[i] = i;
        return new Vector<float>(r);
    }
}

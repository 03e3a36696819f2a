namespace MidiSampler.Dsp;

/// <summary>
/// A DAHDSR envelope compiled for one output rate: stage lengths in frames and per-frame
/// multipliers, computed once at instrument load so that the audio thread never calls <c>Math.Pow</c>.
/// </summary>
internal readonly struct EnvelopeParameters
{
    /// <summary>Decay ends when the distance to the sustain level has fallen by 60 dB; then it snaps to sustain.</summary>
    public const double DecayFloor = 1e-3;

    /// <summary>Release ends 90 dB below where it started; the voice is then silent and freed.</summary>
    public const double ReleaseFloor = 3.1622776601683795e-5;

    /// <summary>The level a linear-in-dB decay to a zero sustain aims at: -100 dB (SF2 counts its decay time over 100 dB).</summary>
    public const double LinearDbDecayFloor = 1e-5;

    /// <summary>
    /// Compiles a DAHDSR envelope given in seconds and linear levels 0..1 (delay, attack, hold, decay, sustain level,
    /// release) for <paramref name="sampleRate"/> in Hz; <paramref name="startLevel"/> is where the attack starts, and
    /// <paramref name="decayLinearInDb"/> makes the decay fall at a constant dB rate (SF2) instead of geometrically
    /// towards the sustain level (SFZ); <paramref name="shape"/> <see cref="EnvelopeShape.SoundFontModulation"/> gives the
    /// SF2 modulation envelope's curves (the decay and release times are then those of a 100 % change).
    /// </summary>
    public EnvelopeParameters(double delaySeconds, double attackSeconds, double holdSeconds, double decaySeconds, double sustainLevel,
        double releaseSeconds, double sampleRate, double startLevel = 0, bool decayLinearInDb = false, EnvelopeShape shape = EnvelopeShape.Exponential)
    {
        Shape = shape;
        DelayFrames = Frames(delaySeconds, sampleRate);
        AttackFrames = Frames(attackSeconds, sampleRate);
        HoldFrames = Frames(holdSeconds, sampleRate);
        DecayFrames = Frames(decaySeconds, sampleRate);
        Sustain = (float)Math.Clamp(double.IsFinite(sustainLevel) ? sustainLevel : 1, 0, 1);
        StartLevel = (float)Math.Clamp(double.IsFinite(startLevel) ? startLevel : 0, 0, 1);
        ReleaseFrames = Math.Max(1, Frames(releaseSeconds, sampleRate));
        if (decayLinearInDb)
        {
            // Constant dB slope: a geometric fall towards 0 that stops at the sustain level (reached on the last frame).
            DecayTarget = 0;
            DecayCoefficient = DecayFrames > 0 ? (float)Math.Pow(Math.Max(Sustain, LinearDbDecayFloor), 1.0 / DecayFrames) : 0f;
        }
        else
        {
            DecayTarget = Sustain;
            DecayCoefficient = DecayFrames > 0 ? (float)Math.Pow(DecayFloor, 1.0 / DecayFrames) : 0f;
        }

        ReleaseCoefficient = (float)Math.Pow(ReleaseFloor, 1.0 / ReleaseFrames);
    }

    /// <summary>The curves of the moving stages.</summary>
    public EnvelopeShape Shape { get; }

    public int DelayFrames { get; }

    public int AttackFrames { get; }

    public int HoldFrames { get; }

    public int DecayFrames { get; }

    public float Sustain { get; }

    /// <summary>Level at which the attack starts (SFZ *eg_start).</summary>
    public float StartLevel { get; }

    public int ReleaseFrames { get; }

    /// <summary>The level the decay falls towards geometrically: the sustain level (SFZ), or 0 for a decay linear in dB.</summary>
    public float DecayTarget { get; }

    /// <summary>Per-frame multiplier of the distance to <see cref="DecayTarget"/> during decay.</summary>
    public float DecayCoefficient { get; }

    /// <summary>Per-frame multiplier of the level during release.</summary>
    public float ReleaseCoefficient { get; }

    private static int Frames(double seconds, double sampleRate)
    {
        if (!(seconds > 0))
            return 0;
        double f = Math.Round(Math.Min(seconds, 100.0) * sampleRate);
        return (int)Math.Min(f, int.MaxValue / 2);
    }
}

using MidiSampler.Model;

namespace MidiSampler.Dsp;

/// <summary>
/// An <see cref="Envelope"/> compiled for one output rate: stage lengths in frames and per-frame
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

    public EnvelopeParameters(Envelope e, double sampleRate)
    {
        DelayFrames = Frames(e.DelaySeconds, sampleRate);
        AttackFrames = Frames(e.AttackSeconds, sampleRate);
        HoldFrames = Frames(e.HoldSeconds, sampleRate);
        DecayFrames = Frames(e.DecaySeconds, sampleRate);
        Sustain = (float)Math.Clamp(double.IsFinite(e.SustainLevel) ? e.SustainLevel : 1, 0, 1);
        StartLevel = (float)Math.Clamp(double.IsFinite(e.StartLevel) ? e.StartLevel : 0, 0, 1);
        ReleaseFrames = Math.Max(1, Frames(e.ReleaseSeconds, sampleRate));
        if (e.DecayLinearInDb)
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

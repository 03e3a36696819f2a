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

    public EnvelopeParameters(Envelope e, double sampleRate)
    {
        DelayFrames = Frames(e.DelaySeconds, sampleRate);
        AttackFrames = Frames(e.AttackSeconds, sampleRate);
        HoldFrames = Frames(e.HoldSeconds, sampleRate);
        DecayFrames = Frames(e.DecaySeconds, sampleRate);
        Sustain = (float)Math.Clamp(double.IsFinite(e.SustainLevel) ? e.SustainLevel : 1, 0, 1);
        StartLevel = (float)Math.Clamp(double.IsFinite(e.StartLevel) ? e.StartLevel : 0, 0, 1);
        ReleaseFrames = Math.Max(1, Frames(e.ReleaseSeconds, sampleRate));
        DecayCoefficient = DecayFrames > 0 ? (float)Math.Pow(DecayFloor, 1.0 / DecayFrames) : 0f;
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

    /// <summary>Per-frame multiplier of the distance to the sustain level during decay.</summary>
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

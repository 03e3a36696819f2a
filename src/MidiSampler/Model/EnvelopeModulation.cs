namespace MidiSampler.Model;

/// <summary>
/// How velocity and controllers change an envelope at note-on (SFZ <c>*eg_vel2*</c> and <c>*eg_*_onccN</c>). Times
/// are seconds added at full velocity (scaled by velocity/127) or at controller value 127 (scaled by value/127);
/// sustain and start in percent; depth in cents.
/// </summary>
public sealed record EnvelopeModulation
{
    /// <summary>Nothing modulated.</summary>
    public static EnvelopeModulation None { get; } = new();

    /// <summary>Seconds added to the delay at velocity 127.</summary>
    public double VelocityToDelaySeconds { get; init; }

    /// <summary>Seconds added to the attack at velocity 127.</summary>
    public double VelocityToAttackSeconds { get; init; }

    /// <summary>Seconds added to the hold at velocity 127.</summary>
    public double VelocityToHoldSeconds { get; init; }

    /// <summary>Seconds added to the decay at velocity 127.</summary>
    public double VelocityToDecaySeconds { get; init; }

    /// <summary>Percent added to the sustain level at velocity 127.</summary>
    public double VelocityToSustainPercent { get; init; }

    /// <summary>Seconds added to the release at velocity 127.</summary>
    public double VelocityToReleaseSeconds { get; init; }

    /// <summary>Cents added to the depth at velocity 127 (fileg_vel2depth, pitcheg_vel2depth).</summary>
    public double VelocityToDepthCents { get; init; }

    /// <summary>Controller effects on the stages, read at note-on.</summary>
    public IReadOnlyList<EnvelopeCc> Controllers { get; init; } = [];

    /// <summary>
    /// The controller effects are read again whenever one of their controllers moves, not only at note-on, and the running
    /// envelope follows (ARIA <c>ampeg_dynamic</c>; amplitude envelope only).
    /// </summary>
    public bool Dynamic { get; init; }

    /// <summary>True when nothing here changes the envelope.</summary>
    public bool IsNone => VelocityToDelaySeconds == 0 && VelocityToAttackSeconds == 0 && VelocityToHoldSeconds == 0
        && VelocityToDecaySeconds == 0 && VelocityToSustainPercent == 0 && VelocityToReleaseSeconds == 0
        && VelocityToDepthCents == 0 && Controllers.Count == 0;
}

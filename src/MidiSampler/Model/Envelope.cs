namespace MidiSampler.Model;

/// <summary>
/// A DAHDSR amplitude envelope in plain units (SFZ <c>ampeg_*</c>). Times are in seconds,
/// <see cref="SustainLevel"/> is linear gain 0..1.
/// </summary>
/// <param name="DelaySeconds">Silence before the attack starts.</param>
/// <param name="AttackSeconds">Linear rise from 0 to full level.</param>
/// <param name="HoldSeconds">Time at full level.</param>
/// <param name="DecaySeconds">Exponential fall from full level to the sustain level.</param>
/// <param name="SustainLevel">Level held while the key is down, 0..1.</param>
/// <param name="ReleaseSeconds">Exponential fall to silence after note-off.</param>
public readonly record struct Envelope(
    double DelaySeconds,
    double AttackSeconds,
    double HoldSeconds,
    double DecaySeconds,
    double SustainLevel,
    double ReleaseSeconds)
{
    /// <summary>Level at which the attack starts, 0..1 (SFZ <c>ampeg_start</c>, in percent there).</summary>
    public double StartLevel { get; init; }

    /// <summary>
    /// When true the decay falls at a constant rate in dB (a straight line on a dB scale) from full level to
    /// <see cref="SustainLevel"/>, reaching it after <see cref="DecaySeconds"/>; a sustain level of 0 is approached as
    /// -100 dB. This is the SoundFont 2 volume envelope's decay (spec section 8.1.2, generator 36); false (SFZ) decays
    /// exponentially towards the sustain level.
    /// </summary>
    public bool DecayLinearInDb { get; init; }

    /// <summary>
    /// The curves of the attack, decay and release: the default is SFZ's; <see cref="Dsp.EnvelopeShape.SoundFontModulation"/> is
    /// the SF2 modulation envelope's (convex attack, linear decay and release, <see cref="DecaySeconds"/> and
    /// <see cref="ReleaseSeconds"/> then being the times of a 100 % change).
    /// </summary>
    public Dsp.EnvelopeShape Shape { get; init; }

    /// <summary>SFZ defaults: everything 0, sustain 100 %, release 1 ms (sfizz uses 0.001 s so that note-off never clicks).</summary>
    public static Envelope Default { get; } = new(0, 0, 0, 0, 1, 0.001);

    /// <summary>SFZ defaults of the filter and pitch envelopes: everything 0, sustain included (sfz.org, fileg_sustain and pitcheg_sustain).</summary>
    public static Envelope ModulationDefault { get; } = new(0, 0, 0, 0, 0, 0);
}

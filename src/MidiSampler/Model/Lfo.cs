namespace MidiSampler.Model;

/// <summary>
/// A sine LFO as SFZ v1 defines them (<c>amplfo_*</c>, <c>pitchlfo_*</c>, <c>fillfo_*</c>): silent for
/// <see cref="DelaySeconds"/>, then its depth fades in linearly over <see cref="FadeSeconds"/>.
/// </summary>
/// <param name="DelaySeconds">Time from note-on before the LFO starts.</param>
/// <param name="FadeSeconds">Time over which the depth rises from 0 to full after the delay.</param>
/// <param name="FrequencyHz">Rate in Hz (0..20 in SFZ v1).</param>
/// <param name="Depth">Peak deviation, in the destination's unit (dB for amplitude, cents for pitch and cutoff).</param>
public readonly record struct Lfo(double DelaySeconds, double FadeSeconds, double FrequencyHz, double Depth)
{
    /// <summary>An LFO that does nothing.</summary>
    public static Lfo None { get; } = new(0, 0, 0, 0);
}

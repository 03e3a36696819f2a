namespace MidiSampler.Model;

/// <summary>
/// A SoundFont 2-style modulator (section 8.2): <c>Amount × Primary × Secondary</c>, made absolute when
/// <see cref="Absolute"/>, added to <see cref="Destination"/>. Routes on the same destination sum. The engine evaluates
/// them at control rate, and a voice whose routes and envelopes rest idles until a channel controller moves.
/// Any thread: immutable.
/// </summary>
/// <param name="Destination">The parameter moved.</param>
/// <param name="Amount">The change at full scale of both sources, in the destination's unit.</param>
/// <param name="Primary">The primary source.</param>
/// <param name="Secondary">The amount source (section 8.2.3); <see cref="ModulatorSource.None"/>: 1.</param>
/// <param name="Absolute">The absolute-value transform (section 8.2.5, transform 2).</param>
/// <param name="LfoIndex">For the LFO destinations, the index in the region's <see cref="Region.FlexLfos"/>.</param>
/// <param name="Stage">For the envelope-time destinations, the stage whose time moves (delay, attack, hold, decay, release).</param>
public sealed record ModulatorRoute(ModulatorDestination Destination, double Amount, ModulatorSource Primary, ModulatorSource Secondary = default,
    bool Absolute = false, int LfoIndex = 0, EnvelopeParameter Stage = EnvelopeParameter.Delay)
{
    /// <summary>True when both sources are fixed at note-on.</summary>
    public bool FixedAtNoteOn => Primary.FixedAtNoteOn && Secondary.FixedAtNoteOn;
}

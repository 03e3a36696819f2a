namespace MidiSampler.Dsp;

/// <summary>The curves of an envelope's moving stages (see <c>EnvelopeState</c>).</summary>
public enum EnvelopeShape
{
    /// <summary>
    /// A linear attack, then a decay towards the sustain level and a release towards silence that are geometric (SFZ
    /// <c>*eg_*</c>; the decay may instead be linear in dB, <c>Envelope.DecayLinearInDb</c>, the SF2 volume envelope).
    /// </summary>
    Exponential = 0,

    /// <summary>
    /// The SoundFont 2 modulation envelope (SF2.04 section 8.1.3, generators 25-30): a convex attack (the spec's convex
    /// curve, 1 + 20/96·log10(x²), of the linear ramp x, so that a pitch or cutoff in cents rises linearly in Hz; as
    /// FluidSynth, fluid_rvoice.c, applies fluid_convex to its attack), then a decay and a release linear in the
    /// envelope's value (so linear in cents of pitch or cutoff), each its time for a 100 % change: a decay to a sustain
    /// level s lasts (1 - s) × the decay time, a release from level l lasts l × the release time.
    /// </summary>
    SoundFontModulation = 1,
}

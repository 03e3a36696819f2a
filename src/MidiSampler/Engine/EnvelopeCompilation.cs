using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>Maps the model's <see cref="Envelope"/> onto the DSP's plain-number <see cref="EnvelopeParameters"/>. Control or audio thread; no allocation.</summary>
internal static class EnvelopeCompilation
{
    /// <summary>The envelope <paramref name="envelope"/> compiled for <paramref name="sampleRate"/>.</summary>
    public static EnvelopeParameters Compile(in Envelope envelope, double sampleRate) =>
        new(envelope.DelaySeconds, envelope.AttackSeconds, envelope.HoldSeconds, envelope.DecaySeconds, envelope.SustainLevel,
            envelope.ReleaseSeconds, sampleRate, envelope.StartLevel, envelope.DecayLinearInDb, envelope.Shape);
}

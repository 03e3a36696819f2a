namespace MidiSampler.Dsp;

/// <summary>Stages of <see cref="EnvelopeState"/>.</summary>
internal enum EnvelopeStage : byte
{
    Delay,
    Attack,
    Hold,
    Decay,
    Sustain,
    Release,
    Fade,
    Done,
}

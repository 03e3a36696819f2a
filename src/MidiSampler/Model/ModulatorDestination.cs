namespace MidiSampler.Model;

/// <summary>What a <see cref="ModulatorRoute"/> moves, each in its own unit, evaluated at control rate.</summary>
public enum ModulatorDestination
{
    /// <summary>Gain in dB (SF2 initialAttenuation, negated).</summary>
    VolumeDb,

    /// <summary>Pitch in cents (SF2 fineTune, coarseTune).</summary>
    PitchCents,

    /// <summary>Filter cutoff in cents (SF2 initialFilterFc; needs a filter on the region).</summary>
    CutoffCents,

    /// <summary>Pan in percent (SF2 pan).</summary>
    PanPercent,

    /// <summary>Pitch depth in cents of the LFO <see cref="ModulatorRoute.LfoIndex"/> of the region's FlexLfos (SF2 vibLfoToPitch, modLfoToPitch).</summary>
    LfoPitchCents,

    /// <summary>Cutoff depth in cents of the LFO <see cref="ModulatorRoute.LfoIndex"/> (SF2 modLfoToFilterFc; needs a filter).</summary>
    LfoCutoffCents,

    /// <summary>Volume depth in dB of the LFO <see cref="ModulatorRoute.LfoIndex"/> (SF2 modLfoToVolume).</summary>
    LfoVolumeDb,

    /// <summary>Depth in cents of the pitch envelope, fixed at note-on (SF2 modEnvToPitch; note-on sources only).</summary>
    PitchEnvelopeCents,

    /// <summary>Depth in cents of the filter envelope, fixed at note-on (SF2 modEnvToFilterFc; note-on sources only).</summary>
    FilterEnvelopeCents,

    /// <summary>
    /// The SF2 filter Q in dB (initialFilterQ / 10), at control rate (needs a filter): the lowpass's resonance moves by it
    /// and the voice's gain by minus half of it (the SF2 1/√Q compensation), the region's resonance being read as an SF2
    /// Q (Q dB less a Butterworth's 3.01 dB) and the sum kept within 0..96 dB as FluidSynth clamps initialFilterQ (SFZ
    /// regions: within the engine's 40 dB of resonance). The filter is re-tuned only when the clamped sum changes.
    /// </summary>
    FilterQDb,

    /// <summary>
    /// A time of the amplitude envelope in timecents (SF2 delayVolEnv, attackVolEnv, holdVolEnv, decayVolEnv,
    /// releaseVolEnv; the stage is <see cref="ModulatorRoute.Stage"/>), read once at note-on as FluidSynth computes a voice's
    /// envelope when it starts: the stage's time is multiplied by 2^(sum/1200).
    /// </summary>
    AmpEnvelopeTimecents,

    /// <summary>A time of the modulation envelope (pitch and filter envelopes) in timecents, at note-on (SF2 generators 25-30).</summary>
    ModEnvelopeTimecents,

    /// <summary>Frames added to the sample's start, read once at note-on (SF2 startAddrsOffset, startAddrsCoarseOffset × 32768).</summary>
    StartOffsetFrames,
}

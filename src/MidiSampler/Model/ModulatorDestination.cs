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
}

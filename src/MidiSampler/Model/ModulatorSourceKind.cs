namespace MidiSampler.Model;

/// <summary>Where a <see cref="ModulatorSource"/> reads its value (SoundFont 2.04 section 8.2.1, general controllers and MIDI CCs).</summary>
public enum ModulatorSourceKind
{
    /// <summary>No source: the value is taken at its maximum (section 8.2.1, index 0; an absent amount source is 1).</summary>
    None,

    /// <summary>A MIDI continuous controller 0..127 (<see cref="ModulatorSource.Controller"/>).</summary>
    Controller,

    /// <summary>The note-on velocity 0..127 (fixed for the voice's life).</summary>
    Velocity,

    /// <summary>The note-on key number 0..127 (fixed for the voice's life).</summary>
    Key,

    /// <summary>The key's polyphonic pressure 0..127.</summary>
    PolyPressure,

    /// <summary>The channel pressure 0..127.</summary>
    ChannelPressure,

    /// <summary>The pitch wheel, 14 bits, 0..16383 (8192 centre).</summary>
    PitchWheel,

    /// <summary>The pitch wheel sensitivity (RPN 0) in semitones, read on the 0..127 scale.</summary>
    PitchWheelSensitivity,

    /// <summary>
    /// The channel's NRPN offset of the SoundFont generator <see cref="ModulatorSource.Controller"/> (SF2.01 section 9.6:
    /// NRPN MSB 120, LSB the generator), in the generator's own units, not normalised (the route's amount converts it).
    /// </summary>
    SoundFontNrpn,
}

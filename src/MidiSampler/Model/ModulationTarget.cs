namespace MidiSampler.Model;

/// <summary>What a MIDI controller modulates continuously (SFZ <c>*_onccN</c> opcodes), each in its own unit.</summary>
public enum ModulationTarget
{
    /// <summary>Gain in dB (volume_onccN, gain_onccN).</summary>
    VolumeDb,

    /// <summary>Amplitude in percent, multiplying (amplitude_onccN: 100 means full level at CC 127).</summary>
    AmplitudePercent,

    /// <summary>Pan in percent, added to pan (pan_onccN).</summary>
    PanPercent,

    /// <summary>Pitch in cents (pitch_onccN, tune_onccN).</summary>
    PitchCents,

    /// <summary>Filter cutoff in cents (cutoff_onccN, cutoff_ccN).</summary>
    CutoffCents,

    /// <summary>Amplitude LFO depth in dB (amplfo_depthccN).</summary>
    AmpLfoDepthDb,

    /// <summary>Amplitude LFO frequency in Hz (amplfo_freqccN).</summary>
    AmpLfoFrequencyHz,

    /// <summary>Pitch LFO depth in cents (pitchlfo_depthccN).</summary>
    PitchLfoDepthCents,

    /// <summary>Pitch LFO frequency in Hz (pitchlfo_freqccN).</summary>
    PitchLfoFrequencyHz,

    /// <summary>Filter LFO depth in cents (fillfo_depthccN).</summary>
    FilterLfoDepthCents,

    /// <summary>Filter LFO frequency in Hz (fillfo_freqccN).</summary>
    FilterLfoFrequencyHz,

    /// <summary>Stereo width in percent, added to width (ARIA width_onccN; stereo samples only).</summary>
    WidthPercent,

    /// <summary>Stereo position in percent, added to position (ARIA position_onccN; stereo samples only).</summary>
    PositionPercent,

    /// <summary>Velocity tracking in percent, added to amp_veltrack at note-on (ARIA amp_veltrack_onccN).</summary>
    AmpVeltrackPercent,

    /// <summary>Filter resonance in dB, added to resonance (SFZ v2 resonance_onccN; 0..40 dB after the sum).</summary>
    ResonanceDb,
}

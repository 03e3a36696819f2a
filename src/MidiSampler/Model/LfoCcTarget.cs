namespace MidiSampler.Model;

/// <summary>What a controller adds to on an SFZ v2 LFO (<c>lfoN_freq_onccX</c>, <c>lfoN_pitch_onccX</c>…).</summary>
public enum LfoCcTarget
{
    /// <summary>Hz added to the LFO's rate (lfoN_freq_onccX).</summary>
    FrequencyHz,

    /// <summary>Cents added to its pitch depth (lfoN_pitch_onccX).</summary>
    PitchCents,

    /// <summary>dB added to its volume depth (lfoN_volume_onccX).</summary>
    VolumeDb,

    /// <summary>Percent added to its amplitude depth (lfoN_amplitude_onccX).</summary>
    AmplitudePercent,

    /// <summary>Cents added to its cutoff depth (lfoN_cutoff_onccX).</summary>
    CutoffCents,

    /// <summary>Percent added to its pan depth (lfoN_pan_onccX).</summary>
    PanPercent,

    /// <summary>Seconds added to its delay, at note-on (lfoN_delay_onccX).</summary>
    DelaySeconds,

    /// <summary>Seconds added to its fade-in, at note-on (lfoN_fade_onccX).</summary>
    FadeSeconds,

    /// <summary>Cycles added to its starting phase, at note-on (lfoN_phase_onccX).</summary>
    Phase,
}

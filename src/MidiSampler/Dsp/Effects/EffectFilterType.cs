namespace MidiSampler.Dsp.Effects;

/// <summary>A filter inside an effect (for example the delay's feedback filter, SFZ <c>delay_filter</c>).</summary>
public enum EffectFilterType
{
    /// <summary>No filter.</summary>
    None,

    /// <summary>One-pole lowpass (SFZ <c>lpf_1p</c>).</summary>
    Lowpass1Pole,

    /// <summary>One-pole highpass (SFZ <c>hpf_1p</c>).</summary>
    Highpass1Pole,

    /// <summary>Two-pole resonant lowpass (SFZ <c>lpf_2p</c>).</summary>
    Lowpass2Pole,

    /// <summary>Two-pole resonant highpass (SFZ <c>hpf_2p</c>).</summary>
    Highpass2Pole,

    /// <summary>Two-pole bandpass (SFZ <c>bpf_2p</c>).</summary>
    Bandpass2Pole,

    /// <summary>Two-pole band reject (SFZ <c>brf_2p</c>).</summary>
    Bandreject2Pole,
}

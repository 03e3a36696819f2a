namespace MidiSampler.Dsp;

/// <summary>
/// The response of a region's filter (SFZ <c>fil_type</c>). "Np" is the number of poles: a 1-pole filter falls
/// 6 dB per octave beyond its cutoff, 2-pole 12 dB, 4-pole 24 dB, 6-pole 36 dB.
/// </summary>
public enum FilterType
{
    /// <summary>No filter (the SFZ default when no <c>cutoff</c> is given).</summary>
    None,

    /// <summary>One-pole lowpass (lpf_1p).</summary>
    Lowpass1Pole,

    /// <summary>Two-pole lowpass (lpf_2p, lpf_2p_sv): the SFZ default type.</summary>
    Lowpass2Pole,

    /// <summary>Four-pole lowpass (lpf_4p).</summary>
    Lowpass4Pole,

    /// <summary>Six-pole lowpass (lpf_6p).</summary>
    Lowpass6Pole,

    /// <summary>One-pole highpass (hpf_1p).</summary>
    Highpass1Pole,

    /// <summary>Two-pole highpass (hpf_2p, hpf_2p_sv).</summary>
    Highpass2Pole,

    /// <summary>Four-pole highpass (hpf_4p).</summary>
    Highpass4Pole,

    /// <summary>Six-pole highpass (hpf_6p).</summary>
    Highpass6Pole,

    /// <summary>Two-pole bandpass, unity gain at the centre (bpf_2p, bpf_2p_sv).</summary>
    Bandpass2Pole,

    /// <summary>Two-pole band reject (brf_2p, brf_2p_sv).</summary>
    Bandreject2Pole,

    /// <summary>Two-pole peaking filter: boost or cut of <c>fil_gain</c> dB around the cutoff (pkf_2p, peq).</summary>
    Peaking,

    /// <summary>Low shelf of <c>fil_gain</c> dB (lsh).</summary>
    LowShelf,

    /// <summary>High shelf of <c>fil_gain</c> dB (hsh).</summary>
    HighShelf,
}

namespace MidiSampler.Model;

/// <summary>The shape of a crossfade (SFZ <c>xf_keycurve</c>, <c>xf_velcurve</c>, <c>xf_cccurve</c>).</summary>
public enum CrossfadeCurve
{
    /// <summary>Constant power: gain = √position, −3 dB at the midpoint (the SFZ default).</summary>
    Power,

    /// <summary>Linear gain: gain = position, −6 dB at the midpoint.</summary>
    Gain,
}

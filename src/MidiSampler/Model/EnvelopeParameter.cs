namespace MidiSampler.Model;

/// <summary>A parameter of a DAHDSR envelope.</summary>
public enum EnvelopeParameter
{
    /// <summary>Delay time.</summary>
    Delay,

    /// <summary>Start level (percent).</summary>
    Start,

    /// <summary>Attack time.</summary>
    Attack,

    /// <summary>Hold time.</summary>
    Hold,

    /// <summary>Decay time.</summary>
    Decay,

    /// <summary>Sustain level (percent).</summary>
    Sustain,

    /// <summary>Release time.</summary>
    Release,

    /// <summary>Depth in cents (fileg_depth_onccN, pitcheg_depth_onccN; not for the amplitude envelope).</summary>
    Depth,
}

namespace MidiSampler.Model;

/// <summary>What an SFZ v2 LFO or flex EG does to another LFO (<c>lfoN_freq_lfoX</c>, <c>lfoN_depth_lfoX</c>, <c>lfoN_depthadd_lfoX</c>).</summary>
public enum LfoModulationKind
{
    /// <summary>Adds the source's value × amount (Hz) to the target LFO's rate.</summary>
    FrequencyHz,

    /// <summary>Multiplies the target LFO's depth by the source's value × amount / 100.</summary>
    Depth,

    /// <summary>Adds the source's value × amount / 100 to the target LFO's depth.</summary>
    DepthAdd,
}

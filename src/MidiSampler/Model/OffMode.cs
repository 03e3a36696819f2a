namespace MidiSampler.Model;

/// <summary>How a voice stops when its group is silenced by another (SFZ <c>off_mode</c>).</summary>
public enum OffMode
{
    /// <summary>A quick fade of a few milliseconds (SFZ: fast, the default).</summary>
    Fast,

    /// <summary>The region's own release (SFZ: normal).</summary>
    Normal,

    /// <summary>A fade over the region's <c>off_time</c> (SFZ v2: time).</summary>
    Time,
}

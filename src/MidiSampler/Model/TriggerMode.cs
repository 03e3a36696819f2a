namespace MidiSampler.Model;

/// <summary>What starts a region (SFZ <c>trigger</c>).</summary>
public enum TriggerMode
{
    /// <summary>Note-on (the default).</summary>
    Attack,

    /// <summary>Note-off: the region sounds when the key is released.</summary>
    Release,

    /// <summary>Note-off, even while the sustain pedal holds the note (SFZ v2 <c>release_key</c>).</summary>
    ReleaseKey,

    /// <summary>Note-on when no other key is held on the channel.</summary>
    First,

    /// <summary>Note-on while another key is held on the channel.</summary>
    Legato,
}

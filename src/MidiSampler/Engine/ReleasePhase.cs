namespace MidiSampler.Engine;

/// <summary>Which triggers a call to start regions serves (note-on, or one of the ways a release sounds).</summary>
internal enum ReleasePhase
{
    /// <summary>A note-on: attack, first and legato regions.</summary>
    None,

    /// <summary>A note-off with the pedal up: release and release_key regions.</summary>
    All,

    /// <summary>A note-off under the sustain pedal: release_key regions only (release waits for the pedal).</summary>
    KeyOnly,

    /// <summary>The pedal came up after the key: release regions only.</summary>
    PedalUp,

    /// <summary>A control change entered an on_loccN/on_hiccN range: the controller-triggered regions.</summary>
    Controller,
}

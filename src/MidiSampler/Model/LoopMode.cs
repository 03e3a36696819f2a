namespace MidiSampler.Model;

/// <summary>How a region plays its sample (SFZ <c>loop_mode</c>).</summary>
public enum LoopMode
{
    /// <summary>Plays once from offset to end; note-off starts the release.</summary>
    NoLoop,

    /// <summary>Plays to the end whatever the note-off (drums, one-shots).</summary>
    OneShot,

    /// <summary>Loops between loop_start and loop_end until the envelope has released.</summary>
    LoopContinuous,

    /// <summary>Loops while the key is held, then plays on past loop_end during the release.</summary>
    LoopSustain,
}

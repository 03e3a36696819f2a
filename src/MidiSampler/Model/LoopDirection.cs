namespace MidiSampler.Model;

/// <summary>How a loop repeats (SFZ v2 <c>loop_type</c>).</summary>
public enum LoopDirection
{
    /// <summary>loop_start to loop_end, again and again (the default).</summary>
    Forward,

    /// <summary>After loop_end, the loop plays from loop_end down to loop_start, again and again.</summary>
    Backward,

    /// <summary>Ping-pong: loop_start to loop_end, back down to loop_start, and so on.</summary>
    Alternate,
}

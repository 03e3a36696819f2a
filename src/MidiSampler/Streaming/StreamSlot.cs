namespace MidiSampler.Streaming;

/// <summary>
/// One voice's mailbox to the streamer: which sample it plays, where it is, how fast it moves and how it loops.
/// Written by the audio thread (the play position once per block, with release stores), read by the streamer.
/// </summary>
/// <remarks>
/// Design: the streamer reads the fields without a lock and may see a mix of an old and a new voice's values for one
/// pass when a slot is reused; that can only make it read a chunk too many or touch one too few for that pass, and
/// eviction spares anything needed in the current pass, so nothing a voice is playing is ever dropped.
/// </remarks>
internal struct StreamSlot
{
    /// <summary>1 while a voice streams through this slot.</summary>
    public int Active;

    /// <summary>Incremented at each start, so the streamer can tell a new voice from the old one in the same slot.</summary>
    public int Generation;

    public int SampleIndex;

    /// <summary>1 while the region's loop plays (a sustain loop stops at note-off).</summary>
    public int LoopActive;

    /// <summary>The frame the voice plays now (integer part of its 32.32 position).</summary>
    public long PositionFrame;

    /// <summary>Frames per output frame, 32.32 fixed point.</summary>
    public long Increment;

    public long LoopStart;

    public long LoopEnd;

    /// <summary>The region's last frame.</summary>
    public long End;

    /// <summary>Output frames per second, to turn the read-ahead time into frames.</summary>
    public double OutputRate;
}

namespace MidiSampler.Formats.Midi;

/// <summary>A parsed event before times in seconds are known: a channel message, or a tempo change (Status 0xFF).</summary>
/// <param name="Tick">Tick on the merged timeline.</param>
/// <param name="Track">0-based track (MTrk chunk) index.</param>
/// <param name="Order">Position in its track (-1 for the implicit tempo reset that opens a format-2 sequence).</param>
/// <param name="Status">Channel status byte, or 0xFF for a tempo change.</param>
/// <param name="Data1">First data byte.</param>
/// <param name="Data2">Second data byte.</param>
/// <param name="MicrosecondsPerQuarter">For a tempo change: its value.</param>
internal readonly record struct MidiRawEvent(long Tick, int Track, int Order, byte Status, byte Data1, byte Data2, int MicrosecondsPerQuarter)
{
    /// <summary>Orders by tick, then track, then position in the track: the documented merge order.</summary>
    public static int Compare(MidiRawEvent a, MidiRawEvent b)
    {
        int c = a.Tick.CompareTo(b.Tick);
        if (c != 0)
            return c;
        c = a.Track.CompareTo(b.Track);
        return c != 0 ? c : a.Order.CompareTo(b.Order);
    }
}

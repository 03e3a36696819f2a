using MidiSampler.Engine;

namespace MidiSampler.Hosting;

/// <summary>Puts a block's events from several sources (a song, live MIDI) in frame order, as the engine applies them.</summary>
public static class MidiEventOrder
{
    /// <summary>
    /// Stable insertion sort by <see cref="MidiEvent.OffsetFrames"/>: events of one source keep their order, and two
    /// already sorted runs merge in linear time. Audio thread safe: in place, no allocation.
    /// </summary>
    public static void SortByOffset(Span<MidiEvent> events)
    {
        for (int i = 1; i < events.Length; i++)
        {
            var e = events[i];
            int j = i - 1;
            while (j >= 0 && events[j].OffsetFrames > e.OffsetFrames)
            {
                events[j + 1] = events[j];
                j--;
            }

            events[j + 1] = e;
        }
    }
}

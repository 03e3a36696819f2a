namespace MidiSampler.Engine;

/// <summary>
/// lotimer/hitimer (SFZ v2): the frame at which a region of each group last started, per installed instrument (<see cref="InstrumentPlayState"/>). Built on
/// the control thread; the arrays are written by the audio thread only (no allocation).
/// </summary>
internal sealed class GroupTimers
{
    public GroupTimers(CompiledRegion[] regions)
    {
        Active = regions.Any(r => r.VoiceOptions.HasTimer);
        SlotOfRegion = new int[Active ? regions.Length : 0];
        var slots = new Dictionary<long, int>();
        for (int i = 0; i < SlotOfRegion.Length; i++)
        {
            if (!slots.TryGetValue(regions[i].Group, out int slot))
                slots[regions[i].Group] = slot = slots.Count;
            SlotOfRegion[i] = slot;
        }

        LastStartFrame = new long[slots.Count];
        PreviousStartFrame = new long[slots.Count];
        Array.Fill(LastStartFrame, long.MinValue); // never: infinitely long ago
        Array.Fill(PreviousStartFrame, long.MinValue);
    }

    /// <summary>Some region has a timer condition: starts are recorded.</summary>
    public bool Active { get; }

    /// <summary>Per region index, its group's slot.</summary>
    public int[] SlotOfRegion { get; }

    /// <summary>Per group slot, the event frame of the last start, or <see cref="long.MinValue"/>.</summary>
    public long[] LastStartFrame { get; }

    /// <summary>Per group slot, the start before the last one at another frame: what regions of the same event compare with.</summary>
    public long[] PreviousStartFrame { get; }

    /// <summary>True when the seconds since the group's last start lie in [lotimer, hitimer]. Audio thread.</summary>
    public bool Allows(CompiledRegion region, long nowFrame, double sampleRate)
    {
        // Regions started by this same event (or chord, at the same frame) must not count as the group's last start.
        int slot = SlotOfRegion[region.Index];
        long last = LastStartFrame[slot] == nowFrame ? PreviousStartFrame[slot] : LastStartFrame[slot];
        double seconds = last == long.MinValue ? double.PositiveInfinity : (nowFrame - last) / sampleRate;
        var o = region.VoiceOptions;
        return seconds >= o.LoTimerSeconds && seconds <= o.HiTimerSeconds;
    }

    /// <summary>Records a start of the region's group. Audio thread.</summary>
    public void Started(CompiledRegion region, long nowFrame)
    {
        int slot = SlotOfRegion[region.Index];
        if (LastStartFrame[slot] == nowFrame)
            return;
        PreviousStartFrame[slot] = LastStartFrame[slot];
        LastStartFrame[slot] = nowFrame;
    }
}

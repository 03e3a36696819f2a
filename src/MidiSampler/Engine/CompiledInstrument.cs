using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// An <see cref="Instrument"/> compiled for the sampler's output rate, with per-key region lists so
/// that a note-on touches only the regions that can answer it. Built on the control thread; its
/// arrays are then read, and its round-robin counters written, by the audio thread only.
/// </summary>
internal sealed class CompiledInstrument
{
    private static readonly int[] Empty = [];

    public CompiledInstrument(Instrument instrument, double outputRate)
    {
        Source = instrument;
        Regions = new CompiledRegion[instrument.Regions.Count];
        for (int i = 0; i < Regions.Length; i++)
            Regions[i] = new CompiledRegion(instrument.Regions[i], i, outputRate);
        NoteOnByKey = BuildIndex(Regions, release: false);
        ReleaseByKey = BuildIndex(Regions, release: true);
        SequenceCounters = new int[Regions.Length];
        foreach (var r in Regions)
            HasOffBy |= r.HasOffBy;
    }

    /// <summary>True when some region is silenced by a group (off_by), so note-ons must check.</summary>
    public bool HasOffBy { get; }

    public Instrument Source { get; }

    public CompiledRegion[] Regions { get; }

    /// <summary>Per key, the regions that a note-on may start (attack, first, legato triggers).</summary>
    public int[][] NoteOnByKey { get; }

    /// <summary>Per key, the regions that a note-off starts (release trigger).</summary>
    public int[][] ReleaseByKey { get; }

    /// <summary>Per region, how many matching note-ons it has seen (round robin). Audio thread only.</summary>
    public int[] SequenceCounters { get; }

    /// <summary>Voices playing this instrument. Written by the audio thread; read by the control thread to free retired data.</summary>
    public int ActiveVoices;

    private static int[][] BuildIndex(CompiledRegion[] regions, bool release)
    {
        var lists = new List<int>[128];
        foreach (var r in regions)
        {
            if ((r.Trigger == TriggerMode.Release) != release)
                continue;
            int lo = Math.Clamp(r.Source.LoKey, 0, 127), hi = Math.Clamp(r.Source.HiKey, 0, 127);
            for (int k = lo; k <= hi; k++)
                (lists[k] ??= []).Add(r.Index);
        }

        var index = new int[128][];
        for (int k = 0; k < 128; k++)
            index[k] = lists[k]?.ToArray() ?? Empty;
        return index;
    }
}

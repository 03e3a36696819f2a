using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// An <see cref="Instrument"/> compiled for the sampler's output rate, with per-key region lists so
/// that a note-on touches only the regions that can answer it. Built on the control thread, then read-only data for
/// the audio thread: what playing it writes is kept beside it (<see cref="InstrumentPlayState"/>), except the state of
/// its own effect buses (<see cref="Rack"/>).
/// </summary>
internal sealed partial class CompiledInstrument
{
    private static readonly int[] Empty = [];
    private static int s_lastSerial;

    /// <param name="instrument">The instrument.</param>
    /// <param name="outputRate">The sampler's output rate in Hz.</param>
    /// <param name="effectBlockFrames">
    /// The sampler's maximum block, when its effects are enabled: the instrument's &lt;effect&gt; buses are then built
    /// (<see cref="Rack"/>); 0 leaves them out.
    /// </param>
    public CompiledInstrument(Instrument instrument, double outputRate, int effectBlockFrames = 0)
    {
        Source = instrument;
        ChannelSendScale = (float)instrument.ChannelSendScale;
        ChannelChorusSendScale = (float)(instrument.ChannelChorusSendScale ?? instrument.ChannelSendScale);
        SoundFontVolumeCurves = instrument.SoundFontVolumeCurves;
        if (effectBlockFrames > 0 && instrument.Effects is { } effects)
            Rack = new EffectRack(effects, (int)Math.Round(outputRate), effectBlockFrames);
        Regions = new CompiledRegion[instrument.Regions.Count];
        for (int i = 0; i < Regions.Length; i++)
            Regions[i] = CompiledShares.Region(instrument.Regions[i], i, outputRate); // a region two presets share compiles once
        Memory = LeaseSamples(instrument, Regions);
        NoteOnByKey = BuildIndex(Regions, release: false);
        ReleaseByKey = BuildIndex(Regions, release: true);
        foreach (var r in Regions)
            HasOffBy |= r.HasOffBy;
        HasStopCc = Regions.Any(r => r.VoiceOptions.StopCcRanges.Length > 0);
        InitSourcesAndPedals();

        // Keyswitches (sfz.org, sw_lokey/sw_hikey/sw_last/sw_default): the keys that select an articulation are the
        // declared sw_lokey..sw_hikey ranges plus every sw_last key (sfizz also accepts sw_last without a range).
        IsKeyswitch = new bool[128];
        int switchDefault = -1;
        foreach (var r in Regions)
        {
            var s = r.Source;
            if (s.SwLoKey is int lo && s.SwHiKey is int hi)
            {
                for (int k = Math.Max(0, lo); k <= Math.Min(127, hi); k++)
                    IsKeyswitch[k] = true;
            }

            if (s.SwLast is int last)
            {
                for (int k = Math.Max(0, last); k <= Math.Min(127, s.SwHiLast ?? last); k++)
                    IsKeyswitch[k] = true; // sw_last, or every key of sw_lolast..sw_hilast (sfizz does the same)
            }
            // The last sw_default in the file wins, as in sfizz (each region's default switch overwrites the current one).
            if (s.SwDefault is int d and >= 0 and < 128)
                switchDefault = d;
            HasPolyphonyLimits |= s.Polyphony is not null || s.NotePolyphony is not null;
        }

        DefaultKeyswitch = switchDefault;
        var byController = new List<int>[128];
        foreach (var r in Regions)
        {
            foreach (var range in r.OnCcRanges)
            {
                var list = byController[range.Controller] ??= [];
                if (!list.Contains(r.Index))
                    list.Add(r.Index);
            }
        }

        ControllerTriggered = new int[128][];
        for (int c = 0; c < 128; c++)
            ControllerTriggered[c] = byController[c]?.ToArray() ?? Empty;
    }

    /// <summary>
    /// The references this instrument holds on its samples' native memory (and on the region-owned copies it made):
    /// released by the sampler's control thread once the instrument is retired and no voice plays it.
    /// </summary>
    public SampleMemoryLease Memory { get; }

    /// <summary>Per key: true when striking it selects a keyswitch.</summary>
    public bool[] IsKeyswitch { get; }

    /// <summary>The keyswitch in force before any is struck (sw_default), or -1.</summary>
    public int DefaultKeyswitch { get; }

    /// <summary>True when some region sets polyphony or note_polyphony, so that note-ons must count voices.</summary>
    public bool HasPolyphonyLimits { get; }

    /// <summary>A number no other compiled instrument of the process has: the voice manager keys its lists with it.</summary>
    public int Serial { get; } = Interlocked.Increment(ref s_lastSerial);

    /// <summary>True when some region is silenced by a group (off_by), so note-ons must check.</summary>
    public bool HasOffBy { get; }

    /// <summary>Some region is stopped by a controller (stop_loccN/stop_hiccN): control changes scan the voices.</summary>
    public bool HasStopCc { get; }

    /// <summary>The model, for the control thread (info, warm-up, initial controllers); the audio thread reads only compiled data.</summary>
    public Instrument Source { get; }

    /// <summary>The channel's reverb and chorus send at full CC91/CC93 while this instrument plays (<see cref="Instrument.ChannelSendScale"/>).</summary>
    public float ChannelSendScale { get; }

    /// <summary>The channel's chorus send at full CC93 while this instrument plays (<see cref="Instrument.ChannelChorusSendScale"/>).</summary>
    public float ChannelChorusSendScale { get; }

    /// <summary>The channel's volume and expression follow SoundFont curves while this instrument plays (<see cref="Instrument.SoundFontVolumeCurves"/>).</summary>
    public bool SoundFontVolumeCurves { get; }

    /// <summary>The instrument's own effect buses, or null (no &lt;effect&gt; header, or the sampler's effects are off).</summary>
    public EffectRack? Rack { get; }

    public CompiledRegion[] Regions { get; }

    /// <summary>Per key, the regions that a note-on may start (attack, first, legato triggers).</summary>
    public int[][] NoteOnByKey { get; }

    /// <summary>Per controller, the regions an on_loccN/on_hiccN range starts (SFZ v1).</summary>
    public int[][] ControllerTriggered { get; }

    /// <summary>Per key, the regions that a note-off starts (release trigger).</summary>
    public int[][] ReleaseByKey { get; }

    private static int[][] BuildIndex(CompiledRegion[] regions, bool release)
    {
        var lists = new List<int>[128];
        foreach (var r in regions)
        {
            if ((r.Trigger is TriggerMode.Release or TriggerMode.ReleaseKey) != release || r.OnCcRanges.Length > 0)
                continue; // controller-triggered regions (on_loccN) do not answer notes
            int lo = Math.Clamp(r.Source.LoKey, 0, 127), hi = Math.Clamp(r.Source.HiKey, 0, 127);
            for (int k = lo; k <= hi; k++)
                (lists[k] ??= []).Add(r.Index);
        }

        var index = new int[128][];
        for (int k = 0; k < 128; k++)
            index[k] = lists[k]?.ToArray() ?? Empty;
        return index;
    }

    /// <summary>
    /// Leases the buffers every compiled region reads; the copies made at compile (crossfaded or unfolded loops, reversed
    /// variants) then drop their owner reference, so that the lease alone keeps them and releasing it frees them.
    /// </summary>
    private static SampleMemoryLease LeaseSamples(Instrument instrument, CompiledRegion[] regions)
    {
        var model = new HashSet<Sample>(ReferenceEqualityComparer.Instance);
        foreach (var r in instrument.Regions)
        {
            model.Add(r.Sample);
            if (r.VoiceOptions.ReversedSample is { } reversed)
                model.Add(reversed);
            foreach (var band in r.VoiceOptions.KeySamples)
                model.Add(band.Sample);
        }

        var played = new List<Sample>();
        foreach (var r in regions)
        {
            played.Add(r.Played);
            if (r.ReversedVariant is { } variant)
                played.Add(variant.Played);
            if (r.KeyVariants is { } keyed)
                played.AddRange(keyed.Where(v => v is not null).Distinct().Select(v => v!.Played));
        }

        var lease = new SampleMemoryLease(played.Where(p => p.Buffer is not null).Select(p => p.Buffer!));
        foreach (var p in played)
        {
            if (!model.Contains(p))
                p.ReleaseMemory();
        }

        return lease;
    }
}

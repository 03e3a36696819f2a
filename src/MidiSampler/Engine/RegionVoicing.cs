using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// How a region's voices behave among others and at the pedals, copied from the model at compile (sfz.org off_mode,
/// output, sustain_sw, polyphony, note_polyphony, note_selfmask). Read-only after construction.
/// </summary>
internal sealed class RegionVoicing
{
    public RegionVoicing(Region region)
    {
        OffMode = region.OffMode;
        Output = region.Output;
        SustainSwitch = region.SustainSwitch;
        Polyphony = region.Polyphony ?? -1;
        PolyphonyScope = region.PolyphonyScope;
        NotePolyphony = region.NotePolyphony ?? -1;
        NoteSelfMask = region.NoteSelfMask;
    }

    public readonly OffMode OffMode;
    public readonly int Output;
    public readonly bool SustainSwitch;

    /// <summary>polyphony: the most voices of <see cref="PolyphonyScope"/> at once; -1 for no limit.</summary>
    public readonly int Polyphony;
    public readonly long PolyphonyScope;

    /// <summary>note_polyphony: the most voices of the region's group per key and channel; -1 for no limit.</summary>
    public readonly int NotePolyphony;
    public readonly bool NoteSelfMask;
}

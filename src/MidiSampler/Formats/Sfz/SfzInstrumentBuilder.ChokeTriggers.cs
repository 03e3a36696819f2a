namespace MidiSampler.Formats.Sfz;

/// <summary>Silent regions that exist only to choke other groups (the drum-kit idiom of community libraries).</summary>
internal sealed partial class SfzInstrumentBuilder
{
    /// <summary>
    /// Whether a region that <c>end=-1</c> or <c>end=0</c> would disable is a choke trigger to keep: a
    /// <c>sample=*silence</c> region in a polyphony <c>group</c>. Published drum kits (Drumdrops, PastToFuture,
    /// SamsSonor conversions) give each hi-hat key extra <c>end=-1 sample=*silence</c> regions in the groups its
    /// open sounds name in <c>off_by</c>, because a region has one group and the key must choke several. The region
    /// makes no sound whatever its end, so keeping it changes nothing but the choke its author wrote it for.
    /// </summary>
    private static bool IsChokeTrigger(SfzRegionDraft draft) =>
        draft.Group != 0 && string.Equals(draft.SamplePath, "*silence", StringComparison.Ordinal);
}

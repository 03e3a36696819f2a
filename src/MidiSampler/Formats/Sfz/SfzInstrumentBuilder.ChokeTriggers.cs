namespace MidiSampler.Formats.Sfz;

/// <summary>Silent regions that exist only to choke other groups (the drum-kit idiom of community libraries).</summary>
internal sealed partial class SfzInstrumentBuilder
{
    /// <summary>
    /// Turns a region that <c>end=-1</c> or <c>end=0</c> silences into a choke trigger: it keeps its keys, conditions,
    /// group and off_by, but plays <c>*silence</c> once (64 frames) instead of its sample, which is then not even
    /// loaded. Published drum kits (Drumdrops, PastToFuture, SamsSonor conversions) give each hi-hat key extra
    /// <c>end=-1</c> regions in the groups its open sounds name in <c>off_by</c>, because a region has one group and
    /// the key must choke several; sfizz starts such a voice and kills it at once, after it has choked the others.
    /// </summary>
    private static void MakeSilentChoke(SfzRegionDraft draft)
    {
        draft.SamplePath = "*silence";
        draft.End = null;
        draft.LoopMode = Model.LoopMode.OneShot;
        draft.LoopStart = null;
        draft.LoopEnd = null;
        draft.Offset = 0;
        draft.Reverse = false;
    }
}

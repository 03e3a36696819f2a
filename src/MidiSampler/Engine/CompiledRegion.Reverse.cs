using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>The reversed variant of a region for reverse_loccN/reverse_hiccN (control thread, at compile).</summary>
internal sealed partial class CompiledRegion
{
    /// <summary>
    /// The region on its time-reversed sample with offset, end and loop points mirrored (as the SFZ loader does for
    /// direction=reverse), so that the voice's forward-only kernels play it; without reverse ranges of its own.
    /// </summary>
    private static Region Reversed(Region region)
    {
        var o = region.VoiceOptions;
        var sample = region.Sample;
        var reversed = o.ReversedSample is { } r && r.FrameCount == sample.FrameCount && r.Channels == sample.Channels ? r : sample.CreateReversed();
        var mirrored = region.MirroredOnto(reversed);
        return mirrored with { VoiceOptions = o with { ReverseCcRanges = [], ReversedSample = null } };
    }
}

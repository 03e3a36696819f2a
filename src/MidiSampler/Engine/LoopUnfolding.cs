using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// SFZ v2 <c>loop_type=backward|alternate</c>, unfolded at load into a forward loop over a region-owned copy of the sample.
/// </summary>
/// <remarks>
/// Design: the voice kernels only play forwards (which keeps them simple and fast), so the reversed pass is written out:
/// after frame loop_end the copy holds the loop reversed, and the forward loop spans what the direction plays. With
/// L = loop_end − loop_start: backward appends loop_end−1 … loop_start (L frames) and loops over [loop_end, loop_end + L];
/// alternate appends loop_end−1 … loop_start+1 (L − 1 frames) and loops over [loop_start, loop_end + L − 1]. The audio after
/// loop_end (played on after a loop_sustain release) follows the appended frames; end and offsets past loop_end move with
/// it. Each turn is seamless by construction: the frames either side of a turning point are neighbours in the sample.
/// Streamed samples keep a forward loop (their data is not resident).
/// </remarks>
internal static class LoopUnfolding
{
    /// <summary>The data and frame positions to play.</summary>
    public static (float[] Data, long LoopStart, long LoopEnd, long End, long Offset) Apply(Sample sample, float[] data, LoopDirection direction,
        LoopMode mode, long loopStart, long loopEnd, long end, long offset)
    {
        long length = loopEnd - loopStart;
        if (direction == LoopDirection.Forward || sample.IsStreamed || mode is not (LoopMode.LoopContinuous or LoopMode.LoopSustain)
            || length < 2 || (long)sample.FrameCount + length > int.MaxValue / 4)
            return (data, loopStart, loopEnd, end, offset);
        int channels = sample.Channels;
        long added = direction == LoopDirection.Backward ? length : length - 1;
        long frames = sample.FrameCount + added;
        var copy = new float[(frames + (2 * Sample.PadFrames)) * channels];
        long Index(long frame) => (Sample.PadFrames + frame) * channels;
        // Head and loop as they are.
        Array.Copy(data, 0, copy, 0, Index(loopEnd + 1));
        // The reversed pass.
        long from = loopEnd - 1;
        for (long i = 0; i < added; i++, from--)
            Array.Copy(data, Index(from), copy, Index(loopEnd + 1 + i), channels);
        // The tail after the loop, then the guard frames (zeros already).
        long tail = sample.FrameCount - 1 - loopEnd;
        if (tail > 0)
            Array.Copy(data, Index(loopEnd + 1), copy, Index(loopEnd + 1 + added), tail * channels);
        long shiftedEnd = end > loopEnd ? end + added : end;
        long shiftedOffset = offset > loopEnd ? offset + added : offset;
        return direction == LoopDirection.Backward
            ? (copy, loopEnd, loopEnd + added, Math.Max(shiftedEnd, loopEnd + added), shiftedOffset)
            : (copy, loopStart, loopEnd + added, Math.Max(shiftedEnd, loopEnd + added), shiftedOffset);
    }
}

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
/// The copy keeps the sample's storage format (whole frames are copied). Streamed samples keep a forward loop (their
/// data is not resident).
/// </remarks>
internal static class LoopUnfolding
{
    /// <summary>The sample and frame positions to play.</summary>
    public static unsafe (Sample Sample, long LoopStart, long LoopEnd, long End, long Offset) Apply(Sample sample, LoopDirection direction,
        LoopMode mode, long loopStart, long loopEnd, long end, long offset)
    {
        long length = loopEnd - loopStart;
        if (direction == LoopDirection.Forward || sample.IsStreamed || mode is not (LoopMode.LoopContinuous or LoopMode.LoopSustain)
            || length < 2 || (long)sample.FrameCount + length > int.MaxValue / 4 || loopEnd >= sample.FrameCount)
            return (sample, loopStart, loopEnd, end, offset);
        int channels = sample.Channels, frameBytes = channels * sample.BytesPerValue;
        long added = direction == LoopDirection.Backward ? length : length - 1;
        int frames = (int)(sample.FrameCount + added);
        var buffer = Sample.Allocate(frames, channels, sample.Format);
        byte* from = (byte*)sample.Frames + (Sample.PadFrames * frameBytes), to = buffer.Pointer + (Sample.PadFrames * frameBytes);
        // Head and loop as they are.
        Buffer.MemoryCopy(from, to, (loopEnd + 1) * frameBytes, (loopEnd + 1) * frameBytes);
        // The reversed pass.
        long source = loopEnd - 1;
        for (long i = 0; i < added; i++, source--)
            Buffer.MemoryCopy(from + (source * frameBytes), to + ((loopEnd + 1 + i) * frameBytes), frameBytes, frameBytes);
        // The tail after the loop, then the guard frames (zeros already).
        long tail = sample.FrameCount - 1 - loopEnd;
        if (tail > 0)
            Buffer.MemoryCopy(from + ((loopEnd + 1) * frameBytes), to + ((loopEnd + 1 + added) * frameBytes), tail * frameBytes, tail * frameBytes);
        var copy = Sample.FromBuffer(sample.Name, sample.SampleRate, channels, frames, sample.Format, buffer, sample.Metadata);
        long shiftedEnd = end > loopEnd ? end + added : end;
        long shiftedOffset = offset > loopEnd ? offset + added : offset;
        return direction == LoopDirection.Backward
            ? (copy, loopEnd, loopEnd + added, Math.Max(shiftedEnd, loopEnd + added), shiftedOffset)
            : (copy, loopStart, loopEnd + added, Math.Max(shiftedEnd, loopEnd + added), shiftedOffset);
    }
}

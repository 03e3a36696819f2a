using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// SFZ v2 <c>loop_crossfade</c>, baked at load: a copy of the sample in which the last L frames of the loop fade into the L
/// frames before loop_start, so that the audio arriving at loop_end continues into loop_start without a jump.
/// </summary>
/// <remarks>
/// Design: the sample is immutable and shared between regions, and the voice kernels read loops straight from it, so the
/// crossfade is precomputed into a region-owned copy (control thread, at compile) and the kernels stay unchanged. Frame
/// loopEnd − L + 1 + i becomes <c>x[loopEnd−L+1+i]·cos(θ) + x[loopStart−L+1+i]·sin(θ)</c>, θ = π/2·(i+1)/(L+1): an
/// equal-power fade (as sfizz's loop crossfade), whose last frame is (almost) the frame before loop_start. L is limited by
/// the audio before loop_start and by the loop's own length. The first pass through the loop's tail plays the crossfaded
/// audio too (sfizz and Kontakt do the same). The copy is float (faded values are not 16-bit values), in native memory
/// like the sample's own. Streamed samples are not crossfaded (their data is not resident).
/// </remarks>
internal static class LoopCrossfade
{
    /// <summary>The sample to play: <paramref name="sample"/> itself when there is nothing to fade, else a crossfaded float copy.</summary>
    public static Sample Apply(Sample sample, LoopMode mode, long loopStart, long loopEnd, double seconds)
    {
        if (seconds <= 0 || !double.IsFinite(seconds) || sample.IsStreamed || mode is not (LoopMode.LoopContinuous or LoopMode.LoopSustain)
            || loopEnd <= loopStart)
            return sample;
        long frames = Math.Min((long)Math.Round(Math.Min(seconds, 100) * sample.SampleRate), Math.Min(loopStart, loopEnd - loopStart));
        if (frames <= 0)
            return sample;
        int channels = sample.Channels, count = sample.FrameCount;
        var buffer = Sample.Allocate(count, channels, SampleFormat.Float32);
        var copy = Sample.Body<float>(buffer, count, channels);
        for (int f = 0; f < count; f++)
        {
            for (int c = 0; c < channels; c++)
                copy[(f * channels) + c] = sample[f, c];
        }

        for (long i = 0; i < frames; i++)
        {
            double theta = Math.PI / 2 * (i + 1) / (frames + 1);
            float fadeOut = (float)Math.Cos(theta), fadeIn = (float)Math.Sin(theta);
            long tail = loopEnd - frames + 1 + i, head = loopStart - frames + i;
            if (tail < 0 || tail >= count || head < 0 || head >= count)
                continue;
            for (int c = 0; c < channels; c++)
                copy[(int)(tail * channels) + c] = (sample[(int)tail, c] * fadeOut) + (sample[(int)head, c] * fadeIn);
        }

        return Sample.FromBuffer(sample.Name, sample.SampleRate, channels, count, SampleFormat.Float32, buffer, sample.Metadata);
    }
}

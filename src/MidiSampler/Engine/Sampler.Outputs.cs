using System.Runtime.CompilerServices;
using MidiSampler.Dsp;

namespace MidiSampler.Engine;

/// <summary>Per-output buses (<see cref="SamplerConfig.OutputBuses"/>): voices routed by their region's SFZ <c>output</c>.</summary>
/// <remarks>
/// Design: the per-output buses reuse the per-channel machinery (the 16 bus buffers, cleared lazily by their first voice
/// in a chunk; the main mix the sum of the live buffers; <see cref="WriteBuses"/> with the master gain ramp), indexed by
/// the region's <c>output</c> (SFZ v1: "the stereo output number for this region") instead of the MIDI channel. A bus
/// therefore no longer holds one channel, so the channel's CC91/CC93 sends to the built-in reverb and chorus cannot be
/// taken from the bus buffer after the voices (as <see cref="EndEffectsChunk"/> does per channel): a voice whose
/// channel (or region, <c>effect1</c>/<c>effect2</c>) sends renders through the private pair and feeds the sends itself,
/// at the level the channel path would give (<c>min(region + channel, 1)</c>). Voices without a send render straight
/// into their bus, so the routing costs one clamp per voice and run.
/// An instrument's SFZ <c>&lt;effect&gt;</c> rack belongs to output 0, as sfizz keeps one set of effect buses per output
/// and an <c>&lt;effect&gt;</c> header without <c>output</c> defines those of output 0: voices on output 0 feed the rack
/// and the rack's output lands on bus 0; voices on other outputs play dry on their own bus (their <c>effectN</c> address
/// buses that output does not have), still sent to the built-in reverb and chorus by their channel's CC91/CC93.
/// </remarks>
public sealed unsafe partial class Sampler
{
    /// <summary>The bus of a voice: its region's output, clamped to the buses there are (beyond the last: the last). Audio thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int OutputBusOf(Voice voice) => Math.Clamp(voice.Region!.Source.Output, 0, _lastOutputBus); // as OutputBusRouting.BusOf

    /// <summary>
    /// Renders one voice into its output bus (<paramref name="left"/>/<paramref name="right"/> point into bus
    /// <paramref name="bus"/>'s buffer at the run), through the rack when it is an output-0 voice of an instrument with one,
    /// feeding the built-in sends when its channel or region sends. Audio thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RenderToOutputBus(Voice voice, MidiChannelState channel, int bus, bool cubic, int mixOffset, int frames,
        float* left, float* right, float* scratch, float* sourceLeft, float* sourceRight)
    {
        bool regionSends = true;
        if (voice.Instrument!.Rack is { } rack)
        {
            if (bus == 0 && Enlist(rack))
                return RenderIntoRack(voice, channel, rack, cubic, frames, scratch, sourceLeft, sourceRight);
            regionSends = false; // effectN name the rack's buses, which belong to output 0
        }

        if (_reverb is not null)
        {
            float reverb = channel.ReverbSend, chorus = channel.ChorusSend;
            var region = voice.Region!;
            if (regionSends && region.HasEffectSend)
            {
                reverb = Math.Min(reverb + region.ReverbSend, 1);
                chorus = Math.Min(chorus + region.ChorusSend, 1);
            }

            if (reverb > 0 || chorus > 0)
                return RenderWithSendLevels(voice, channel, cubic, mixOffset, frames, left, right, scratch, sourceLeft, sourceRight, reverb * 0.5f, chorus * 0.5f);
        }

        return cubic
            ? voice.Render<CubicHermite>(frames, left, right, scratch, sourceLeft, sourceRight, channel)
            : voice.Render<LinearInterpolator>(frames, left, right, scratch, sourceLeft, sourceRight, channel);
    }

    /// <summary>
    /// Runs a rack over the run into <paramref name="left"/>/<paramref name="right"/> (bus 0 at the run) through the private
    /// pair, so that its output also feeds the built-in sends of its channel. Audio thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RunRackWithSends(EffectRack rack, MidiChannelState channel, int mixOffset, int frames, float* left, float* right)
    {
        fixed (float* vl = _voiceLeft)
        fixed (float* vr = _voiceRight)
        {
            new Span<float>(vl, frames).Clear();
            new Span<float>(vr, frames).Clear();
            bool running = rack.Run(frames, channel.Controllers, TempoBpm, vl, vr);
            AddWithSends(vl, vr, left, right, mixOffset, frames, channel.ReverbSend * 0.5f, channel.ChorusSend * 0.5f);
            return running;
        }
    }
}

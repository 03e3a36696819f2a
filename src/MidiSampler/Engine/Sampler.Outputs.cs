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
            bool running = rack.Run(frames, channel.Controllers, _blockTempoBpm, vl, vr);
            AddWithSends(vl, vr, left, right, mixOffset, frames, channel.ReverbSend * 0.5f, channel.ChorusSend * 0.5f);
            return running;
        }
    }
}

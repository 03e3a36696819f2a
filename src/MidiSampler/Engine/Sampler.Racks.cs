using System.Runtime.CompilerServices;
using MidiSampler.Dsp;

namespace MidiSampler.Engine;

/// <summary>The instruments' own effect racks (SFZ v2 &lt;effect&gt; buses): feeding them from voices and running them.</summary>
/// <remarks>
/// Design: a voice of an instrument with a rack renders into the private voice pair, which feeds the rack's buses
/// (<see cref="EffectRack.Feed"/>); after the run's voices, every running rack processes the run and adds its output to
/// the destination of its channel (the channel's buffer when the channel is routed: its CC91/CC93 sends and, with
/// channel buses, its own output pair; bus 0 with per-output buses; the main mix otherwise). Racks are run per run of frames between events, so a
/// controller moves an effect at the event's frame. Such voices do not feed the built-in reverb and chorus themselves
/// (their effect1..effect4 go to the rack); the rack's output still reaches them through the channel's CC91/CC93.
/// </remarks>
public sealed unsafe partial class Sampler
{
    /// <summary>Puts <paramref name="rack"/> in the running list; false when the list is full (the voice then plays dry).</summary>
    private bool Enlist(EffectRack rack)
    {
        if (rack.LiveIndex >= 0)
            return true;
        if (_liveRackCount == _liveRacks.Length)
            return false;
        rack.LiveIndex = _liveRackCount;
        rack.Guards = _guards;
        _liveRacks[_liveRackCount++] = rack;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RenderIntoRack(Voice voice, MidiChannelState channel, EffectRack rack, bool cubic, int frames,
        float* scratch, float* sourceLeft, float* sourceRight)
    {
        fixed (float* vl = _voiceLeft)
        fixed (float* vr = _voiceRight)
        {
            new Span<float>(vl, frames).Clear();
            new Span<float>(vr, frames).Clear();
            bool alive = cubic
                ? voice.Render<CubicHermite>(frames, vl, vr, scratch, sourceLeft, sourceRight, channel)
                : voice.Render<LinearInterpolator>(frames, vl, vr, scratch, sourceLeft, sourceRight, channel);
            rack.Feed(vl, vr, frames, voice.Region!);
            return alive;
        }
    }

    /// <summary>Runs every running rack over the run at <paramref name="mixOffset"/>; drops those that have fallen silent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunRacks(int mixOffset, int frames, bool routing, float* mixLeft, float* mixRight, float* channelBuffers)
    {
        int k = 0;
        while (k < _liveRackCount)
        {
            var rack = _liveRacks[k]!;
            int c = rack.Channel & 15;
            // Per-output buses: the rack belongs to output 0 (Sampler.Outputs.cs); otherwise it joins its channel.
            int b = _busesByOutput ? 0 : c;
            float* left = mixLeft + mixOffset, right = mixRight + mixOffset;
            if (routing && _routed[c])
            {
                float* bus = channelBuffers + (b * 2 * _channelStride);
                if (!_live[b])
                {
                    new Span<float>(bus, _chunkFrames).Clear();
                    new Span<float>(bus + _channelStride, _chunkFrames).Clear();
                    _live[b] = true;
                }

                left = bus + mixOffset;
                right = left + _channelStride;
            }

            var channel = _channels[c];
            bool running = _busesByOutput && _reverb is not null && (channel.ReverbSend > 0 || channel.ChorusSend > 0)
                ? RunRackWithSends(rack, channel, mixOffset, frames, left, right)
                : rack.Run(frames, channel.Controllers, _blockTempoBpm, left, right);
            if (running)
            {
                k++;
                continue;
            }

            // Silent for its whole tail: out of the list (the last one takes its place).
            rack.LiveIndex = -1;
            var last = _liveRacks[--_liveRackCount]!;
            _liveRacks[_liveRackCount] = null;
            if (!ReferenceEquals(last, rack))
            {
                _liveRacks[k] = last;
                last.LiveIndex = k;
            }
        }
    }
}

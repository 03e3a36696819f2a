using MidiSampler.Dsp;

namespace MidiSampler.Engine;

/// <summary>
/// The engine's last line of defence against numbers that are not audio (issue 20): the output never carries NaN, ±∞
/// or a value beyond ±10⁶, and <see cref="Panic"/> fades everything out and then forgets every effect's state.
/// </summary>
/// <remarks>
/// Design: samples are made safe at load (Dsp/SampleSanitizer) and every feedback path guards itself (the built-in
/// reverb and chorus, each rack effect through RackEffect, voice filters); this final check catches whatever still gets
/// through, for example a voice whose filter blew up in this very block. It costs one vector compare per 8 values of
/// the mix (see <see cref="FiniteGuard"/>). When it trips, the broken values become silence and every effect is
/// cleared, since which one holds the poison is not known; the voices go on. Audio thread; allocates nothing.
/// </remarks>
public sealed unsafe partial class Sampler
{
    private readonly GuardCounters _guards = new();

    // The panic's fade: the absolute frame it started at, or -1 when none is running.
    private long _panicStartFrame = -1;

    /// <summary>
    /// Checks the chunk at <paramref name="position"/> of the block (its main mix, and the bus buffers when the host takes
    /// them) before it is written out, and applies a running panic's fade.
    /// </summary>
    private void GuardOutput(int position, int frames, bool buses)
    {
        bool busesLive = buses && _channelBuses;
        long broken = FiniteGuard.Scrub(new Span<float>(_mixLeft, 0, frames)) + FiniteGuard.Scrub(new Span<float>(_mixRight, 0, frames));
        if (busesLive)
        {
            for (int c = 0; c < Channels; c++)
            {
                if (!_live[c])
                    continue;
                broken += FiniteGuard.Scrub(new Span<float>(_channelBuffers, c * 2 * _channelStride, frames));
                broken += FiniteGuard.Scrub(new Span<float>(_channelBuffers, (c * 2 * _channelStride) + _channelStride, frames));
            }
        }

        if (broken > 0)
        {
            _guards.CountNonFinite(broken);
            ClearEffectState();
        }

        if (_panicStartFrame >= 0)
            FadeForPanic(_framesProcessed + position, frames, busesLive);
    }

    /// <summary>
    /// A panic (all sound off): the voices fade over the steal fade, and so does the whole output, effect returns
    /// included, because the fading voices still feed the reverb and delays; once the fade is over every effect is
    /// cleared, so nothing rings on. A note started within that fade (a few ms) is faded with it. Audio thread.
    /// </summary>
    private void BeginPanicFade()
    {
        if (_panicStartFrame < 0)
            _panicStartFrame = _eventFrame;
    }

    /// <summary>Applies the panic's gain ramp (1 to 0 over the steal fade, then 0) to the chunk starting at absolute frame <paramref name="chunkStart"/>.</summary>
    private void FadeForPanic(long chunkStart, int frames, bool buses)
    {
        float step = 1f / _fadeFrames;
        for (int i = 0; i < frames; i++)
        {
            long since = chunkStart + i - _panicStartFrame;
            if (since < 0)
                continue;
            float gain = MathF.Max(0, 1 - (since * step));
            _mixLeft[i] *= gain;
            _mixRight[i] *= gain;
            if (!buses)
                continue;
            for (int c = 0; c < Channels; c++)
            {
                if (_live[c])
                {
                    _channelBuffers[(c * 2 * _channelStride) + i] *= gain;
                    _channelBuffers[(c * 2 * _channelStride) + _channelStride + i] *= gain;
                }
            }
        }

        if (chunkStart + frames - _panicStartFrame >= _fadeFrames)
        {
            ClearEffectState();
            _panicStartFrame = -1;
        }
    }

    /// <summary>
    /// Clears the built-in reverb and chorus and every running instrument rack (racks that are not running were cleared
    /// when they stopped). Audio thread: on a panic, and when the output guard trips.
    /// </summary>
    private void ClearEffectState()
    {
        if (_reverb is not null)
        {
            _reverb.Clear();
            _chorus!.Clear();
        }

        for (int k = 0; k < _liveRackCount; k++)
            _liveRacks[k]!.Clear();
    }

    /// <summary>Effect resets of the racks plus those of the built-in reverb and chorus.</summary>
    private long EffectResets() => _guards.EffectResets + (_reverb?.Resets ?? 0) + (_chorus?.Resets ?? 0);
}

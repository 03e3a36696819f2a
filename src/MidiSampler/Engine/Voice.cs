using System.Runtime.CompilerServices;
using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// One sounding region: a play position, an envelope and gains. Preallocated in the
/// <see cref="VoicePool"/> and reused; audio thread only.
/// </summary>
/// <remarks>
/// Design: a block is rendered as a series of runs in which nothing changes discretely: the
/// envelope stays in one stage, the gain ramp stays linear, and every interpolation tap lies inside
/// the sample without crossing a loop boundary. Runs go to the SIMD kernel; the one or two frames at a
/// loop seam are stepped singly with taps wrapped around the loop, which is what makes loops seamless
/// with 4-point interpolation. Samples have silent guard frames at both ends, so a non-looping voice
/// reads zeros past its end and stops when its position passes <c>end</c>.
/// </remarks>
internal sealed unsafe class Voice
{
    private const int GainRampFrames = 64;
    private const double MaxRatio = 64;

    private EnvelopeState _envelope;
    private long _position;
    private long _increment;
    private double _baseRatio;
    private int _pitchVersion;
    private int _gainVersion;
    private float _voiceGainLeft;
    private float _voiceGainRight;
    private float _gainLeft;
    private float _gainRight;
    private float _stepLeft;
    private float _stepRight;
    private int _rampLeft;
    private bool _wrapped;

    public Voice(int slot) => Slot = slot;

    /// <summary>Index in the pool.</summary>
    public int Slot { get; }

    public bool Active { get; private set; }

    public int Channel { get; private set; }

    public int Key { get; private set; }

    public int NoteId { get; private set; }

    /// <summary>Monotonic start stamp: smaller is older.</summary>
    public long StartOrder { get; private set; }

    /// <summary>Monotonic stamp of the note-off (or 0 while held).</summary>
    public long ReleaseOrder { get; private set; }

    /// <summary>Note-off received (perhaps deferred by the pedal).</summary>
    public bool NoteReleased { get; private set; }

    /// <summary>Note-off arrived while the sustain pedal was down; released at pedal up.</summary>
    public bool HeldByPedal { get; set; }

    public CompiledInstrument? Instrument { get; private set; }

    public CompiledRegion? Region { get; private set; }

    /// <summary>True during a steal or kill fade.</summary>
    public bool Fading => _envelope.Stage == EnvelopeStage.Fade;

    /// <summary>True once the envelope is in release or fade.</summary>
    public bool Releasing => _envelope.IsReleasing;

    /// <summary>The envelope level (for choosing the quietest voice to cut).</summary>
    public float Level => _envelope.Level;

    private bool LoopActive => Region!.LoopMode == LoopMode.LoopContinuous
        || (Region.LoopMode == LoopMode.LoopSustain && !NoteReleased);

    /// <summary>Starts the voice. Audio thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Start(CompiledInstrument instrument, CompiledRegion region, MidiChannelState channel, int key, int velocity, int noteId, long order)
    {
        Instrument = instrument;
        Region = region;
        Channel = channel.Index;
        Key = key;
        NoteId = noteId;
        StartOrder = order;
        ReleaseOrder = 0;
        NoteReleased = false;
        HeldByPedal = false;
        _wrapped = false;
        _position = region.Offset << 32;
        double cents = ((key - region.KeyCenter) * region.KeytrackCents) + region.TuneCents;
        _baseRatio = region.RateRatio * PitchTable.Ratio(cents);
        UpdateIncrement(channel);
        float velocityGain = region.VelocityGain(velocity);
        _voiceGainLeft = region.Gain * velocityGain * region.PanLeft;
        _voiceGainRight = region.Gain * velocityGain * region.PanRight;
        _gainLeft = _voiceGainLeft * channel.GainLeft;
        _gainRight = _voiceGainRight * channel.GainRight;
        _gainVersion = channel.GainVersion;
        _stepLeft = _stepRight = 0;
        _rampLeft = 0;
        _envelope.Start(region.Envelope);
        Active = true;
        instrument.ActiveVoices++;
    }

    /// <summary>Note-off: starts the release (one-shot regions ignore it). Audio thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Release(long order)
    {
        if (NoteReleased)
            return;
        NoteReleased = true;
        HeldByPedal = false;
        ReleaseOrder = order;
        if (Region!.LoopMode != LoopMode.OneShot)
            _envelope.Release();
    }

    /// <summary>Fades out over <paramref name="frames"/> frames, then frees itself (stealing, kill, off_by). Audio thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FadeOut(int frames, long order)
    {
        if (!NoteReleased)
        {
            NoteReleased = true;
            ReleaseOrder = order;
        }

        HeldByPedal = false;
        _envelope.Fade(frames);
    }

    /// <summary>Stops at once with no fade (only when the pool has nothing else to give). Audio thread.</summary>
    public void Kill() => Finish();

    /// <summary>Renders <paramref name="frames"/> frames into the mix. Returns false when the voice has ended. Audio thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Render<TInterp>(int frames, float* left, float* right, float* scratch, MidiChannelState channel)
        where TInterp : struct, IInterpolator
    {
        if (channel.PitchVersion != _pitchVersion)
            UpdateIncrement(channel);
        if (channel.GainVersion != _gainVersion)
            StartGainRamp(channel);

        var region = Region!;
        bool stereo = region.Stereo;
        var scratchSpan = new Span<float>(scratch, frames);
        int done = 0;
        fixed (float* data = region.Data)
        {
            while (done < frames)
            {
                int envelopeRun = _envelope.RunLength;
                if (envelopeRun == 0)
                {
                    _envelope.Advance();
                    if (_envelope.IsDone)
                        return Finish();
                    continue;
                }

                int run = Math.Min(frames - done, envelopeRun);
                if (_rampLeft > 0)
                    run = Math.Min(run, _rampLeft);

                bool loop = LoopActive;
                long limit = loop ? (region.LoopEnd - 1) << 32 : (region.End + 1) << 32;
                long fast = _position >= limit ? 0 : ((limit - _position) + _increment - 1) / _increment;
                if (loop && _wrapped && _position < (region.LoopStart + 1) << 32)
                    fast = 0;
                if (fast == 0)
                {
                    if (!loop)
                        return Finish(); // past the end of a non-looping sample
                    StepAcrossSeam<TInterp>(data, stereo, left + done, right + done, scratch);
                    done++;
                    continue;
                }

                if (fast < run)
                    run = (int)fast;
                _envelope.Fill(scratchSpan, run);
                _position = VoiceKernels.Mix<TInterp>(stereo, data, _position, _increment, run, scratch,
                    left + done, right + done, ref _gainLeft, _stepLeft, ref _gainRight, _stepRight);
                AdvanceRamp(run, channel);
                done += run;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepAcrossSeam<TInterp>(float* data, bool stereo, float* left, float* right, float* scratch)
        where TInterp : struct, IInterpolator
    {
        var region = Region!;
        long loopStart = region.LoopStart, loopEnd = region.LoopEnd, length = loopEnd - loopStart + 1;
        long frame = _position >> 32;
        float x = (uint)_position * VoiceKernels.FractionScale;
        _envelope.Fill(new Span<float>(scratch, 1), 1);
        VoiceKernels.MixOneFrame<TInterp>(stereo, data,
            Tap(frame - 1, loopStart, loopEnd, length), Tap(frame, loopStart, loopEnd, length),
            Tap(frame + 1, loopStart, loopEnd, length), Tap(frame + 2, loopStart, loopEnd, length),
            x, scratch[0], left, right, _gainLeft, _gainRight);
        _gainLeft += _stepLeft;
        _gainRight += _stepRight;
        _position += _increment;
        long wrapAt = (loopEnd + 1) << 32;
        if (_position >= wrapAt)
        {
            long over = (_position - wrapAt) % (length << 32);
            _position = (loopStart << 32) + over;
            _wrapped = true;
        }

        if (_rampLeft > 0 && --_rampLeft == 0)
            EndRamp();
    }

    /// <summary>Maps a tap frame into the loop once the play position has wrapped (or is about to).</summary>
    private int Tap(long frame, long loopStart, long loopEnd, long length)
    {
        if (frame > loopEnd)
            frame = loopStart + ((frame - loopStart) % length);
        else if (_wrapped && frame < loopStart)
            frame = loopEnd - ((loopStart - 1 - frame) % length);
        return (int)frame;
    }

    private void UpdateIncrement(MidiChannelState channel)
    {
        double ratio = Math.Min(_baseRatio * channel.BendRatio, MaxRatio);
        _increment = Math.Max(1, (long)(ratio * 4294967296.0));
        _pitchVersion = channel.PitchVersion;
    }

    private void StartGainRamp(MidiChannelState channel)
    {
        float targetLeft = _voiceGainLeft * channel.GainLeft;
        float targetRight = _voiceGainRight * channel.GainRight;
        _stepLeft = (targetLeft - _gainLeft) / GainRampFrames;
        _stepRight = (targetRight - _gainRight) / GainRampFrames;
        _rampLeft = GainRampFrames;
        _gainVersion = channel.GainVersion;
    }

    private void AdvanceRamp(int frames, MidiChannelState channel)
    {
        if (_rampLeft == 0)
            return;
        _rampLeft -= frames;
        if (_rampLeft <= 0)
        {
            _rampLeft = 0;
            _gainLeft = _voiceGainLeft * channel.GainLeft;
            _gainRight = _voiceGainRight * channel.GainRight;
            EndRamp();
        }
    }

    private void EndRamp()
    {
        _stepLeft = 0;
        _stepRight = 0;
    }

    private bool Finish()
    {
        if (Active)
        {
            Active = false;
            Instrument!.ActiveVoices--;
        }

        return false;
    }
}

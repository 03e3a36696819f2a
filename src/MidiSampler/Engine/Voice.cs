using System.Runtime.CompilerServices;
using MidiSampler.Dsp;
using MidiSampler.Model;
using MidiSampler.Streaming;

namespace MidiSampler.Engine;

/// <summary>
/// One sounding region: a play position, envelopes, LFOs, a filter and gains. Preallocated in the
/// <see cref="VoicePool"/> and reused; audio thread only.
/// </summary>
/// <remarks>
/// Design: a block is rendered as a series of runs in which nothing changes discretely: the
/// envelope stays in one stage, the gain ramp stays linear, and every interpolation tap lies inside
/// the sample without crossing a loop boundary. Runs go to the SIMD kernel; the one or two frames at a
/// loop seam are stepped singly with taps wrapped around the loop, which is what makes loops seamless
/// with 4-point interpolation. Samples have silent guard frames at both ends, so a non-looping voice
/// reads zeros past its end and stops when its position passes <c>end</c>.
/// Modulation (LFOs, pitch and filter envelopes, controllers, controller crossfades) runs at control rate: every
/// <see cref="ControlFrames"/> frames the voice computes its pitch (→ increment), its gain and its cutoff, from
/// tables only (<see cref="PitchTable"/>, <see cref="Decibels"/>, <see cref="SineTable"/>, <see cref="TanTable"/>);
/// runs stop at those ticks, the gain ramps linearly to the new target across the next tick (no zipper noise),
/// and the filter takes the new cutoff (a TPT state-variable filter tolerates that, see <see cref="VoiceFilter"/>).
/// A voice without filter or width matrix mixes straight into the output with the SIMD kernel (the fast path); one
/// with a filter renders each run at unity gain into the sampler's scratch buffers, filters it, then mixes.
/// A voice whose region has no modulation runs no control ticks at all. A modulated voice whose sources have all come
/// to rest (no LFO, the pitch and filter envelopes in a constant stage: delay, hold, sustain)
/// idles: its control ticks stop until a source can move again (the envelope's stage ends, a note-off, a pitch-bend or
/// channel gain change), so that a SoundFont voice whose modulation envelope sits at its sustain costs what a plain one
/// costs. Idling changes no sample: the values it holds are exactly those the skipped ticks would have recomputed.
/// SF2 modulator routes and SFZ controller routes do not prevent idling (see Voice.Modulators.cs and
/// Voice.ControllerIdle.cs): a channel source moving wakes the voice.
/// </remarks>
internal sealed unsafe partial class Voice
{
    /// <summary>
    /// Frames between modulation updates: 1 ms at 48 kHz; 50 ticks per cycle of a 20 Hz LFO. A tick costs about 100 ns,
    /// so the interval decides what a modulated voice costs (the bench's realistic voice: 3.1x plain at 32 frames, 2.8x at
    /// 48, 2.4x at 64; README). The gain ramps linearly across a tick; pitch and cutoff step at ticks, with the values the
    /// sources have at the tick's middle (<see cref="HalfTick"/>): a source moving at a steady slope is then never more
    /// than half a tick's movement from the value applied, less than reading every 32 frames at their start gave, and
    /// with no lag on average. Not 64 (FluidSynth's block): a resonant SoundFont sweep (FluidR3_GS's starship) then moved
    /// from 0.9 to 1.5 dB from FluidSynth, which glides its filter coefficients within a block; 48 keeps it at 1.1 dB.
    /// </summary>
    public const int ControlFrames = 48;

    /// <summary>Where in its window a tick reads its LFOs and envelopes: the middle.</summary>
    private const int HalfTick = ControlFrames / 2;

    private const int GainRampFrames = 64;

    // A slowly moving modulation envelope (a SoundFont modulation envelope's 10-100 s release) is read every
    // MaxStrideFrames (2.7 ms at 48 kHz, FluidSynth reads its envelopes every 64 frames) instead of every tick, as long
    // as the pitch moves by less than MaxPitchDriftCents and the cutoff by less than MaxCutoffDriftCents in between.
    private const int MaxStrideFrames = 128;
    private const float MaxPitchDriftCents = 0.5f;
    private const float MaxCutoffDriftCents = 3f;
    private const double MaxRatio = 64;

    private readonly LfoState[] _flexLfos = new LfoState[EngineLimits.MaxFlexLfos];
    private readonly FlexEnvelopeState[] _flexEnvelopes = new FlexEnvelopeState[EngineLimits.MaxFlexEnvelopes];

    private readonly VoiceFilter _filter = new();
    private readonly VoiceFilter[] _eq = VoiceFilters(EngineLimits.MaxEqBands);
    private int _eqBands;
    private int _restartsLeft;
    private int _loopsLeft;
    private double _basePanPercent;
    private EnvelopeState _envelope;
    private EnvelopeState _filterEnvelope;
    private EnvelopeState _pitchEnvelope;
    private LfoState _ampLfo;
    private LfoState _pitchLfo;
    private LfoState _filterLfo;
    private long _position;
    private long _increment;
    private double _baseRatio;
    private float _baseGain;
    private float _cutoffBaseCents;
    private float _cutoffScale;
    private float _bendCents;
    private float _filterEnvelopeDepthCents;
    private float _pitchEnvelopeDepthCents;
    private float _inverseRate;
    private double _panPercent = double.NaN;
    private float _panLeft;
    private float _panRight;
    private int _pitchVersion;
    private int _gainVersion;
    private float _voiceGainLeft;
    private float _voiceGainRight;
    private float _gainLeft;
    private float _gainRight;
    private float _targetLeft;
    private float _targetRight;
    private float _stepLeft;
    private float _stepRight;
    private int _rampLeft;
    private int _controlLeft;
    private int _delayFrames;
    private bool _modulated;
    private bool _canIdle;
    private bool _idle;
    private int _idleFrames;
    private float _pitchEnvelopeRead;
    private float _filterEnvelopeRead;
    private bool _scratchPath;
    private bool _wrapped;

    // A streamed sample: the slot, the position published to the streamer, the per-block check (docs/streaming.md).
    private StreamCursor _stream;

    public Voice(int slot) => Slot = slot;

    /// <summary>Index in the pool.</summary>
    public int Slot { get; }

    public bool Active { get; private set; }

    public int Channel { get; private set; }

    public int Key { get; private set; }

    public int Velocity { get; private set; }

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

    private InstrumentPlayState? _playState; // what the instrument's slot counts (its active voices)

    public CompiledRegion? Region { get; private set; }

    /// <summary>Where the voice's sound goes, set by the sampler's router when the voice starts.</summary>
    public VoiceRoute Route { get; set; }

    /// <summary>True during a steal or kill fade.</summary>
    public bool Fading => _envelope.Stage == EnvelopeStage.Fade;

    /// <summary>True once the envelope is in release or fade.</summary>
    public bool Releasing => _envelope.IsReleasing;

    /// <summary>The envelope level (for choosing the quietest voice to cut).</summary>
    public float Level => _envelope.Level;

    private bool LoopActive => _loopsLeft != 0 && (Region!.LoopMode == LoopMode.LoopContinuous
        || (Region.LoopMode == LoopMode.LoopSustain && !NoteReleased));

    /// <summary>
    /// Starts the voice. <paramref name="extraGain"/> carries the release-trigger decay (rt_decay);
    /// <paramref name="nowFrame"/> (frames since the transport start) and <paramref name="tempoBpm"/> place a sync_beats
    /// start on the beat grid. Audio thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Start(CompiledInstrument instrument, InstrumentPlayState state, CompiledRegion region, MidiChannelState channel, int key, int velocity,
        int noteId, long order, ref Xorshift32 random, float extraGain = 1, long nowFrame = 0, double tempoBpm = 0)
    {
        Instrument = instrument;
        _playState = state;
        Region = region;
        Channel = channel.Index;
        Key = key;
        Velocity = velocity;
        NoteId = noteId;
        StartOrder = order;
        ReleaseOrder = 0;
        NoteReleased = false;
        HeldByPedal = false;
        _wrapped = false;
        _inverseRate = (float)(1 / region.OutputRate);
        var controllers = channel.Controllers;
        float velocity01 = velocity / 127f;
        StartSources(channel, key, velocity);

        // Start position: offset, offset_random, offset_onccN (sfz.org, offset_random: 0..N frames added).
        long offset = region.Offset;
        if (region.OffsetRandomFrames > 0)
            offset += (long)(random.NextFloat() * (region.OffsetRandomFrames + 1));
        foreach (var m in region.OffsetCc)
            offset += (long)(m.Amount * StartValue(m.Controller, controllers));
        if (region.HasStartOffsetRoutes)
            offset += StartOffsetAtNoteOn(region, channel); // SF2 modulators to startAddrsOffset
        _position = Math.Clamp(offset, 0, region.End) << 32;

        double delaySeconds = region.DelaySeconds;
        if (region.DelayRandomSeconds > 0)
            delaySeconds += random.NextFloat() * region.DelayRandomSeconds;
        foreach (var m in region.DelayCc)
            delaySeconds += m.Amount * StartValue(m.Controller, controllers);
        _delayFrames = delaySeconds > 0 ? (int)Math.Min(delaySeconds * region.OutputRate, int.MaxValue / 4) : 0;
        _delayFrames += region.DelaySampleOutputFrames; // delay_samples
        if (region.SyncBeats > 0)
            _delayFrames = (int)Math.Min((long)_delayFrames + region.SyncDelayFrames(nowFrame, tempoBpm), int.MaxValue / 4); // sync_beats waits for the grid, then delay runs
        _loopsLeft = region.LoopCount;
        StartVoiceOptions(region, tempoBpm);

        double cents = ((key - region.KeyCenter) * region.KeytrackCents) + region.TuneCents + (region.PitchVeltrackCents * velocity01);
        if (region.PitchRandomCents > 0)
            cents += ((random.NextFloat() * 2) - 1) * region.PitchRandomCents;
        _baseRatio = region.RateRatio * PitchTable.Ratio(cents);

        double gainDb = region.AmpKeytrackDb * (key - region.AmpKeycenter);
        if (region.AmpRandomDb > 0)
            gainDb -= random.NextFloat() * region.AmpRandomDb;
        float gain = region.Gain * (region.VeltrackCc ? VelocityGainWithCc(region, velocity) : region.VelocityGain(velocity)) * extraGain;
        if (gainDb != 0)
            gain *= Decibels.ToGain(gainDb);
        gain *= CompiledRegion.CrossfadeIn(key, region.XfInLoKey, region.XfInHiKey, region.XfKeyCurve)
            * CompiledRegion.CrossfadeOut(key, region.XfOutLoKey, region.XfOutHiKey, region.XfKeyCurve)
            * CompiledRegion.CrossfadeIn(velocity, region.XfInLoVelocity, region.XfInHiVelocity, region.XfVelocityCurve)
            * CompiledRegion.CrossfadeOut(velocity, region.XfOutLoVelocity, region.XfOutHiVelocity, region.XfVelocityCurve);
        _baseGain = gain;
        _panPercent = region.PanPercent;
        _panLeft = region.PanLeft;
        _panRight = region.PanRight;
        if (region.PanKeytrackPercent != 0 || region.PanVeltrackPercent != 0)
        {
            // pan_keytrack / pan_veltrack (SFZ v2): the note's own pan, around which controllers then move.
            _panPercent = Math.Clamp(region.PanPercent + (region.PanKeytrackPercent * (key - region.PanKeycenter))
                + (region.PanVeltrackPercent * velocity01), -100, 100);
            (_panLeft, _panRight) = CompiledRegion.PanLaw(_panPercent / 100, region.Stereo);
        }

        _basePanPercent = _panPercent;
        _voiceGainLeft = gain * _panLeft;
        _voiceGainRight = gain * _panRight;

        if (region.EnvelopesModulated)
        {
            var amp = ModulateEnvelope(region.AmpEnvelopeSource, region.AmpEnvelopeModulation, region.AmpEnvelopeCc, velocity01, controllers, out _);
            _envelope.Start(EnvelopeCompilation.Compile(amp, region.OutputRate));
        }
        else if (region.HasAmpEnvelopeTimeRoutes)
        {
            _envelope.Start(EnvelopeCompilation.Compile(EnvelopeTimesAtNoteOn(region.AmpEnvelopeSource, region, channel, ModulatorDestination.AmpEnvelopeTimecents), region.OutputRate));
        }
        else
        {
            _envelope.Start(region.Envelope);
        }

        // count: the sample plays PlayCount times in a row (sfz.org, count); envelopes are not retriggered.
        _restartsLeft = region.Offset < region.End ? Math.Max(0, region.PlayCount - 1) : 0;
        _eqBands = Math.Min(region.EqBands.Length, EngineLimits.MaxEqBands);
        for (int b = 0; b < _eqBands; b++)
        {
            var band = region.EqBands[b];
            if (band.Shape is FilterType.LowShelf or FilterType.HighShelf)
                _eq[b].Start(band.Shape, 0, (float)band.GainDb); // eqN_type=lshelf/hshelf: corner at eqN_freq
            else
                _eq[b].StartBell((float)band.BandwidthOctaves, (float)band.GainDb);
            _eq[b].SetCutoff((float)(band.FrequencyHz * _inverseRate));
        }

        _modulated = region.Modulated;
        _idle = false;
        // Idling only when every time-varying source is an envelope (LFOs and SFZ v2 LFOs/EGs never rest), a channel
        // source that moves ModulationVersion (SFZ controller routes and crossfades, Voice.ControllerIdle.cs), or an LFO
        // only SF2 modulator routes drive (Voice.Modulators.cs: deferred while they give it no depth, the version wakes it).
        _canIdle = _modulated && !region.VoiceOptions.NeedsTicks && !region.PitchLfoUsed && !region.AmpLfoUsed && !region.FilterLfoUsed && (region.FlexLfos.Length == 0 || region.FlexLfosCanRest)
            && region.FlexEnvelopes.Length == 0;
        StartControllerIdle(region);
        _scratchPath = region.UsesScratch;
        if (region.FilterType != FilterType.None)
        {
            _filter.Start(region.FilterType, region.ResonanceDb, region.FilterGainDb);
            float filterCents = (float)((region.FilterKeytrackCents * (key - region.FilterKeycenter)) + (region.FilterVeltrackCents * velocity01));
            if (region.FilterRandomCents > 0)
                filterCents += (float)(random.NextFloat() * region.FilterRandomCents);
            _cutoffBaseCents = filterCents;
            _cutoffScale = (float)(region.CutoffHz * _inverseRate);
            _filterEnvelopeDepthCents = StartModulationEnvelope(ref _filterEnvelope, region.FilterEnvelope, region.FilterEnvelopeSource,
                region.FilterEnvelopeModulation, region.FilterEnvelopeCc, region.FilterEnvelopeDepthCents, velocity01, controllers, region.OutputRate, channel);
            _filter.SetCutoff((float)(region.CutoffHz * PitchTable.Ratio(filterCents) * _inverseRate));
        }

        if (_modulated)
        {
            _bendCents = (float)BendCents(channel);
            _bendTargetCents = _bendCents;
            _pitchVersion = channel.PitchVersion;
            _pitchEnvelopeDepthCents = StartModulationEnvelope(ref _pitchEnvelope, region.PitchEnvelope, region.PitchEnvelopeSource,
                region.PitchEnvelopeModulation, region.PitchEnvelopeCc, region.PitchEnvelopeDepthCents, velocity01, controllers, region.OutputRate, channel);
            _ampLfo.Start(region.AmpLfo.DelayFrames, region.AmpLfo.FadeFrames);
            _pitchLfo.Start(region.PitchLfo.DelayFrames, region.PitchLfo.FadeFrames);
            _filterLfo.Start(region.FilterLfo.DelayFrames, region.FilterLfo.FadeFrames);
            var flex = region.FlexLfos;
            for (int i = 0; i < flex.Length; i++)
            {
                if (flex[i].CcDepths.Length > 0)
                    StartFlexLfoWithCc(i, in flex[i], controllers); // lfoN_delay/fade/phase_onccX (Voice.Sources.cs)
                else
                    _flexLfos[i].Start(flex[i].DelayFrames, flex[i].FadeFrames, flex[i].Phase);
            }

            for (int i = 0; i < region.FlexEnvelopes.Length; i++)
                _flexEnvelopes[i].Start(region.FlexEnvelopes[i].Loops);
            StartModulatorRoutes(region, channel);
            UpdateModulation(channel, initial: true);
        }
        else
        {
            UpdateIncrement(channel);
            _gainLeft = _targetLeft = _voiceGainLeft * ChannelGainLeft(channel);
            _gainRight = _targetRight = _voiceGainRight * ChannelGainRight(channel);
            _gainVersion = channel.GainVersion;
            _stepLeft = _stepRight = 0;
            _rampLeft = 0;
        }

        if (region.Sample.Stream is StreamedSampleData streamed)
            _stream.Start(streamed, _position, _increment, region.LoopStart, region.LoopEnd, region.End, LoopActive, region.OutputRate);
        else if (_stream.IsActive)
            _stream.Stop();

        Active = true;
        state.ActiveVoices++;
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
            ReleaseEnvelopes();
    }

    /// <summary>Releases even a one-shot voice with its own release (SFZ off_mode=normal). Audio thread.</summary>
    public void ReleaseNow(long order)
    {
        if (!NoteReleased)
        {
            NoteReleased = true;
            ReleaseOrder = order;
        }

        HeldByPedal = false;
        ReleaseEnvelopes();
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

    /// <summary>
    /// Detaches a controller-triggered voice (on_loccN) from its nominal key, so that no note-off of that key releases
    /// it: it plays out (or until killed, stolen or silenced by its group). Audio thread.
    /// </summary>
    public void DetachFromKey()
    {
        Key = -1;
        _ccSumsStale = true; // a key-pressure route now reads no key
    }

    /// <summary>Stops at once with no fade (only when the pool has nothing else to give). Audio thread.</summary>
    public void Kill() => Finish();

    /// <summary>
    /// Renders <paramref name="frames"/> frames into the mix. <paramref name="sourceLeft"/> and <paramref name="sourceRight"/>
    /// are scratch buffers of the block's size for voices that filter. Returns false when the voice has ended. Audio thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Render<TInterp>(int frames, float* left, float* right, float* scratch, float* sourceLeft, float* sourceRight, MidiChannelState channel)
        where TInterp : struct, IInterpolator
    {
        if (!_modulated)
        {
            if (channel.PitchVersion != _pitchVersion)
                UpdateIncrement(channel);
            if (channel.GainVersion != _gainVersion)
                StartGainRamp(channel);
        }
        else if (_idle && (channel.PitchVersion != _pitchVersion || channel.GainVersion != _gainVersion
            || (channel.ModulationVersion != _modulationVersion && _wakesOnModulation)))
        {
            // Bend, tuning, volume or pan moved, or a modulator or controller route's source: tick now, at the block's
            // (i.e. the event's) first frame.
            Wake();
        }

        var region = Region!;
        bool stereo = region.Stereo;
        var scratchSpan = new Span<float>(scratch, frames);
        int done = 0;
        if (_delayFrames > 0)
        {
            // SFZ delay: the voice exists (and can be released) but starts sounding later.
            int wait = Math.Min(_delayFrames, frames);
            _delayFrames -= wait;
            done = wait;
        }

        {
            // A streamed sample has the same layout in its mapping; the cursor checks (live) or awaits (offline) the block's frames.
            void* data = _stream.IsActive ? _stream.Prepare(_position, _increment, frames, LoopActive) : (void*)region.Frames;
            bool int16 = region.Format == SampleFormat.Int16;
            while (done < frames)
            {
                if (_modulated && _controlLeft == 0)
                    UpdateModulation(channel, initial: false);
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
                if (_modulated)
                    run = Math.Min(run, _controlLeft);

                bool loop = LoopActive;
                long limit = loop ? (region.LoopEnd - 1) << 32 : (region.End + 1) << 32;
                // Frames before the limit; the 64-bit division (tens of cycles) only when the run might reach it.
                long room = limit - _position;
                long fast = room <= 0 ? 0 : room > (long)run * _increment ? run : (room + _increment - 1) / _increment;
                if (loop && _wrapped && _position < (region.LoopStart + 1) << 32)
                    fast = 0;
                if (fast == 0)
                {
                    if (!loop && _restartsLeft > 0)
                    {
                        // count: start the sample again from its offset, keeping the fraction of a frame.
                        _restartsLeft--;
                        long over = Math.Max(0, _position - ((region.End + 1) << 32));
                        _position = (region.Offset << 32) + over;
                        continue;
                    }

                    if (!loop)
                        return Finish(); // past the end of a non-looping sample
                    StepAcrossSeam<TInterp>(data, int16, stereo, left + done, right + done, scratch, sourceLeft, sourceRight);
                    done++;
                    continue;
                }

                if (fast < run)
                    run = (int)fast;
                _envelope.Fill(scratchSpan, run);
                if (!_scratchPath)
                {
                    _position = VoiceKernels.Mix<TInterp>(stereo, int16, data, _position, _increment, run, scratch,
                        left + done, right + done, ref _gainLeft, _stepLeft, ref _gainRight, _stepRight);
                }
                else
                {
                    new Span<float>(sourceLeft, run).Clear();
                    if (stereo)
                        new Span<float>(sourceRight, run).Clear();
                    float one = 1, alsoOne = 1;
                    _position = VoiceKernels.Mix<TInterp>(stereo, int16, data, _position, _increment, run, scratch,
                        sourceLeft, sourceRight, ref one, 0, ref alsoOne, 0);
                    FilterAndMix(stereo, sourceLeft, sourceRight, left + done, right + done, run);
                }

                AdvanceRamp(run);
                if (_modulated)
                    _controlLeft -= run;
                done += run;
            }
        }

        return true;
    }

    /// <summary>Adds a velocity- and controller-modulated copy of an envelope (sfz.org, ampeg_vel2*, ampeg_*_onccN).</summary>
    private Envelope ModulateEnvelope(Envelope e, EnvelopeModulation m, EnvelopeCc[] controllers, float velocity01, byte[] cc, out double depthCents)
    {
        double delay = e.DelaySeconds + (m.VelocityToDelaySeconds * velocity01);
        double attack = e.AttackSeconds + (m.VelocityToAttackSeconds * velocity01);
        double hold = e.HoldSeconds + (m.VelocityToHoldSeconds * velocity01);
        double decay = e.DecaySeconds + (m.VelocityToDecaySeconds * velocity01);
        double sustain = e.SustainLevel + (m.VelocityToSustainPercent * velocity01 / 100);
        double release = e.ReleaseSeconds + (m.VelocityToReleaseSeconds * velocity01);
        double start = e.StartLevel;
        depthCents = m.VelocityToDepthCents * velocity01;
        foreach (var c in controllers)
        {
            double v = c.Amount * (c.Curve is null ? StartValue(c.Controller, cc) : CurvedStartValue(c.Controller, c.Curve, cc));
            switch (c.Stage)
            {
                case EnvelopeParameter.Delay: delay += v; break;
                case EnvelopeParameter.Start: start += v / 100; break;
                case EnvelopeParameter.Attack: attack += v; break;
                case EnvelopeParameter.Hold: hold += v; break;
                case EnvelopeParameter.Decay: decay += v; break;
                case EnvelopeParameter.Sustain: sustain += v / 100; break;
                case EnvelopeParameter.Depth: depthCents += v; break; // fileg_/pitcheg_depth_onccN
                default: release += v; break;
            }
        }

        return e with // 'with' keeps the shape options (DecayLinearInDb)
        {
            DelaySeconds = Math.Max(0, delay), AttackSeconds = Math.Max(0, attack), HoldSeconds = Math.Max(0, hold),
            DecaySeconds = Math.Max(0, decay), SustainLevel = Math.Clamp(sustain, 0, 1), ReleaseSeconds = Math.Max(0, release),
            StartLevel = Math.Clamp(start, 0, 1),
        };
    }

    private float StartModulationEnvelope(ref EnvelopeState state, in EnvelopeParameters compiled, Envelope source,
        EnvelopeModulation modulation, EnvelopeCc[] controllers, double depthCents, float velocity01, byte[] cc, double rate, MidiChannelState channel)
    {
        bool timeRoutes = Region!.HasModEnvelopeTimeRoutes; // SF2 modulators to its times
        if (modulation.IsNone && !timeRoutes)
        {
            state.Start(compiled);
            return (float)depthCents;
        }

        double extraDepth = 0;
        var e = modulation.IsNone ? source : ModulateEnvelope(source, modulation, controllers, velocity01, cc, out extraDepth);
        if (timeRoutes)
            e = EnvelopeTimesAtNoteOn(e, Region!, channel, ModulatorDestination.ModEnvelopeTimecents);
        state.Start(EnvelopeCompilation.Compile(e, rate));
        return (float)(depthCents + extraDepth);
    }

    /// <summary>The control-rate update: pitch, gain (ramped over the next tick) and cutoff from LFOs, envelopes and controllers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateModulation(MidiChannelState channel, bool initial)
    {
        var region = Region!;
        Wake();

        var cc = channel.Controllers;
        ref readonly var sums = ref ControllerRouteSums(region, channel, initial); // Voice.ControllerIdle.cs
        const int n = ControlFrames;
        float rate = _inverseRate;

        // The v1 sources first, each a call made while no sum is live: the sums below then run without calls between
        // them, so the JIT keeps them in registers instead of saving and reloading a dozen floats around every call
        // (x64's calling convention preserves no vector register). Same values, same order of additions.
        float pitchLfo = region.PitchLfoUsed ? _pitchLfo.Next(n, MathF.Max(0, sums.PitchLfoHz), rate) * sums.PitchLfoDepth : 0;
        float pitchEnvelope = 0;
        if (_pitchEnvelopeDepthCents != 0)
        {
            _pitchEnvelope.Step(HalfTick);
            _pitchEnvelopeRead = _pitchEnvelope.Level; // at the tick's middle (see ControlFrames)
            pitchEnvelope = _pitchEnvelopeRead * _pitchEnvelopeDepthCents;
            _pitchEnvelope.Step(n - HalfTick);
        }

        float ampLfo = region.AmpLfoUsed ? _ampLfo.Next(n, MathF.Max(0, sums.AmpLfoHz), rate) * sums.AmpLfoDepth : 0;
        float filterLfo = 0, filterEnvelope = 0;
        if (_filter.Enabled)
        {
            if (region.FilterLfoUsed)
                filterLfo = _filterLfo.Next(n, MathF.Max(0, sums.FilterLfoHz), rate) * sums.FilterLfoDepth;
            if (_filterEnvelopeDepthCents != 0)
            {
                _filterEnvelope.Step(HalfTick);
                _filterEnvelopeRead = _filterEnvelope.Level;
                filterEnvelope = _filterEnvelopeRead * _filterEnvelopeDepthCents;
                _filterEnvelope.Step(n - HalfTick);
            }
        }

        float volumeDb = sums.VolumeDb, amplitude = sums.Amplitude, panPercent = sums.PanPercent, pitchCents = sums.PitchCents;
        float cutoffCents = sums.CutoffCents, resonanceDb = sums.ResonanceDb, widthPercent = sums.WidthPercent;

        // SFZ v2 LFOs: each adds its waveform times its depth to every destination it names (sfz.org, lfoN_*).
        var flex = region.FlexLfos;
        if (region.ModulatorRoutes.Length > 0)
            RefreshModulatorRoutes(region, channel);
        var routes = region.VoiceOptions.LfoRoutes;
        if (routes.Length > 0)
            ApplyLfoRoutes(routes);
        for (int i = 0; i < flex.Length; i++)
        {
            if (DeferLfo(i, n))
                continue; // driven only by modulator routes that give it no depth now
            ref readonly var l = ref flex[i];
            var ccAdd = l.CcDepths.Length > 0 ? LfoCcAdds(l.CcDepths, cc, channel) : default; // lfoN_*_onccX (Voice.Sources.cs)
            float v = _flexLfos[i].NextFlex(n, MathF.Max(0, l.FrequencyHz + _lfoRateAddHz[i] + ccAdd.FrequencyHz), rate, l.Wave, l.Steps, l.Cycles, l.Smoothing, l.SubWaves)
                * _lfoDepth[i];
            _flexLfoValues[i] = v;
            pitchCents += v * (l.PitchCents + ccAdd.PitchCents);
            volumeDb += v * (l.VolumeDb + ccAdd.VolumeDb);
            amplitude *= 1 + (v * (l.AmplitudeFraction + ccAdd.AmplitudeFraction));
            cutoffCents += v * (l.CutoffCents + ccAdd.CutoffCents);
            panPercent += v * (l.PanPercent + ccAdd.PanPercent);
            resonanceDb += v * l.ResonanceDb;
            widthPercent += v * l.WidthPercent;
        }

        // SFZ v2 flexible envelopes: level × depth per destination; amplitude multiplies (egN_amplitude=100: the EG
        // is the amplitude envelope).
        var egs = region.FlexEnvelopes;
        for (int i = 0; i < egs.Length; i++)
        {
            var e = egs[i];
            _flexEnvelopes[i].Next(HalfTick, e.Frames, e.Levels, e.Shapes, e.SustainPoint, e.LoopPoint, e.CurveTables);
            float v = _flexEnvelopes[i].Next(n - HalfTick, e.Frames, e.Levels, e.Shapes, e.SustainPoint, e.LoopPoint, e.CurveTables);
            _flexEnvelopeValues[i] = v;
            pitchCents += v * e.PitchCents;
            volumeDb += v * e.VolumeDb;
            if (e.AmplitudeFraction != 0)
                amplitude *= v * e.AmplitudeFraction;
            cutoffCents += v * e.CutoffCents;
            panPercent += v * e.PanPercent;
            resonanceDb += v * e.ResonanceDb;
            widthPercent += v * e.WidthPercent;
        }

        if (region.ModulatorRoutes.Length > 0)
            ApplyModulatorRoutes(region, ref pitchCents, ref volumeDb, ref panPercent, ref cutoffCents);
        if (region.VoiceOptions.ResonanceModulated || region.VoiceOptions.WidthModulated)
            ApplyResonanceAndWidth(region, resonanceDb, widthPercent);
        if (region.VoiceOptions.EqRoutes.Length > 0)
            ApplyEqRoutes(region, region.VoiceOptions.EqRoutes);

        // Pitch: every tick (bend included), so that the increment follows LFO, envelope and controllers.
        // Sources without depth are skipped: an unused LFO or envelope costs nothing per tick.
        if (region.PitchLfoUsed)
            pitchCents += pitchLfo;
        if (_pitchEnvelopeDepthCents != 0)
            pitchCents += pitchEnvelope;

        if (channel.PitchVersion != _pitchVersion)
        {
            _bendTargetCents = (float)BendCents(channel);
            _pitchVersion = channel.PitchVersion;
            if (region.VoiceOptions.BendSmoothing >= 1 || initial)
                _bendCents = _bendTargetCents;
        }

        if (_bendCents != _bendTargetCents)
            SmoothBend(region.VoiceOptions.BendSmoothing);
        if (region.VoiceOptions.NeedsTicks)
            TickVoiceOptions(region, n);

        if (region.VoiceOptions.LoopTuneCents != 0 && InLoop(region))
            pitchCents += region.VoiceOptions.LoopTuneCents; // loop_tune
        // The exact note-on ratio (double) times the modulation's (float, see ControlMath): no table walk per tick.
        double ratio = Math.Min(_baseRatio * ControlMath.CentsToRatio(pitchCents + _bendCents), MaxRatio);
        _increment = Math.Max(1, (long)(ratio * 4294967296.0));

        // Gain: volume (dB) from controllers and the amplitude LFO; amplitude (%) and crossfades multiply.
        if (region.AmpLfoUsed)
            volumeDb += ampLfo;
        float gain = _baseGain * amplitude;
        if (volumeDb != 0)
            gain *= ControlMath.DbToGain(volumeDb);
        foreach (var x in region.CcCrossfades)
        {
            int value = cc[x.Controller];
            gain *= x.FadeIn
                ? CompiledRegion.CrossfadeIn(value, x.Low, x.High, region.XfCcCurve)
                : CompiledRegion.CrossfadeOut(value, x.Low, x.High, region.XfCcCurve);
        }

        double pan = Math.Clamp(_basePanPercent + panPercent, -100, 100);
        if (pan != _panPercent)
        {
            // Only when a controller moved the pan: the pan law's cos/sin then, not per tick.
            _panPercent = pan;
            (_panLeft, _panRight) = CompiledRegion.PanLaw(pan / 100, region.Stereo);
        }

        float targetLeft = gain * _panLeft * ChannelGainLeft(channel); // SF2: the pan is a route (Voice.Modulators.cs)
        float targetRight = gain * _panRight * ChannelGainRight(channel);
        if (initial)
        {
            _gainLeft = _targetLeft = targetLeft;
            _gainRight = _targetRight = targetRight;
            _stepLeft = _stepRight = 0;
            _rampLeft = 0;
        }
        else
        {
            // A one-pole smoother (about 5 ms) in front of the linear ramp: a controller that jumps end to end
            // glides instead of stepping within one 0.67 ms tick, which would click (sfizz smooths CCs likewise).
            float k = region.GainSmoothing;
            targetLeft = _targetLeft + ((targetLeft - _targetLeft) * k);
            targetRight = _targetRight + ((targetRight - _targetRight) * k);
            _targetLeft = targetLeft;
            _targetRight = targetRight;
            _stepLeft = (targetLeft - _gainLeft) * (1f / n);
            _stepRight = (targetRight - _gainRight) * (1f / n);
            _rampLeft = n;
        }

        // Cutoff: envelope, LFO and controllers in cents around the note-on cutoff.
        if (_filter.Enabled)
        {
            float cents = _cutoffBaseCents + cutoffCents;
            if (region.FilterLfoUsed)
                cents += filterLfo;
            if (_filterEnvelopeDepthCents != 0)
                cents += filterEnvelope;

            ApplyCutoff(cents, initial); // Voice.CutoffDeadband.cs
        }

        _controlLeft = n;
        if (_canIdle)
            TryIdle(channel, targetLeft, targetRight, gain * _panLeft * ChannelGainLeft(channel), gain * _panRight * ChannelGainRight(channel));
    }

    /// <summary>
    /// After a tick: when nothing that tick read can change before some frame (see the class remarks), stretches the
    /// tick's window to that frame. <paramref name="smoothedLeft"/>/<paramref name="rawLeft"/> are the gain smoother's
    /// output and input: it must have converged, or the next ticks would still move the gain.
    /// </summary>
    private void TryIdle(MidiChannelState channel, float smoothedLeft, float smoothedRight, float rawLeft, float rawRight)
    {
        if (_routesMoveLfos)
            return; // a modulator route gives an LFO depth: the LFO moves the voice
        if (_ccGliding)
            return; // a *_smoothccN route still glides toward its controller (Voice.CcSmoothing.cs)
        if (smoothedLeft != rawLeft || smoothedRight != rawRight)
        {
            // The one-pole smoother approaches its input geometrically; snap once it is within float noise (-120 dB).
            if (MathF.Abs(smoothedLeft - rawLeft) > 1e-6f * MathF.Abs(rawLeft) || MathF.Abs(smoothedRight - rawRight) > 1e-6f * MathF.Abs(rawRight))
                return;
            _targetLeft = rawLeft;
            _targetRight = rawRight;
            _stepLeft = (rawLeft - _gainLeft) * (1f / ControlFrames);
            _stepRight = (rawRight - _gainRight) * (1f / ControlFrames);
        }

        int rest = int.MaxValue / 4;
        if (_pitchEnvelopeDepthCents != 0)
            rest = Math.Min(rest, SteadyFrames(in _pitchEnvelope, _pitchEnvelopeRead, _pitchEnvelopeDepthCents, MaxPitchDriftCents));
        if (_filter.Enabled && _filterEnvelopeDepthCents != 0)
            rest = Math.Min(rest, SteadyFrames(in _filterEnvelope, _filterEnvelopeRead, _filterEnvelopeDepthCents, CutoffDriftBudgetCents));
        rest -= rest % ControlFrames; // whole ticks: the ticks after idling fall where the unbroken series would put them
        if (rest <= 0)
            return;
        _idle = true;
        _idleFrames = ControlFrames + rest;
        _controlLeft = _idleFrames;
        _gainVersion = channel.GainVersion;
        NoteControllerVersion(channel);
    }

    /// <summary>
    /// Frames after this tick's window during which the tick's reading of a modulation envelope stays good: while it
    /// rests (delay, hold, sustain, done) at <paramref name="levelRead"/>, up to its stage's end; while it moves
    /// (attack, decay, release), as long as it drifts by less than <paramref name="maxDriftCents"/> from the reading, at
    /// most <see cref="MaxStrideFrames"/> and never past its stage's end. A tick reads the level at its window's middle
    /// (<see cref="HalfTick"/>) and leaves the envelope at the window's end, so the tick that enters a resting stage
    /// still used the level before it: the next one may idle.
    /// </summary>
    private static int SteadyFrames(in EnvelopeState envelope, float levelRead, float depthCents, float maxDriftCents)
    {
        var stage = envelope.Stage;
        if (envelope.Level == levelRead && stage is EnvelopeStage.Sustain or EnvelopeStage.Done)
            return int.MaxValue / 4;
        if (envelope.Level == levelRead && stage is EnvelopeStage.Delay or EnvelopeStage.Hold)
            return envelope.RunLength;
        if (stage is not (EnvelopeStage.Attack or EnvelopeStage.Decay or EnvelopeStage.Release))
            return 0;
        // Linear stages drift at a constant rate, geometric ones ever slower: the drift over the last half tick bounds
        // the next frames'. The reading is held from the window's middle: half a tick of the bound is already used.
        float driftCentsPerFrame = MathF.Abs((envelope.Level - levelRead) * depthCents) * (1f / HalfTick);
        float frames = driftCentsPerFrame > 0 ? maxDriftCents / driftCentsPerFrame : MaxStrideFrames;
        return Math.Min(envelope.RunLength, (int)MathF.Min(frames - HalfTick, MaxStrideFrames - ControlFrames));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FilterAndMix(bool stereo, float* sourceLeft, float* sourceRight, float* left, float* right, int frames)
    {
        var region = Region!;
        if (_filter.Enabled)
            _filter.Process(sourceLeft, stereo ? sourceRight : null, frames);
        for (int b = 0; b < _eqBands; b++)
            _eq[b].Process(sourceLeft, stereo ? sourceRight : null, frames); // eqN_*: after the filter, as sfizz
        if (!stereo)
            VoiceKernels.MixGainedMono(sourceLeft, left, right, frames, ref _gainLeft, _stepLeft, ref _gainRight, _stepRight);
        else if (!region.HasWidth && !region.VoiceOptions.WidthModulated)
            VoiceKernels.MixGainedStereo(sourceLeft, sourceRight, left, right, frames, ref _gainLeft, _stepLeft, ref _gainRight, _stepRight);
        else
            VoiceKernels.MixGainedWidth(sourceLeft, sourceRight, left, right, frames, _widthDirect, _widthCross,
                ref _gainLeft, _stepLeft, ref _gainRight, _stepRight);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepAcrossSeam<TInterp>(void* data, bool int16, bool stereo, float* left, float* right, float* scratch, float* sourceLeft, float* sourceRight)
        where TInterp : struct, IInterpolator
    {
        var region = Region!;
        long loopStart = region.LoopStart, loopEnd = region.LoopEnd, length = loopEnd - loopStart + 1;
        long frame = _position >> 32;
        float x = (uint)_position * VoiceKernels.FractionScale;
        _envelope.Fill(new Span<float>(scratch, 1), 1);
        int tm1 = Tap(frame - 1, loopStart, loopEnd, length), t0 = Tap(frame, loopStart, loopEnd, length);
        int t1 = Tap(frame + 1, loopStart, loopEnd, length), t2 = Tap(frame + 2, loopStart, loopEnd, length);
        if (!_scratchPath)
        {
            VoiceKernels.MixOneFrame<TInterp>(stereo, int16, data, tm1, t0, t1, t2, x, scratch[0], left, right, _gainLeft, _gainRight);
            _gainLeft += _stepLeft;
            _gainRight += _stepRight;
        }
        else
        {
            sourceLeft[0] = 0;
            sourceRight[0] = 0;
            VoiceKernels.MixOneFrame<TInterp>(stereo, int16, data, tm1, t0, t1, t2, x, scratch[0], sourceLeft, sourceRight, 1, 1);
            FilterAndMix(stereo, sourceLeft, sourceRight, left, right, 1);
        }

        _position += _increment;
        long wrapAt = (loopEnd + 1) << 32;
        if (_position >= wrapAt)
        {
            long over = (_position - wrapAt) % (length << 32);
            _position = (loopStart << 32) + over;
            _wrapped = true;
            if (_loopsLeft > 0)
                _loopsLeft--; // loop_count: after the last repeat the voice plays on past the loop
        }

        if (_modulated)
            _controlLeft--;
        AdvanceRamp(1);
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

    private void ReleaseEnvelopes()
    {
        var egs = Region!.FlexEnvelopes;
        for (int i = 0; i < egs.Length; i++)
            _flexEnvelopes[i].Release(egs[i].SustainPoint, egs[i].Frames.Length);
        Wake(); // the modulation envelopes' release moves them: back to control ticks from the next frame
        _envelope.Release();
        _filterEnvelope.Release();
        _pitchEnvelope.Release();
    }

    /// <summary>
    /// Leaves idle, so that the next frame runs a control tick. The modulation envelopes were stepped for the idle
    /// window's first tick only: they catch up here (within their resting stage, so their level is the one the skipped
    /// ticks would have read), before a release can change their stage.
    /// </summary>
    private void Wake()
    {
        if (!_idle)
            return;
        _idle = false;
        int skipped = _idleFrames - _controlLeft - ControlFrames;
        if (skipped > 0)
        {
            _pitchEnvelope.Step(skipped);
            _filterEnvelope.Step(skipped);
            if (Region!.FlexLfos.Length > 0)
                SkipLfos(Region, skipped);
        }

        _controlLeft = 0;
    }

    /// <summary>The bend in cents for this region (bend_up/bend_down when given, else the channel's RPN range; sfz.org, bend_up), plus the channel's RPN tuning.</summary>
    private double BendCents(MidiChannelState channel)
    {
        var region = Region!;
        if (region.SoundFontRules)
            return channel.TuningCents; // SF2: the pitch wheel is a modulator route (8.4.10), which a bank may remove
        double amount = channel.BendAmount;
        double cents = amount >= 0
            ? amount * (double.IsNaN(region.BendUpCents) ? channel.BendRangeCents : region.BendUpCents)
            : -amount * (double.IsNaN(region.BendDownCents) ? -channel.BendRangeCents : region.BendDownCents);
        double step = cents >= 0 ? region.BendStepUpCents : region.BendStepDownCents; // bend_stepup/bend_stepdown
        if (step > 1)
            cents = Math.Round(cents / step) * step;
        return cents + channel.TuningCents; // RPN 1/2 channel tuning rides with the bend (BendRatio includes it too)
    }

    private void UpdateIncrement(MidiChannelState channel)
    {
        var region = Region!;
        double ratio = !region.SoundFontRules && double.IsNaN(region.BendUpCents) && double.IsNaN(region.BendDownCents) && region.BendStepUpCents <= 1 && region.BendStepDownCents <= 1
            ? _baseRatio * channel.BendRatio
            : _baseRatio * PitchTable.Ratio(BendCents(channel));
        ratio = Math.Min(ratio, MaxRatio);
        _increment = Math.Max(1, (long)(ratio * 4294967296.0));
        _pitchVersion = channel.PitchVersion;
    }

    private void StartGainRamp(MidiChannelState channel)
    {
        _targetLeft = _voiceGainLeft * ChannelGainLeft(channel);
        _targetRight = _voiceGainRight * ChannelGainRight(channel);
        _stepLeft = (_targetLeft - _gainLeft) / GainRampFrames;
        _stepRight = (_targetRight - _gainRight) / GainRampFrames;
        _rampLeft = GainRampFrames;
        _gainVersion = channel.GainVersion;
    }

    private void AdvanceRamp(int frames)
    {
        if (_rampLeft == 0)
            return;
        _rampLeft -= frames;
        if (_rampLeft <= 0)
        {
            _rampLeft = 0;
            _gainLeft = _targetLeft;
            _gainRight = _targetRight;
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
        _stream.Stop();
        if (Active)
        {
            Active = false;
            _playState!.ActiveVoices--;
        }

        return false;
    }

    /// <summary>Makes this voice's filter and EQ bands count their restarts in <paramref name="resets"/> (<see cref="SamplerStats.FilterResets"/>). Construction.</summary>
    public void CountFilterResetsIn(ResetCounter resets)
    {
        _filter.SharedResets = resets;
        foreach (var band in _eq)
            band.SharedResets = resets;
    }

    private static VoiceFilter[] VoiceFilters(int count)
    {
        var filters = new VoiceFilter[count];
        for (int i = 0; i < count; i++)
            filters[i] = new VoiceFilter();
        return filters;
    }
}

using MidiSampler.Dsp;

namespace MidiSampler.Model;

/// <summary>
/// One playable zone of an instrument: which sample, for which keys and velocities, and how it sounds.
/// All values are plain units (keys, cents, dB, seconds, frames); format loaders map their own
/// parameters to these once, at load. Immutable; use <c>with</c> to derive variants.
/// </summary>
/// <remarks>Threads: built on a loader or control thread; read-only afterwards, from any thread.</remarks>
public sealed record Region
{
    /// <summary>The sample data. Shared between regions that name the same file.</summary>
    public required Sample Sample { get; init; }

    /// <summary>The sample path as the instrument file names it (for reports and <c>info</c>).</summary>
    public string SamplePath { get; init; } = "";

    /// <summary>Lowest key, 0..127 (SFZ <c>lokey</c>).</summary>
    public int LoKey { get; init; }

    /// <summary>Highest key, 0..127 (SFZ <c>hikey</c>).</summary>
    public int HiKey { get; init; } = 127;

    /// <summary>Lowest velocity, 0..127 (SFZ <c>lovel</c>; 0 never triggers a note-on).</summary>
    public int LoVelocity { get; init; }

    /// <summary>Highest velocity, 0..127 (SFZ <c>hivel</c>).</summary>
    public int HiVelocity { get; init; } = 127;

    /// <summary>Lowest MIDI channel, 1..16 (SFZ <c>lochan</c>).</summary>
    public int LoChannel { get; init; } = 1;

    /// <summary>Highest MIDI channel, 1..16 (SFZ <c>hichan</c>).</summary>
    public int HiChannel { get; init; } = 16;

    /// <summary>Key at which the sample plays at its recorded pitch (SFZ <c>pitch_keycenter</c>).</summary>
    public int PitchKeyCenter { get; init; } = 60;

    /// <summary>Pitch change per key, in cents (SFZ <c>pitch_keytrack</c>; 0 plays every key at the same pitch).</summary>
    public double PitchKeytrackCents { get; init; } = 100;

    /// <summary>Fine tuning in cents (SFZ <c>tune</c>, plus any tuning the sample file carries).</summary>
    public double TuneCents { get; init; }

    /// <summary>Transposition in semitones (SFZ <c>transpose</c>).</summary>
    public int Transpose { get; init; }

    /// <summary>Gain in dB (SFZ <c>volume</c>).</summary>
    public double VolumeDb { get; init; }

    /// <summary>Pan, -100 (left) .. 100 (right) (SFZ <c>pan</c>).</summary>
    public double Pan { get; init; }

    /// <summary>Velocity tracking in percent, -100..100 (SFZ <c>amp_veltrack</c>; 100: gain = (velocity/127)²).</summary>
    public double AmpVeltrackPercent { get; init; } = 100;

    /// <summary>How the sample loops.</summary>
    public LoopMode LoopMode { get; init; } = LoopMode.NoLoop;

    /// <summary>First frame of the loop (SFZ <c>loop_start</c>).</summary>
    public long LoopStart { get; init; }

    /// <summary>Last frame of the loop, inclusive (SFZ <c>loop_end</c>).</summary>
    public long LoopEnd { get; init; }

    /// <summary>Frame at which playback starts (SFZ <c>offset</c>).</summary>
    public long Offset { get; init; }

    /// <summary>Last frame played, inclusive (SFZ <c>end</c>); -1 means the sample's last frame.</summary>
    public long End { get; init; } = -1;

    /// <summary>The amplitude envelope.</summary>
    public Envelope AmpEnvelope { get; init; } = Envelope.Default;

    /// <summary>What starts this region.</summary>
    public TriggerMode Trigger { get; init; } = TriggerMode.Attack;

    /// <summary>Round-robin cycle length (SFZ <c>seq_length</c>), 1 = always.</summary>
    public int SeqLength { get; init; } = 1;

    /// <summary>Position in the round-robin cycle, 1-based (SFZ <c>seq_position</c>).</summary>
    public int SeqPosition { get; init; } = 1;

    /// <summary>Exclusive group number (SFZ <c>group</c>); 0 is no group.</summary>
    public long Group { get; init; }

    /// <summary>A region of this group starting silences this region (SFZ <c>off_by</c>); <c>null</c>: none.</summary>
    public long? OffBy { get; init; }

    // ---- Filter (SFZ fil_type, cutoff, resonance, fil_*; fileg_*; fillfo_*) ----

    /// <summary>The filter's response; <see cref="FilterType.None"/> when the region has no filter.</summary>
    public FilterType FilterType { get; init; }

    /// <summary>Cutoff (or centre) frequency in Hz before modulation (SFZ <c>cutoff</c>).</summary>
    public double CutoffHz { get; init; }

    /// <summary>Peak at the cutoff in dB, 0..40 (SFZ <c>resonance</c>).</summary>
    public double ResonanceDb { get; init; }

    /// <summary>Gain of peaking and shelving types in dB (SFZ <c>fil_gain</c>).</summary>
    public double FilterGainDb { get; init; }

    /// <summary>Cutoff change per key away from <see cref="FilterKeycenter"/>, in cents (SFZ <c>fil_keytrack</c>).</summary>
    public double FilterKeytrackCents { get; init; }

    /// <summary>Key at which keytracking leaves the cutoff unchanged (SFZ <c>fil_keycenter</c>).</summary>
    public int FilterKeycenter { get; init; } = 60;

    /// <summary>Cutoff change at velocity 127, in cents, scaled by velocity/127 (SFZ <c>fil_veltrack</c>).</summary>
    public double FilterVeltrackCents { get; init; }

    /// <summary>Random cutoff change at note-on, 0..this many cents (SFZ <c>fil_random</c>).</summary>
    public double FilterRandomCents { get; init; }

    /// <summary>The filter envelope's shape (SFZ <c>fileg_*</c>); its level 0..1 scales <see cref="FilterEnvelopeDepthCents"/>.</summary>
    public Envelope FilterEnvelope { get; init; } = Envelope.ModulationDefault;

    /// <summary>Cutoff change at the filter envelope's peak, in cents (SFZ <c>fileg_depth</c>).</summary>
    public double FilterEnvelopeDepthCents { get; init; }

    /// <summary>Velocity and controller effects on the filter envelope.</summary>
    public EnvelopeModulation FilterEnvelopeModulation { get; init; } = EnvelopeModulation.None;

    /// <summary>The filter LFO (SFZ <c>fillfo_*</c>), depth in cents.</summary>
    public Lfo FilterLfo { get; init; } = Lfo.None;

    // ---- Pitch (SFZ pitch_veltrack, pitch_random, bend_*, pitcheg_*, pitchlfo_*) ----

    /// <summary>Pitch change at velocity 127, in cents, scaled by velocity/127 (SFZ <c>pitch_veltrack</c>).</summary>
    public double PitchVeltrackCents { get; init; }

    /// <summary>Random pitch change at note-on, ± this many cents (SFZ <c>pitch_random</c>).</summary>
    public double PitchRandomCents { get; init; }

    /// <summary>Pitch at full upward bend, in cents (SFZ <c>bend_up</c>); <c>null</c>: the channel's bend range (RPN 0).</summary>
    public double? BendUpCents { get; init; }

    /// <summary>Pitch at full downward bend, in cents, usually negative (SFZ <c>bend_down</c>); <c>null</c>: the channel's range.</summary>
    public double? BendDownCents { get; init; }

    /// <summary>Bend quantisation step in cents (SFZ <c>bend_step</c>); 1 means continuous.</summary>
    public double BendStepCents { get; init; } = 1;

    /// <summary>The pitch envelope's shape (SFZ <c>pitcheg_*</c>).</summary>
    public Envelope PitchEnvelope { get; init; } = Envelope.ModulationDefault;

    /// <summary>Pitch change at the pitch envelope's peak, in cents (SFZ <c>pitcheg_depth</c>).</summary>
    public double PitchEnvelopeDepthCents { get; init; }

    /// <summary>Velocity and controller effects on the pitch envelope.</summary>
    public EnvelopeModulation PitchEnvelopeModulation { get; init; } = EnvelopeModulation.None;

    /// <summary>The pitch LFO (SFZ <c>pitchlfo_*</c>), depth in cents.</summary>
    public Lfo PitchLfo { get; init; } = Lfo.None;

    // ---- Amplitude (SFZ amplitude, amp_*, width, position, xf*, ampeg_vel2*, amplfo_*) ----

    /// <summary>Linear level in percent, 0..100 (SFZ <c>amplitude</c>).</summary>
    public double AmplitudePercent { get; init; } = 100;

    /// <summary>Gain change per key away from <see cref="AmpKeycenter"/>, in dB (SFZ <c>amp_keytrack</c>).</summary>
    public double AmpKeytrackDb { get; init; }

    /// <summary>Key at which amp_keytrack leaves the gain unchanged (SFZ <c>amp_keycenter</c>).</summary>
    public int AmpKeycenter { get; init; } = 60;

    /// <summary>User velocity curve points (SFZ <c>amp_velcurve_N</c>); when any is given it replaces the amp_veltrack curve.</summary>
    public IReadOnlyList<VelocityPoint> AmpVelocityCurve { get; init; } = [];

    /// <summary>Random attenuation at note-on, 0..this many dB (SFZ <c>amp_random</c>).</summary>
    public double AmpRandomDb { get; init; }

    /// <summary>Stereo width in percent, -100..100: 100 keeps the sample's image, 0 is mono, negative swaps (SFZ <c>width</c>).</summary>
    public double WidthPercent { get; init; } = 100;

    /// <summary>Position of the stereo image, -100..100 (SFZ <c>position</c>).</summary>
    public double PositionPercent { get; init; }

    /// <summary>Velocity and controller effects on the amplitude envelope.</summary>
    public EnvelopeModulation AmpEnvelopeModulation { get; init; } = EnvelopeModulation.None;

    /// <summary>The amplitude LFO (SFZ <c>amplfo_*</c>), depth in dB.</summary>
    public Lfo AmpLfo { get; init; } = Lfo.None;

    /// <summary>Key crossfade in: gain rises from 0 at this key... (SFZ <c>xfin_lokey</c>).</summary>
    public int XfInLoKey { get; init; }

    /// <summary>...to 1 at this key (SFZ <c>xfin_hikey</c>).</summary>
    public int XfInHiKey { get; init; }

    /// <summary>Key crossfade out: gain falls from 1 at this key... (SFZ <c>xfout_lokey</c>).</summary>
    public int XfOutLoKey { get; init; } = 127;

    /// <summary>...to 0 at this key (SFZ <c>xfout_hikey</c>).</summary>
    public int XfOutHiKey { get; init; } = 127;

    /// <summary>Velocity crossfade in, start (SFZ <c>xfin_lovel</c>).</summary>
    public int XfInLoVelocity { get; init; }

    /// <summary>Velocity crossfade in, end (SFZ <c>xfin_hivel</c>).</summary>
    public int XfInHiVelocity { get; init; }

    /// <summary>Velocity crossfade out, start (SFZ <c>xfout_lovel</c>).</summary>
    public int XfOutLoVelocity { get; init; } = 127;

    /// <summary>Velocity crossfade out, end (SFZ <c>xfout_hivel</c>).</summary>
    public int XfOutHiVelocity { get; init; } = 127;

    /// <summary>Curve of key crossfades (SFZ <c>xf_keycurve</c>).</summary>
    public CrossfadeCurve XfKeyCurve { get; init; }

    /// <summary>Curve of velocity crossfades (SFZ <c>xf_velcurve</c>).</summary>
    public CrossfadeCurve XfVelocityCurve { get; init; }

    /// <summary>Curve of controller crossfades (SFZ <c>xf_cccurve</c>).</summary>
    public CrossfadeCurve XfCcCurve { get; init; }

    /// <summary>Controller crossfades, applied continuously.</summary>
    public IReadOnlyList<CcCrossfade> CcCrossfades { get; init; } = [];

    /// <summary>Continuous controller modulations (SFZ <c>*_onccN</c>).</summary>
    public IReadOnlyList<CcModulation> CcModulations { get; init; } = [];

    // ---- Conditions and voice lifecycle (SFZ loprog.., loccN.., lorand.., sw_*, polyphony, off_mode, rt_decay) ----

    /// <summary>Lowest program (SFZ v2 <c>loprog</c>, 0-based here as in MIDI messages).</summary>
    public int LoProgram { get; init; }

    /// <summary>Highest program (SFZ v2 <c>hiprog</c>).</summary>
    public int HiProgram { get; init; } = 127;

    /// <summary>Controller conditions (SFZ <c>loccN</c>/<c>hiccN</c>).</summary>
    public IReadOnlyList<CcRange> CcRanges { get; init; } = [];

    /// <summary>Lowest pitch bend, -8192..8191 (SFZ <c>lobend</c>).</summary>
    public int LoBend { get; init; } = -8192;

    /// <summary>Highest pitch bend (SFZ <c>hibend</c>).</summary>
    public int HiBend { get; init; } = 8192;

    /// <summary>Lowest channel pressure (SFZ <c>lochanaft</c>).</summary>
    public int LoChannelPressure { get; init; }

    /// <summary>Highest channel pressure (SFZ <c>hichanaft</c>).</summary>
    public int HiChannelPressure { get; init; } = 127;

    /// <summary>Lowest key pressure of the key (SFZ <c>lopolyaft</c>).</summary>
    public int LoPolyPressure { get; init; }

    /// <summary>Highest key pressure of the key (SFZ <c>hipolyaft</c>).</summary>
    public int HiPolyPressure { get; init; } = 127;

    /// <summary>The region plays when a random number in [0, 1) is at least this... (SFZ <c>lorand</c>).</summary>
    public double LoRandom { get; init; }

    /// <summary>...and below this (SFZ <c>hirand</c>; 1 includes the top).</summary>
    public double HiRandom { get; init; } = 1;

    /// <summary>Keyswitch range, low end (SFZ <c>sw_lokey</c>); <c>null</c> when not given.</summary>
    public int? SwLoKey { get; init; }

    /// <summary>Keyswitch range, high end (SFZ <c>sw_hikey</c>).</summary>
    public int? SwHiKey { get; init; }

    /// <summary>
    /// Plays only when this was the last keyswitch pressed (SFZ <c>sw_last</c>); with <see cref="SwHiLast"/>, the low end
    /// of a range of them (ARIA <c>sw_lolast</c>).
    /// </summary>
    public int? SwLast { get; init; }

    /// <summary>
    /// The high end of the range of last keyswitches this region plays after (ARIA <c>sw_hilast</c>, both ends
    /// inclusive as in sfizz); <c>null</c>: <see cref="SwLast"/> alone.
    /// </summary>
    public int? SwHiLast { get; init; }

    /// <summary>Plays only while this key is held (SFZ <c>sw_down</c>).</summary>
    public int? SwDown { get; init; }

    /// <summary>Plays only while this key is not held (SFZ <c>sw_up</c>).</summary>
    public int? SwUp { get; init; }

    /// <summary>Plays only when the previous note was this key (SFZ <c>sw_previous</c>).</summary>
    public int? SwPrevious { get; init; }

    /// <summary>The keyswitch in force before any is pressed (SFZ v2 <c>sw_default</c>).</summary>
    public int? SwDefault { get; init; }

    /// <summary>Release triggers lose this many dB per second the key was held (SFZ <c>rt_decay</c>).</summary>
    public double RtDecayDbPerSecond { get; init; }

    /// <summary>At most this many voices of the same polyphony scope sound at once (SFZ v2 <c>polyphony</c>); <c>null</c>: no limit.</summary>
    public int? Polyphony { get; init; }

    /// <summary>Identifies which regions share a <see cref="Polyphony"/> limit (the SFZ header that declared it).</summary>
    public long PolyphonyScope { get; init; }

    /// <summary>At most this many voices of the same group on one key (SFZ v2 <c>note_polyphony</c>).</summary>
    public int? NotePolyphony { get; init; }

    /// <summary>note_polyphony spares louder earlier notes (SFZ v2 <c>note_selfmask</c>, on by default).</summary>
    public bool NoteSelfMask { get; init; } = true;

    /// <summary>How the voice stops when silenced by its off_by group (SFZ <c>off_mode</c>).</summary>
    public OffMode OffMode { get; init; }

    /// <summary>Fade time for <see cref="OffMode.Time"/>, in seconds (SFZ v2 <c>off_time</c>).</summary>
    public double OffTimeSeconds { get; init; } = 0.006;

    // ---- Playback (SFZ delay, delay_random, offset_random, direction) ----

    /// <summary>Time from the trigger to the start of the voice, in seconds (SFZ <c>delay</c>).</summary>
    public double DelaySeconds { get; init; }

    /// <summary>Random extra delay, 0..this many seconds (SFZ <c>delay_random</c>).</summary>
    public double DelayRandomSeconds { get; init; }

    /// <summary>Random extra offset, 0..this many frames (SFZ <c>offset_random</c>).</summary>
    public long OffsetRandomFrames { get; init; }

    /// <summary>Controllers that add to the offset at note-on, in frames at value 127 (SFZ <c>offset_onccN</c>).</summary>
    public IReadOnlyList<CcModulation> OffsetCc { get; init; } = [];

    /// <summary>Controllers that add to the delay at note-on, in seconds at value 127 (SFZ <c>delay_onccN</c>).</summary>
    public IReadOnlyList<CcModulation> DelayCc { get; init; } = [];

    /// <summary>Inverts the polarity of the output (SFZ v2 <c>phase=invert</c>).</summary>
    public bool InvertPhase { get; init; }

    // ---- SFZ v1 playback extras (count, sw_vel, lobpm/hibpm, on_loccN, eqN_*, effect1/2, output) ----

    /// <summary>Plays the sample this many times, back to back, then stops; 0: not set (SFZ v1 <c>count</c>).</summary>
    public int PlayCount { get; init; }

    /// <summary>The voice takes the velocity of the previous note instead of its own (SFZ v1 <c>sw_vel=previous</c>).</summary>
    public bool SwVelocityPrevious { get; init; }

    /// <summary>Plays only when the tempo is at least this, in BPM (SFZ v1 <c>lobpm</c>).</summary>
    public double LoBpm { get; init; }

    /// <summary>Plays only when the tempo is below this, in BPM (SFZ v1 <c>hibpm</c>; 500 = no limit).</summary>
    public double HiBpm { get; init; } = 500;

    /// <summary>
    /// Controller ranges that trigger the region (SFZ v1 <c>on_loccN</c>/<c>on_hiccN</c>): a control change whose value falls
    /// inside one starts it. A region with any is triggered by controllers only, not by notes.
    /// </summary>
    public IReadOnlyList<CcRange> OnCcRanges { get; init; } = [];

    /// <summary>The equaliser bands that are in use (gain not 0), at most three (SFZ v1 <c>eqN_*</c>).</summary>
    public IReadOnlyList<EqBand> EqBands { get; init; } = [];

    /// <summary>Send level to the reverb bus, in percent (SFZ v1 <c>effect1</c>), added to the channel's CC91 send and capped at 100 % (as FluidSynth combines SF2 sends).</summary>
    public double Effect1Percent { get; init; }

    /// <summary>Send level to the chorus bus, in percent (SFZ v1 <c>effect2</c>), added to the channel's CC93 send and capped at 100 %.</summary>
    public double Effect2Percent { get; init; }

    /// <summary>Send level to the instrument's effect bus fx3, in percent (SFZ v2 <c>effect3</c>); only with <c>&lt;effect&gt;</c> buses.</summary>
    public double Effect3Percent { get; init; }

    /// <summary>Send level to the instrument's effect bus fx4, in percent (SFZ v2 <c>effect4</c>); only with <c>&lt;effect&gt;</c> buses.</summary>
    public double Effect4Percent { get; init; }

    /// <summary>
    /// The output (stereo pair) the region is routed to (SFZ v1 <c>output</c>, 0..1024): its bus when the sampler renders
    /// per-output buses (<c>SamplerConfig.OutputBuses</c>); every output is in the main mix.
    /// </summary>
    public int Output { get; init; }

    /// <summary>
    /// Beat grid the region's start waits for, in beats (SFZ v1 <c>sync_beats</c>, 0..32; 0 = start at once): the voice
    /// starts at the next frame on the grid <c>(SyncOffsetBeats + k × SyncBeats)</c> beats after the sampler's first
    /// rendered frame, at the sampler's tempo.
    /// </summary>
    public double SyncBeats { get; init; }

    /// <summary>Offset of the <see cref="SyncBeats"/> grid from the transport start, in beats (SFZ v1 <c>sync_offset</c>, 0..32).</summary>
    public double SyncOffsetBeats { get; init; }

    /// <summary>The key at which pan keytracking is zero (SFZ v2 <c>pan_keycenter</c>).</summary>
    public int PanKeycenter { get; init; } = 60;

    /// <summary>Pan shift per key from <see cref="PanKeycenter"/>, in percent (SFZ v2 <c>pan_keytrack</c>).</summary>
    public double PanKeytrackPercent { get; init; }

    /// <summary>Pan shift at velocity 127, in percent (SFZ v2 <c>pan_veltrack</c>).</summary>
    public double PanVeltrackPercent { get; init; }

    /// <summary>Extra start delay in frames of the sample (SFZ v2 <c>delay_samples</c>).</summary>
    public long DelaySampleFrames { get; init; }

    /// <summary>How many times the loop repeats before playback goes on past it; <c>null</c>: for ever (SFZ v2 <c>loop_count</c>).</summary>
    public int? LoopCount { get; init; }

    /// <summary>Upward bend quantisation in cents (SFZ v2 <c>bend_stepup</c>); <c>null</c>: <see cref="BendStepCents"/>.</summary>
    public double? BendStepUpCents { get; init; }

    /// <summary>Downward bend quantisation in cents (SFZ v2 <c>bend_stepdown</c>); <c>null</c>: <see cref="BendStepCents"/>.</summary>
    public double? BendStepDownCents { get; init; }

    /// <summary>SFZ v2 flexible envelopes (<c>egN_*</c>), in N order; the engine runs the first four.</summary>
    public IReadOnlyList<FlexEnvelope> FlexEnvelopes { get; init; } = [];

    /// <summary>SFZ v2 LFOs (<c>lfoN_*</c>), in N order; the engine runs the first four.</summary>
    public IReadOnlyList<FlexLfo> FlexLfos { get; init; } = [];

    /// <summary>
    /// SoundFont 2-style modulators (two sources with curves, an amount, a transform) evaluated at control rate; the
    /// SF2 loader's general modulator path. Routes to an LFO name an entry of <see cref="FlexLfos"/>.
    /// </summary>
    public IReadOnlyList<ModulatorRoute> ModulatorRoutes { get; init; } = [];

    /// <summary>
    /// The voice follows SoundFont 2 rules where they differ from SFZ's (set by the SF2 loader): the pitch wheel and CC10
    /// reach it only through its <see cref="ModulatorRoutes"/> (the default modulators of SF2.04 sections 8.4.7 and 8.4.10,
    /// which a bank may remove, invert or rescale), not as the channel's bend and balance (the channel's RPN 1/2 tuning
    /// stays); and its resonance may reach FluidSynth's 96 dB of Q (93 dB above a Butterworth) instead of SFZ's 40 dB.
    /// </summary>
    public bool SoundFontRules { get; init; }

    /// <summary>
    /// SF2: the bank replaced or removed the default CC7 → attenuation modulator (section 8.4.5; 9.5: another amount, or 0),
    /// so the channel's CC7 volume does not reach this region; its own CC7 modulator, if any, is one of its
    /// <see cref="ModulatorRoutes"/>.
    /// </summary>
    public bool SoundFontOwnVolume { get; init; }

    /// <summary>SF2: as <see cref="SoundFontOwnVolume"/>, for the default CC11 (expression) → attenuation modulator (8.4.6).</summary>
    public bool SoundFontOwnExpression { get; init; }

    /// <summary>The sustain pedal holds this region's voices (SFZ v2 <c>sustain_sw</c>, on by default).</summary>
    public bool SustainSwitch { get; init; } = true;

    /// <summary>
    /// A release trigger sounds even when the note's voices have already ended (SFZ v2 <c>rt_dead=on</c>); off by default,
    /// so that a release sample does not follow a note that has died away.
    /// </summary>
    public bool ReleaseWhenDead { get; init; }

    /// <summary>SFZ v2 voice options: sostenuto_sw, delay_beats, stop_beats, stop_loccN, bend_smooth, sample_fadeout, loop_crossfade.</summary>
    public RegionVoiceOptions VoiceOptions { get; init; } = RegionVoiceOptions.Default;

    /// <summary>
    /// This region on <paramref name="reversed"/>, the time-reversed copy of its sample: offset, end and loop points are
    /// mirrored, so that playing the copy forwards plays the original backwards (SFZ <c>direction=reverse</c>). Any thread.
    /// </summary>
    public Region MirroredOnto(Sample reversed)
    {
        ArgumentNullException.ThrowIfNull(reversed);
        long last = Sample.FrameCount - 1;
        long end = EffectiveEnd;
        return this with
        {
            Sample = reversed,
            Offset = Math.Max(0, last - end),
            End = last - Math.Min(Offset, end),
            LoopStart = Math.Max(0, last - LoopEnd),
            LoopEnd = Math.Max(0, last - LoopStart),
        };
    }

    /// <summary>The last frame that can play, resolved against the sample length.</summary>
    public long EffectiveEnd => End < 0 || End >= Sample.FrameCount ? Sample.FrameCount - 1 : End;

    /// <summary>True when the region matches a key, velocity and 1-based channel (ranges only; round robin and triggers aside).</summary>
    public bool Matches(int key, int velocity, int channel1Based) =>
        key >= LoKey && key <= HiKey && velocity >= LoVelocity && velocity <= HiVelocity
        && channel1Based >= LoChannel && channel1Based <= HiChannel;

    /// <summary>True when some continuous modulation (LFO, filter or pitch envelope, controller) acts on the voice.</summary>
    public bool HasContinuousModulation =>
        AmpLfo.Depth != 0 || PitchLfo.Depth != 0 || FilterLfo.Depth != 0
        || (PitchEnvelopeDepthCents != 0 || PitchEnvelopeModulation.VelocityToDepthCents != 0)
        || (FilterType != FilterType.None && (FilterEnvelopeDepthCents != 0 || FilterEnvelopeModulation.VelocityToDepthCents != 0))
        || CcModulations.Count > 0 || CcCrossfades.Count > 0 || ModulatorRoutes.Count > 0;
}

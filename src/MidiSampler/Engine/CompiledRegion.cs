using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// A <see cref="Region"/> turned into the numbers a voice needs at one output rate: linear gains,
/// frame limits, envelope frames and coefficients. Built on the control thread when an instrument is
/// installed; read-only on the audio thread.
/// </summary>
internal sealed partial class CompiledRegion
{
    public CompiledRegion(Region region, int index, double outputRate)
    {
        Source = region;
        Conditions = new RegionConditions(region);
        Voicing = new RegionVoicing(region);
        Index = index;
        Sample = region.Sample;
        Stereo = region.Sample.Channels == 2;
        RateRatio = region.Sample.SampleRate / outputRate;
        KeyCenter = region.PitchKeyCenter;
        KeytrackCents = Finite(region.PitchKeytrackCents, 100);
        TuneCents = Finite(region.TuneCents, 0) + (region.Transpose * 100.0);
        double amplitude = Math.Clamp(Finite(region.AmplitudePercent, 100), 0, 100) / 100;
        Gain = (float)(Math.Pow(10, Math.Clamp(Finite(region.VolumeDb, 0), -144, 24) / 20) * amplitude);
        if (region.InvertPhase)
            Gain = -Gain;
        // position moves the whole image; for the pan law it adds to pan (sfizz applies position after width).
        PanPercent = Math.Clamp(Finite(region.Pan, 0) + (Stereo ? Finite(region.PositionPercent, 0) : 0), -100, 100);
        (PanLeft, PanRight) = PanLaw(PanPercent / 100, Stereo);
        double width = Math.Clamp(Finite(region.WidthPercent, 100), -100, 100) / 100;
        // Width as mid/side: L' = M + w·S, R' = M − w·S with M = (L+R)/2, S = (L−R)/2 (sfz.org, width).
        HasWidth = Stereo && width != 1;
        WidthDirect = (float)((1 + width) / 2);
        WidthCross = (float)((1 - width) / 2);
        VeltrackPercent = Math.Clamp(Finite(region.AmpVeltrackPercent, 100), -100, 100);
        // Shared: every region with the same curve list and tracking gets one array (CompiledShares; 512 B per region before).
        VelocityCurve = CompiledShares.Derived(region.AmpVelocityCurve, VeltrackPercent, 0, () => BuildVelocityCurve(region, VeltrackPercent));
        AmpKeytrackDb = Finite(region.AmpKeytrackDb, 0);
        AmpKeycenter = region.AmpKeycenter;
        AmpRandomDb = Math.Max(0, Finite(region.AmpRandomDb, 0));
        PitchVeltrackCents = Finite(region.PitchVeltrackCents, 0);
        PitchRandomCents = Math.Max(0, Finite(region.PitchRandomCents, 0));
        BendUpCents = region.BendUpCents is double up && double.IsFinite(up) ? up : double.NaN;
        BendDownCents = region.BendDownCents is double down && double.IsFinite(down) ? down : double.NaN;
        BendStepCents = Math.Max(1, Finite(region.BendStepCents, 1));
        BendStepUpCents = Math.Max(1, Finite(region.BendStepUpCents ?? BendStepCents, BendStepCents));
        BendStepDownCents = Math.Max(1, Finite(region.BendStepDownCents ?? BendStepCents, BendStepCents));
        PanKeytrackPercent = Math.Clamp(Finite(region.PanKeytrackPercent, 0), -100, 100);
        PanVeltrackPercent = Math.Clamp(Finite(region.PanVeltrackPercent, 0), -100, 100);
        PanKeycenter = region.PanKeycenter;
        LoopCount = region.LoopCount is int loops ? Math.Max(0, loops) : -1;
        SyncBeats = Math.Clamp(Finite(region.SyncBeats, 0), 0, 32);
        SyncOffsetBeats = Math.Clamp(Finite(region.SyncOffsetBeats, 0), 0, 32);
        DelaySampleOutputFrames = (int)Math.Min(Math.Max(0, region.DelaySampleFrames) * outputRate / region.Sample.SampleRate, int.MaxValue / 4);

        FilterType = region.CutoffHz > 0 ? region.FilterType : FilterType.None;
        CutoffHz = Math.Clamp(Finite(region.CutoffHz, 0), 1, 100_000);
        // Down to -3.01 dB: Q 0.707, a Butterworth (the filter's own floor), which SF2's initialFilterQ 0 is.
        SoundFontRules = region.SoundFontRules;
        SoundFontOwnVolume = region.SoundFontOwnVolume;
        SoundFontOwnExpression = region.SoundFontOwnExpression;
        ResonanceDb = (float)Math.Clamp(Finite(region.ResonanceDb, 0), -3.0103, SoundFontRules ? SoundFontMaxResonanceDb : 40);
        FilterGainDb = (float)Math.Clamp(Finite(region.FilterGainDb, 0), -96, 24);
        FilterKeytrackCents = Finite(region.FilterKeytrackCents, 0);
        FilterKeycenter = region.FilterKeycenter;
        FilterVeltrackCents = Finite(region.FilterVeltrackCents, 0);
        FilterRandomCents = Math.Max(0, Finite(region.FilterRandomCents, 0));
        FilterEnvelopeSource = region.FilterEnvelope;
        FilterEnvelope = EnvelopeCompilation.Compile(region.FilterEnvelope, outputRate);
        FilterEnvelopeDepthCents = Finite(region.FilterEnvelopeDepthCents, 0);
        FilterEnvelopeModulation = region.FilterEnvelopeModulation;
        PitchEnvelopeSource = region.PitchEnvelope;
        PitchEnvelope = EnvelopeCompilation.Compile(region.PitchEnvelope, outputRate);
        PitchEnvelopeDepthCents = Finite(region.PitchEnvelopeDepthCents, 0);
        PitchEnvelopeModulation = region.PitchEnvelopeModulation;
        AmpEnvelopeSource = region.AmpEnvelope;
        AmpEnvelopeModulation = region.AmpEnvelopeModulation;
        AmpLfo = new CompiledLfo(region.AmpLfo, outputRate);
        PitchLfo = new CompiledLfo(region.PitchLfo, outputRate);
        FilterLfo = new CompiledLfo(region.FilterLfo, outputRate);
        CcModulations = [.. region.CcModulations.Where(m => ControllerSources.IsSource(m.Controller) && double.IsFinite(m.Amount) && m.Amount != 0)];
        CcCurves = [.. CcModulations.Select(m => m.Curve is { Count: 128 } c && ControllerSources.TakesCurve(m.Controller) ? c.Select(v => float.IsFinite(v) ? v : 0).ToArray() : null)];
        CcShaping = CompileCcShaping(outputRate); // *_smoothccN, *_stepccN (CompiledRegion.CcSmoothing.cs)
        CcCrossfades = [.. region.CcCrossfades.Where(x => x.Controller is >= 0 and < 128)];
        VeltrackCc = region.AmpVelocityCurve.Count == 0 && HasTarget(ModulationTarget.AmpVeltrackPercent); // amp_veltrack_onccN
        OffsetCc = [.. region.OffsetCc.Where(m => ControllerSources.IsSource(m.Controller))];
        DelayCc = [.. region.DelayCc.Where(m => ControllerSources.IsSource(m.Controller))];
        bool filterModulated = FilterType != FilterType.None && (FilterEnvelopeDepthCents != 0
            || region.FilterEnvelopeModulation.Controllers.Any(c => c.Stage == EnvelopeParameter.Depth) // fileg_depth_onccN
            || FilterEnvelopeModulation.VelocityToDepthCents != 0 || FilterLfo.Active || HasTarget(ModulationTarget.CutoffCents)
            || HasTarget(ModulationTarget.FilterLfoDepthCents) || HasTarget(ModulationTarget.ResonanceDb));
        PitchModulated = PitchLfo.Active || PitchEnvelopeDepthCents != 0 || PitchEnvelopeModulation.VelocityToDepthCents != 0
            || region.PitchEnvelopeModulation.Controllers.Any(c => c.Stage == EnvelopeParameter.Depth) // pitcheg_depth_onccN
            || HasTarget(ModulationTarget.PitchCents) || HasTarget(ModulationTarget.PitchLfoDepthCents);
        GainModulated = AmpLfo.Active || HasTarget(ModulationTarget.VolumeDb) || HasTarget(ModulationTarget.AmplitudePercent)
            || HasTarget(ModulationTarget.PanPercent) || HasTarget(ModulationTarget.AmpLfoDepthDb) || CcCrossfades.Length > 0
            || (Stereo && (HasTarget(ModulationTarget.WidthPercent) || HasTarget(ModulationTarget.PositionPercent))); // width/position_onccN
        FlexLfos = CompiledShares.Derived(region.FlexLfos, outputRate, 0, () => region.FlexLfos.Take(EngineLimits.MaxFlexLfos).Select(l => new CompiledFlexLfo(l, outputRate)).ToArray());
        FlexEnvelopes = [.. region.FlexEnvelopes.Take(EngineLimits.MaxFlexEnvelopes).Select(e => new CompiledFlexEnvelope(e, outputRate))];
        filterModulated |= FilterType != FilterType.None && FlexEnvelopes.Any(e => e.CutoffCents != 0);
        filterModulated |= FilterType != FilterType.None && FlexLfos.Any(l => l.CutoffCents != 0);
        PitchModulated |= FlexLfos.Any(l => l.PitchCents != 0);
        GainModulated |= FlexLfos.Any(l => l.VolumeDb != 0 || l.AmplitudeFraction != 0 || l.PanPercent != 0);
        FilterModulated = filterModulated;
        AmpLfoUsed = AmpLfo.Active || HasTarget(ModulationTarget.AmpLfoDepthDb);
        PitchLfoUsed = PitchLfo.Active || HasTarget(ModulationTarget.PitchLfoDepthCents);
        FilterLfoUsed = FilterType != FilterType.None && (FilterLfo.Active || HasTarget(ModulationTarget.FilterLfoDepthCents));
        Modulated = PitchModulated || GainModulated || FilterModulated || FlexLfos.Length > 0 || FlexEnvelopes.Length > 0;
        EqBands = [.. region.EqBands.Where(b => (b.GainDb != 0 || CompiledEqRoute.Modulated(region, b)) && double.IsFinite(b.GainDb) && b.FrequencyHz > 0).Take(EngineLimits.MaxEqBands)];
        UsesScratch = FilterType != FilterType.None || HasWidth || EqBands.Length > 0;
        PlayCount = Math.Max(0, region.PlayCount);
        SwVelocityPrevious = region.SwVelocityPrevious;
        OnCcRanges = [.. region.OnCcRanges.Where(c => c.Controller is >= 0 and < 128)];
        EnvelopesModulated = !AmpEnvelopeModulation.IsNone || !FilterEnvelopeModulation.IsNone || !PitchEnvelopeModulation.IsNone;

        XfInLoKey = region.XfInLoKey;
        XfInHiKey = region.XfInHiKey;
        XfOutLoKey = region.XfOutLoKey;
        XfOutHiKey = region.XfOutHiKey;
        XfInLoVelocity = region.XfInLoVelocity;
        XfInHiVelocity = region.XfInHiVelocity;
        XfOutLoVelocity = region.XfOutLoVelocity;
        XfOutHiVelocity = region.XfOutHiVelocity;
        XfKeyCurve = region.XfKeyCurve;
        XfVelocityCurve = region.XfVelocityCurve;
        XfCcCurve = region.XfCcCurve;
        RtDecayDbPerSecond = Math.Max(0, Finite(region.RtDecayDbPerSecond, 0));
        DelaySeconds = Math.Clamp(Finite(region.DelaySeconds, 0), 0, 100);
        DelayRandomSeconds = Math.Clamp(Finite(region.DelayRandomSeconds, 0), 0, 100);
        OffsetRandomFrames = Math.Max(0, region.OffsetRandomFrames);
        OutputRate = outputRate;
        GainSmoothing = (float)(1 - Math.Exp(-Voice.ControlFrames / (0.005 * outputRate)));
        CcRanges = [.. region.CcRanges.Where(c => c.Controller is >= 0 and < 128)];
        HasConditions = CcRanges.Length > 0 || region.LoProgram > 0 || region.HiProgram < 127 || region.LoBend > -8192
            || region.HiBend < 8191 || region.LoChannelPressure > 0 || region.HiChannelPressure < 127 || region.LoPolyPressure > 0
            || region.HiPolyPressure < 127 || region.LoRandom > 0 || region.HiRandom < 1 || region.SwLast is not null
            || region.SwDown is not null || region.SwUp is not null || region.SwPrevious is not null
            || region.LoBpm > 0 || region.HiBpm < 500;
        OffFadeSeconds = Math.Clamp(Finite(region.OffTimeSeconds, 0.006), 0.0005, 100);
        AmpEnvelopeCc = [.. region.AmpEnvelopeModulation.Controllers.Where(c => ControllerSources.IsSource(c.Controller))];
        FilterEnvelopeCc = [.. region.FilterEnvelopeModulation.Controllers.Where(c => ControllerSources.IsSource(c.Controller))];
        PitchEnvelopeCc = [.. region.PitchEnvelopeModulation.Controllers.Where(c => ControllerSources.IsSource(c.Controller))];
        AmpEnvelopeDynamic = region.AmpEnvelopeModulation.Dynamic && AmpEnvelopeCc.Any(c => c.Controller < 128); // ampeg_dynamic
        End = Math.Max(0, region.EffectiveEnd);
        Offset = Math.Clamp(region.Offset, 0, End + 1);
        LoopMode = region.LoopMode;
        LoopStart = Math.Clamp(region.LoopStart, 0, End);
        LoopEnd = Math.Clamp(region.LoopEnd, 0, End);
        if (LoopMode is LoopMode.LoopContinuous or LoopMode.LoopSustain && LoopEnd <= LoopStart)
            LoopMode = LoopMode.NoLoop; // a zero-length or inverted loop cannot play; the loader warns
        Envelope = EnvelopeCompilation.Compile(region.AmpEnvelope, outputRate);
        Trigger = region.Trigger;
        SeqLength = Math.Max(1, region.SeqLength);
        SeqPosition = Math.Clamp(region.SeqPosition, 1, SeqLength);
        Group = region.Group;
        HasOffBy = region.OffBy is not null;
        OffBy = region.OffBy ?? 0;
        ReverbSend = (float)(Math.Clamp(Finite(region.Effect1Percent, 0), 0, 100) / 100);
        ChorusSend = (float)(Math.Clamp(Finite(region.Effect2Percent, 0), 0, 100) / 100);
        HasEffectSend = ReverbSend > 0 || ChorusSend > 0;
        Send3 = (float)(Math.Clamp(Finite(region.Effect3Percent, 0), 0, 100) / 100);
        Send4 = (float)(Math.Clamp(Finite(region.Effect4Percent, 0), 0, 100) / 100);
        Played = LoopCrossfade.Apply(region.Sample, LoopMode, LoopStart, LoopEnd,
            region.VoiceOptions.LoopDirection == LoopDirection.Forward ? region.VoiceOptions.LoopCrossfadeSeconds : 0); // a turning loop needs none
        (Played, LoopStart, LoopEnd, End, Offset) = LoopUnfolding.Apply(Played, region.VoiceOptions.LoopDirection, LoopMode, LoopStart, LoopEnd, End, Offset);
        Format = Played.Format;
        unsafe
        {
            Frames = Played.IsStreamed ? 0 : (nint)Played.Frames;
        }

        VoiceOptions = new CompiledVoiceOptions(region, EqBands, End, outputRate);
        Modulated |= VoiceOptions.NeedsTicks;
        (ModulatorRoutes, FlexLfoRouteOnly) = CompileModulatorRoutes(region);
        NrpnRouteStart = Array.FindIndex(ModulatorRoutes, r => r.Primary.Kind == ModulatorSourceKind.SoundFontNrpn) is int n and >= 0 ? n : ModulatorRoutes.Length;
        HasStartOffsetRoutes = Array.Exists(ModulatorRoutes, r => r.Destination == ModulatorDestination.StartOffsetFrames);
        HasAmpEnvelopeTimeRoutes = Array.Exists(ModulatorRoutes, r => r.Destination == ModulatorDestination.AmpEnvelopeTimecents);
        HasModEnvelopeTimeRoutes = Array.Exists(ModulatorRoutes, r => r.Destination == ModulatorDestination.ModEnvelopeTimecents);
        FlexLfosCanRest = Array.TrueForAll(FlexLfoRouteOnly, x => x);
        Modulated |= ModulatorRoutes.Length > 0;
        UsesScratch |= VoiceOptions.WidthModulated;
        ReversedVariant = region.VoiceOptions.ReverseCcRanges.Count > 0 ? new CompiledRegion(Reversed(region), index, outputRate) : null;
        KeyVariants = region.VoiceOptions.KeySamples.Count > 0 ? CompileKeyVariants(region, index, outputRate) : null;
    }

    /// <summary>
    /// Oscillators (SFZ <c>*saw</c>, <c>oscillator=on</c>): by key, the same region on that key's band-limited table
    /// (same index, group and conditions), started in its place; null entries and a null array play this region.
    /// </summary>
    public CompiledRegion?[]? KeyVariants { get; }

    private static CompiledRegion?[] CompileKeyVariants(Region region, int index, double outputRate)
    {
        var byKey = new CompiledRegion?[128];
        var options = region.VoiceOptions with { KeySamples = [] };
        foreach (var band in region.VoiceOptions.KeySamples)
        {
            // A table of another length and rate: the offset and loop points scale with it, and the tune keeps the
            // cycle's frequency (a cycle is a cycle).
            double scale = (double)band.Sample.FrameCount / region.Sample.FrameCount;
            double cycleCents = 1200 * Math.Log2((double)region.Sample.SampleRate / band.Sample.SampleRate * scale);
            var variant = new CompiledRegion(region with
            {
                Sample = band.Sample,
                TuneCents = region.TuneCents + cycleCents,
                VoiceOptions = options,
                Offset = (long)(region.Offset * scale),
                OffsetRandomFrames = (long)(region.OffsetRandomFrames * scale),
                LoopStart = (long)(region.LoopStart * scale),
                LoopEnd = (long)Math.Round(((region.LoopEnd + 1) * scale) - 1),
            }, index, outputRate);
            for (int k = Math.Max(0, band.LowKey); k <= Math.Min(127, band.HighKey); k++)
                byKey[k] = variant;
        }

        return byKey;
    }

    /// <summary>The region's send to its instrument's effect bus fx3, 0..1 (SFZ v2 <c>effect3</c> / 100).</summary>
    public float Send3 { get; }

    /// <summary>The region's send to its instrument's effect bus fx4, 0..1 (SFZ v2 <c>effect4</c> / 100).</summary>
    public float Send4 { get; }

    /// <summary>
    /// reverse_loccN/reverse_hiccN: the same region playing its sample reversed (same index, group and conditions), started
    /// in its place while the controllers say so; null without those opcodes.
    /// </summary>
    public CompiledRegion? ReversedVariant { get; }

    /// <summary>SFZ v2 voice options (sostenuto_sw, delay_beats, stop_beats, stop_loccN, bend_smooth, sample_fadeout) and LFO routes.</summary>
    public CompiledVoiceOptions VoiceOptions { get; }

    /// <summary>
    /// The region's own reverb send, 0..1 (SFZ v1 <c>effect1</c> / 100: bus fx1, the reverb in Cakewalk's sfz and ARIA).
    /// Added to the channel's CC91 send, the sum capped at 1 (see <see cref="Sampler"/>'s voice sends).
    /// </summary>
    public float ReverbSend { get; }

    /// <summary>The region's own chorus send, 0..1 (SFZ v1 <c>effect2</c> / 100: bus fx2, the chorus). Added to CC93's.</summary>
    public float ChorusSend { get; }

    /// <summary>True when <see cref="ReverbSend"/> or <see cref="ChorusSend"/> is above 0: the voice feeds the send buses itself.</summary>
    public bool HasEffectSend { get; }

    /// <summary>The model, for the control thread; the audio thread reads <see cref="Conditions"/>, <see cref="Voicing"/> and the compiled fields.</summary>
    public Region Source { get; }

    public double OutputRate { get; }

    /// <summary>SFZ v2 flexible envelopes (egN_*), at most <see cref="EngineLimits.MaxFlexEnvelopes"/>.</summary>
    public CompiledFlexEnvelope[] FlexEnvelopes { get; }

    /// <summary>SFZ v2 LFOs (lfoN_*), at most <see cref="EngineLimits.MaxFlexLfos"/>.</summary>
    public CompiledFlexLfo[] FlexLfos { get; }

    /// <summary>The equaliser bands that change the sound (gain ≠ 0); a region without them runs no EQ.</summary>
    public EqBand[] EqBands { get; }

    /// <summary>count: times the sample plays (0 = once, as without the opcode).</summary>
    public int PlayCount { get; }

    /// <summary>sw_vel=previous: the voice takes the previous note's velocity.</summary>
    public bool SwVelocityPrevious { get; }

    /// <summary>on_loccN/on_hiccN ranges: the region is started by controllers, not by notes.</summary>
    public CcRange[] OnCcRanges { get; }

    /// <summary>The amplitude LFO has a depth (its own or from a controller): the voice evaluates it per tick.</summary>
    public bool AmpLfoUsed { get; }

    /// <summary>The pitch LFO has a depth (its own or from a controller).</summary>
    public bool PitchLfoUsed { get; }

    /// <summary>The filter LFO has a depth and there is a filter.</summary>
    public bool FilterLfoUsed { get; }

    /// <summary>Per control tick, the fraction of the way a modulated gain moves to its new value (a 5 ms one-pole).</summary>
    public float GainSmoothing { get; }

    /// <summary>Gain after the velocity curve, per velocity 0..127 (amp_veltrack or amp_velcurve_N), built at load.</summary>
    public float[] VelocityCurve { get; }

    public double PanPercent { get; }

    /// <summary>A stereo sample whose width is not 100 %: the voice mixes left and right through a 2×2 matrix.</summary>
    public bool HasWidth { get; }

    /// <summary>Width matrix, same side: (1 + w) / 2.</summary>
    public float WidthDirect { get; }

    /// <summary>Width matrix, other side: (1 − w) / 2.</summary>
    public float WidthCross { get; }

    public double AmpKeytrackDb { get; }

    public int AmpKeycenter { get; }

    public double AmpRandomDb { get; }

    public double PitchVeltrackCents { get; }

    public double PitchRandomCents { get; }

    /// <summary>Cents at full upward bend, or NaN for the channel's RPN bend range.</summary>
    public double BendUpCents { get; }

    /// <summary>Cents at full downward bend, or NaN for the channel's RPN bend range.</summary>
    public double BendDownCents { get; }

    public double BendStepCents { get; }

    /// <summary>bend_stepup (or bend_step), cents.</summary>
    public double BendStepUpCents { get; }

    /// <summary>bend_stepdown (or bend_step), cents.</summary>
    public double BendStepDownCents { get; }

    /// <summary>pan_keytrack, percent per key from <see cref="PanKeycenter"/>.</summary>
    public double PanKeytrackPercent { get; }

    /// <summary>pan_veltrack, percent at velocity 127.</summary>
    public double PanVeltrackPercent { get; }

    public int PanKeycenter { get; }

    /// <summary>loop_count: repeats of the loop before playing on past it; -1 for ever.</summary>
    public int LoopCount { get; }

    /// <summary>sync_beats: the beat grid a start waits for (0 = none).</summary>
    public double SyncBeats { get; }

    /// <summary>sync_offset: the grid's offset from the transport start, in beats.</summary>
    public double SyncOffsetBeats { get; }

    /// <summary>
    /// Frames from <paramref name="nowFrame"/> (frames since the transport start) to the next point of the sync_beats
    /// grid, <c>(SyncOffsetBeats + k × SyncBeats)</c> beats for any whole k, at <paramref name="tempoBpm"/>; 0 when the
    /// region has no sync_beats or the tempo is not positive. A start exactly on the grid does not wait. Audio thread.
    /// </summary>
    public int SyncDelayFrames(long nowFrame, double tempoBpm)
    {
        if (SyncBeats <= 0 || !(tempoBpm > 0) || !double.IsFinite(tempoBpm))
            return 0;
        double framesPerBeat = 60.0 * OutputRate / tempoBpm;
        double period = SyncBeats * framesPerBeat, origin = SyncOffsetBeats * framesPerBeat;
        // The small tolerance keeps a start that lands on the grid (up to rounding) from waiting a whole period.
        double k = Math.Ceiling(((nowFrame - origin) / period) - 1e-9);
        double wait = origin + (k * period) - nowFrame;
        return (int)Math.Clamp(Math.Round(wait), 0, int.MaxValue / 4);
    }

    /// <summary>delay_samples in output frames.</summary>
    public int DelaySampleOutputFrames { get; }

    /// <summary>The filter type, <see cref="FilterType.None"/> when the region has no cutoff.</summary>
    public FilterType FilterType { get; }

    public double CutoffHz { get; }

    public float ResonanceDb { get; }

    public float FilterGainDb { get; }

    public double FilterKeytrackCents { get; }

    public int FilterKeycenter { get; }

    public double FilterVeltrackCents { get; }

    public double FilterRandomCents { get; }

    public Envelope FilterEnvelopeSource { get; }

    public EnvelopeParameters FilterEnvelope { get; }

    public double FilterEnvelopeDepthCents { get; }

    public EnvelopeModulation FilterEnvelopeModulation { get; }

    public Envelope PitchEnvelopeSource { get; }

    public EnvelopeParameters PitchEnvelope { get; }

    public double PitchEnvelopeDepthCents { get; }

    public EnvelopeModulation PitchEnvelopeModulation { get; }

    public Envelope AmpEnvelopeSource { get; }

    public EnvelopeModulation AmpEnvelopeModulation { get; }

    public CompiledLfo AmpLfo { get; }

    public CompiledLfo PitchLfo { get; }

    public CompiledLfo FilterLfo { get; }

    public CcModulation[] CcModulations { get; }

    /// <summary>Per entry of <see cref="CcModulations"/>, its 128-value curve (*_curveccN), or null for linear.</summary>
    public float[]?[] CcCurves { get; }

    /// <summary>Controller conditions (loccN/hiccN).</summary>
    public CcRange[] CcRanges { get; }

    /// <summary>The trigger conditions, for the audio thread (it never reads <see cref="Source"/>).</summary>
    public RegionConditions Conditions { get; }

    /// <summary>off_mode, output, sustain_sw and the polyphony limits, for the audio thread.</summary>
    public RegionVoicing Voicing { get; }

    /// <summary>True when some condition beyond key, velocity and channel applies (programs, controllers, bend, pressure, random, keyswitches).</summary>
    public bool HasConditions { get; }

    /// <summary>Fade for off_mode=time, in seconds.</summary>
    public double OffFadeSeconds { get; }

    public EnvelopeCc[] AmpEnvelopeCc { get; }

    public EnvelopeCc[] FilterEnvelopeCc { get; }

    public EnvelopeCc[] PitchEnvelopeCc { get; }

    public CcCrossfade[] CcCrossfades { get; }

    public CcModulation[] OffsetCc { get; }

    public CcModulation[] DelayCc { get; }

    /// <summary>Some parameter changes while the voice sounds: the voice runs its control-rate update.</summary>
    public bool Modulated { get; }

    public bool PitchModulated { get; }

    public bool GainModulated { get; }

    public bool FilterModulated { get; }

    /// <summary>The voice renders through a scratch buffer (filter or width matrix) instead of mixing directly.</summary>
    public bool UsesScratch { get; }

    /// <summary>Velocity or controllers change an envelope at note-on: its parameters are computed per voice.</summary>
    public bool EnvelopesModulated { get; }

    public int XfInLoKey { get; }

    public int XfInHiKey { get; }

    public int XfOutLoKey { get; }

    public int XfOutHiKey { get; }

    public int XfInLoVelocity { get; }

    public int XfInHiVelocity { get; }

    public int XfOutLoVelocity { get; }

    public int XfOutHiVelocity { get; }

    public CrossfadeCurve XfKeyCurve { get; }

    public CrossfadeCurve XfVelocityCurve { get; }

    public CrossfadeCurve XfCcCurve { get; }

    public double RtDecayDbPerSecond { get; }

    public double DelaySeconds { get; }

    public double DelayRandomSeconds { get; }

    public long OffsetRandomFrames { get; }

    /// <summary>Position in the instrument's region list (indexes per-region audio-thread state).</summary>
    public int Index { get; }

    public Sample Sample { get; }

    /// <summary>What the voice reads: the sample, or a region-owned copy (loop_crossfade, a backward or alternate loop).</summary>
    public Sample Played { get; }

    /// <summary>Element 0 of <see cref="Played"/>'s guard frames when in RAM (0 when streamed: the voice's stream cursor gives it).</summary>
    public nint Frames { get; }

    /// <summary>How <see cref="Played"/> stores its values.</summary>
    public Model.SampleFormat Format { get; }

    public bool Stereo { get; }

    /// <summary>Sample rate over output rate: the playback increment at the key centre.</summary>
    public double RateRatio { get; }

    public int KeyCenter { get; }

    public double KeytrackCents { get; }

    public double TuneCents { get; }

    public float Gain { get; }

    public float PanLeft { get; }

    public float PanRight { get; }

    public double VeltrackPercent { get; }

    public long Offset { get; }

    public long End { get; }

    public LoopMode LoopMode { get; }

    public long LoopStart { get; }

    public long LoopEnd { get; }

    public EnvelopeParameters Envelope { get; }

    public TriggerMode Trigger { get; }

    public int SeqLength { get; }

    public int SeqPosition { get; }

    public long Group { get; }

    public bool HasOffBy { get; }

    public long OffBy { get; }

    /// <summary>Velocity to gain (a table lookup). Any thread.</summary>
    public float VelocityGain(int velocity) => VelocityCurve[Math.Clamp(velocity, 0, 127)];

    /// <summary>
    /// Crossfade gain of <paramref name="value"/> in a fade from <paramref name="low"/> to <paramref name="high"/>
    /// (sfz.org, xfin_lokey and xf_keycurve: power = √position, −3 dB at the midpoint; gain = position, −6 dB).
    /// </summary>
    public static float CrossfadeIn(int value, int low, int high, CrossfadeCurve curve)
    {
        if (value >= high)
            return 1; // also the default xfin_lokey = xfin_hikey = 0: no fade
        if (value <= low)
            return 0;
        float position = (float)(value - low) / (high - low);
        return curve == CrossfadeCurve.Power ? MathF.Sqrt(position) : position;
    }

    /// <summary>The falling counterpart of <see cref="CrossfadeIn"/>: 1 at or below <paramref name="low"/>, 0 at or above <paramref name="high"/>.</summary>
    public static float CrossfadeOut(int value, int low, int high, CrossfadeCurve curve)
    {
        if (value <= low)
            return 1;
        if (value >= high)
            return 0;
        float position = (float)(high - value) / (high - low);
        return curve == CrossfadeCurve.Power ? MathF.Sqrt(position) : position;
    }

    private bool HasTarget(ModulationTarget target)
    {
        foreach (var m in CcModulations)
        {
            if (m.Target == target)
                return true;
        }

        return false;
    }

    /// <summary>
    /// Velocity to gain. Without user points: SFZ's default (velocity/127)² at amp_veltrack=100, blended towards 1 as
    /// the tracking falls, negative tracking inverting the curve (sfz.org, amp_veltrack). With amp_velcurve_N points:
    /// straight lines between them, from (0, 0) to (127, 1) unless those ends are given (linear interpolation, as
    /// LinuxSampler and sfizz do); amp_veltrack then does not apply.
    /// </summary>
    private static float[] BuildVelocityCurve(Region region, double veltrackPercent)
    {
        var curve = new float[128];
        var points = region.AmpVelocityCurve
            .Where(p => p.Velocity is >= 0 and <= 127 && double.IsFinite(p.Gain))
            .GroupBy(p => p.Velocity).Select(g => g.Last()).OrderBy(p => p.Velocity).ToList();
        if (points.Count == 0)
        {
            double t = veltrackPercent / 100, a = Math.Abs(t);
            for (int v = 0; v < 128; v++)
            {
                double x = v / 127.0;
                double c = t >= 0 ? x * x : (1 - x) * (1 - x);
                curve[v] = (float)((1 - a) + (a * c));
            }

            return curve;
        }

        if (points[0].Velocity != 0)
            points.Insert(0, new VelocityPoint(0, 0));
        if (points[^1].Velocity != 127)
            points.Add(new VelocityPoint(127, 1));
        int p = 0;
        for (int v = 0; v < 128; v++)
        {
            while (p < points.Count - 2 && v > points[p + 1].Velocity)
                p++;
            var (a, b) = (points[p], points[p + 1]);
            double t = b.Velocity == a.Velocity ? 1 : (v - a.Velocity) / (double)(b.Velocity - a.Velocity);
            curve[v] = (float)Math.Clamp(a.Gain + ((b.Gain - a.Gain) * t), 0, 1);
        }

        return curve;
    }

    /// <summary>
    /// Constant-power pan normalised to unity at the centre for mono sources; a balance control for
    /// stereo sources (each side keeps its own signal, the far side is attenuated).
    /// </summary>
    public static (float Left, float Right) PanLaw(double pan, bool stereo)
    {
        pan = Math.Clamp(pan, -1, 1);
        if (stereo)
            return ((float)(pan <= 0 ? 1 : 1 - pan), (float)(pan >= 0 ? 1 : 1 + pan));
        double theta = (pan + 1) * Math.PI / 4;
        return ((float)(Math.Sqrt(2) * Math.Cos(theta)), (float)(Math.Sqrt(2) * Math.Sin(theta)));
    }

    private static double Finite(double value, double fallback) => double.IsFinite(value) ? value : fallback;
}

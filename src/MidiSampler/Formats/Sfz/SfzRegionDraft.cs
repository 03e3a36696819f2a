using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// The values of one region while its opcodes are applied (inherited ones first, then its own). Keeps track of
/// what was given explicitly, because the defaults of loop_mode, loop_start and loop_end depend on the sample file.
/// </summary>
/// <remarks>Threads: control or loader thread.</remarks>
internal sealed partial class SfzRegionDraft
{
    public string? SamplePath { get; set; }

    public SfzLocation? SampleLocation { get; set; }

    public int LoKey { get; set; }

    public int HiKey { get; set; } = 127;

    /// <summary>True when lokey or hikey was -1: the region is not played by any key (SFZ: triggered by controllers).</summary>
    public bool NoKey { get; set; }

    public int LoVelocity { get; set; }

    public int HiVelocity { get; set; } = 127;

    public int LoChannel { get; set; } = 1;

    public int HiChannel { get; set; } = 16;

    public int PitchKeyCenter { get; set; } = 60;

    /// <summary>pitch_keycenter=sample: take the root key from the sample file.</summary>
    public bool KeyCenterFromSample { get; set; }

    public double PitchKeytrackCents { get; set; } = 100;

    public double TuneCents { get; set; }

    public int Transpose { get; set; }

    public double VolumeDb { get; set; }

    public double Pan { get; set; }

    public double AmpVeltrackPercent { get; set; } = 100;

    public LoopMode? LoopMode { get; set; }

    public long? LoopStart { get; set; }

    public long? LoopEnd { get; set; }

    public long Offset { get; set; }

    /// <summary>The <c>end</c> opcode, or <c>null</c> when not given (the whole sample plays).</summary>
    public long? End { get; set; }

    public double DelaySeconds { get; set; }

    public double AttackSeconds { get; set; }

    public double HoldSeconds { get; set; }

    public double DecaySeconds { get; set; }

    public double SustainLevel { get; set; } = 1;

    public double ReleaseSeconds { get; set; } = Envelope.Default.ReleaseSeconds;

    public TriggerMode Trigger { get; set; } = TriggerMode.Attack;

    public int SeqLength { get; set; } = 1;

    public int SeqPosition { get; set; } = 1;

    public long Group { get; set; }

    public long? OffBy { get; set; }

    /// <summary>direction=reverse.</summary>
    public bool Reverse { get; set; }

    /// <summary>loccN/hiccN for N in 142..511, decided against the set_ccN defaults once the file is read.</summary>
    public Dictionary<int, (int Low, int High)> HighCcRanges { get; } = [];

    /// <summary>sw_lolast / sw_hilast as given (ARIA); either one makes a range that replaces sw_last.</summary>
    public int? SwLoLast { get; set; }

    /// <inheritdoc cref="SwLoLast"/>
    public int? SwHiLast { get; set; }

    /// <summary>Every other setting, kept in a region whose sample is a placeholder until <see cref="ToRegion"/>.</summary>
    public Region Extra { get; set; } = new() { Sample = Placeholder };

    /// <summary>amp_velcurve_N points by velocity (later definitions win).</summary>
    public SortedDictionary<int, double> VelocityCurve { get; } = [];

    /// <summary>loccN/hiccN by controller.</summary>
    public SortedDictionary<int, (int Low, int High)> CcRanges { get; } = [];

    /// <summary>on_loccN/on_hiccN (and start_loccN/start_hiccN): controller ranges that trigger the region.</summary>
    public SortedDictionary<int, (int Low, int High)> OnCcRanges { get; } = [];

    /// <summary>eq1..eq3: frequency (Hz), bandwidth (octaves), gain (dB); defaults from sfz.org (eqN_freq, eqN_bw).</summary>
    public double[] Eq { get; } = [50, 1, 0, 500, 1, 0, 5000, 1, 0];

    /// <summary>egN_* by N (SFZ v2 flexible envelopes).</summary>
    public SortedDictionary<int, FlexEnvelope> FlexEnvelopes { get; } = [];

    /// <summary>lfoN_* by N (SFZ v2 LFOs).</summary>
    public SortedDictionary<int, FlexLfo> FlexLfos { get; } = [];

    /// <summary>eq1..eq3 shapes (eqN_type).</summary>
    public FilterType[] EqType { get; } = [FilterType.Peaking, FilterType.Peaking, FilterType.Peaking];

    /// <summary>Controller crossfades by (controller, fade in): (low, high).</summary>
    public SortedDictionary<(int Controller, bool FadeIn), (int Low, int High)> CcCrossfades { get; } = [];

    /// <summary>*_onccN amounts by (target, controller).</summary>
    public SortedDictionary<(ModulationTarget Target, int Controller), double> CcModulations { get; } = [];

    /// <summary>*_curveccN: the &lt;curve&gt; index shaping each (target, controller) modulation.</summary>
    public SortedDictionary<(ModulationTarget Target, int Controller), int> CcCurves { get; } = [];

    /// <summary>Envelope controller amounts by (envelope 0 amp / 1 filter / 2 pitch, parameter, controller).</summary>
    public SortedDictionary<(int Envelope, EnvelopeParameter Parameter, int Controller), double> EnvelopeCc { get; } = [];

    /// <summary>offset_onccN (frames) and delay_onccN (seconds) by (0 offset / 1 delay, controller).</summary>
    public SortedDictionary<(int Kind, int Controller), double> StartCc { get; } = [];

    /// <summary>The sample used by <see cref="Extra"/> before the real one is known.</summary>
    internal static Sample Placeholder { get; } = Sample.FromInterleaved("*placeholder", 48_000, 1, [0f]);

    /// <summary>Builds the model region for <paramref name="sample"/>, filling the defaults that depend on the file.</summary>
    public Region ToRegion(Sample sample, string samplePath)
    {
        var meta = sample.Metadata;
        // sfzformat.com, loop_mode: the default is loop_continuous when the file defines a loop, no_loop otherwise;
        // loop_start/loop_end default to the file's loop points.
        var loopMode = LoopMode ?? (meta.HasLoop ? Model.LoopMode.LoopContinuous : Model.LoopMode.NoLoop);
        return Extra with
        {
            Sample = sample,
            SamplePath = samplePath,
            LoKey = LoKey,
            HiKey = HiKey,
            LoVelocity = LoVelocity,
            HiVelocity = HiVelocity,
            LoChannel = LoChannel,
            HiChannel = HiChannel,
            PitchKeyCenter = KeyCenterFromSample ? meta.RootKey ?? 60 : PitchKeyCenter,
            PitchKeytrackCents = PitchKeytrackCents,
            // The model's tune includes the tuning the file carries (smpl chunk pitch fraction), as for single samples.
            TuneCents = TuneCents + meta.TuneCents,
            Transpose = Transpose,
            VolumeDb = VolumeDb,
            Pan = Pan,
            AmpVeltrackPercent = AmpVeltrackPercent,
            LoopMode = loopMode,
            LoopStart = LoopStart ?? meta.LoopStart ?? 0,
            LoopEnd = LoopEnd ?? meta.LoopEnd ?? Math.Max(0, sample.FrameCount - 1),
            Offset = Offset,
            End = End ?? -1,
            Trigger = Trigger,
            SeqLength = SeqLength,
            SeqPosition = SeqPosition,
            Group = Group,
            OffBy = OffBy,
            AmpVelocityCurve = Listed(VelocityCurve.Select(p => new VelocityPoint(p.Key, p.Value))),
            CcRanges = Listed(CcRanges.Select(p => new CcRange(p.Key, p.Value.Low, p.Value.High))),
            FlexLfos = Listed(FlexLfos.Values.Select(Scaled)),
            FlexEnvelopes = Listed(FlexEnvelopes.Values),
            OnCcRanges = Listed(OnCcRanges.Select(p => new CcRange(p.Key, p.Value.Low, p.Value.High))),
            // A band at 0 dB is kept when an LFO or EG moves it (lfoN_eqXgain ...).
            EqBands = Listed(Enumerable.Range(0, 3).Where(b => Eq[(b * 3) + 2] != 0 || EqModulated(b + 1))
                .Select(b => new EqBand(Eq[b * 3], Eq[(b * 3) + 1], Eq[(b * 3) + 2]) { Shape = EqType[b], Number = b + 1 })),
            CcCrossfades = Listed(CcCrossfades.Select(p => new CcCrossfade(p.Key.Controller, p.Value.Low, p.Value.High, p.Key.FadeIn))),
            CcModulations = Listed(CcModulations.Select(p => WithSmoothing(new CcModulation(p.Key.Target, p.Key.Controller, p.Value)))),
            OffsetCc = Listed(StartCc.Where(p => p.Key.Kind == 0).Select(p => new CcModulation(ModulationTarget.VolumeDb, p.Key.Controller, p.Value))),
            DelayCc = Listed(StartCc.Where(p => p.Key.Kind == 1).Select(p => new CcModulation(ModulationTarget.VolumeDb, p.Key.Controller, p.Value))),
            AmpEnvelope = new Envelope(DelaySeconds, AttackSeconds, HoldSeconds, DecaySeconds, SustainLevel, ReleaseSeconds) { StartLevel = Extra.AmpEnvelope.StartLevel },
            AmpEnvelopeModulation = WithControllers(Extra.AmpEnvelopeModulation, 0),
            FilterEnvelopeModulation = WithControllers(Extra.FilterEnvelopeModulation, 1),
            PitchEnvelopeModulation = WithControllers(Extra.PitchEnvelopeModulation, 2),
        };
    }

    /// <summary>An empty sequence as the shared empty array, so that regions without these settings compare equal.</summary>
    private bool EqModulated(int band) =>
        FlexLfos.Values.Any(l => l.EqModulations.Any(m => m.Band == band)) || FlexEnvelopes.Values.Any(e => e.EqModulations.Any(m => m.Band == band));

    private static T[] Listed<T>(IEnumerable<T> items)
    {
        var array = items.ToArray();
        return array.Length == 0 ? [] : array;
    }

    private EnvelopeModulation WithControllers(EnvelopeModulation m, int envelope)
    {
        var list = EnvelopeCc.Where(p => p.Key.Envelope == envelope)
            .Select(p => new EnvelopeCc(p.Key.Parameter, p.Key.Controller, p.Value)).ToArray();
        return list.Length == 0 ? m : m with { Controllers = list };
    }
}

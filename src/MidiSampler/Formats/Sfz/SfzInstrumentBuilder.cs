using System.Globalization;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Listens to <see cref="SfzParser"/> and builds the regions of an instrument: opcodes are inherited
/// &lt;global&gt; → &lt;master&gt; → &lt;group&gt; → &lt;region&gt; (each level applied in order, later values win),
/// with &lt;control&gt; settings (default_path, note_offset, octave_offset) in force when a region ends; a new
/// &lt;control&gt; clears default_path and keeps the key offsets.
/// </summary>
/// <remarks>
/// Design: the parser only reports text; this class owns the SFZ semantics. Opcodes are stored per level and applied
/// to a fresh <see cref="SfzRegionDraft"/> when a region is complete (as sfizz copies its group's opcodes into each
/// region), so a bad value inherited by many regions is validated per region but reported once (warnings are
/// de-duplicated). Sample files are loaded once per distinct resolved path and shared. Threads: control or loader thread.
/// </remarks>
internal sealed partial class SfzInstrumentBuilder : ISfzListener
{
    /// <summary>Warnings kept in the instrument; the rest are counted in one closing message.</summary>
    public const int MaxWarnings = 500;

    private readonly string _sfzDirectory;
    private readonly ISampleLoader _sampleLoader;
    private readonly IProgress<LoadProgress>? _progress;
    private readonly SfzPathResolver _resolver = new();
    private readonly List<Region> _regions = [];
    private readonly List<string> _warnings = [];
    private readonly HashSet<string> _warningSet = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedOpcodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedHeaders = new(StringComparer.Ordinal);
    private readonly Dictionary<Sample, Sample> _reversed = new(ReferenceEqualityComparer.Instance);

    private readonly List<SfzOpcode> _global = [];
    private readonly List<SfzOpcode> _master = [];
    private readonly List<SfzOpcode> _group = [];
    private readonly List<SfzOpcode> _region = [];
    private Scope _scope = Scope.None;
    private SfzLocation _regionLocation;
    private int _droppedWarnings;
    private long _headerCount;
    private long _globalScope, _masterScope, _groupScope, _regionScope;
    private long _applyingScope;

    // <control> settings.
    private string _defaultPath = "";
    private int _noteOffset;
    private int _octaveOffset;

    public SfzInstrumentBuilder(string sfzPath, ISampleLoader sampleLoader, IProgress<LoadProgress>? progress = null)
    {
        _sfzDirectory = Path.GetDirectoryName(Path.GetFullPath(sfzPath)) ?? ".";
        _sampleLoader = sampleLoader;
        _progress = progress;
    }

    private enum Scope
    {
        None,
        Control,
        Global,
        Master,
        Group,
        Region,
        Curve,
        Effect,
        Sample,
        Ignored,
    }

    public IReadOnlyList<Region> Regions => _regions;

    public IReadOnlyList<string> Warnings
    {
        get
        {
            if (_droppedWarnings == 0)
                return _warnings;
            return [.. _warnings, $"... and {_droppedWarnings} more warnings"];
        }
    }

    public void OnHeader(string name, SfzLocation location)
    {
        FinishRegion();
        FinishCurve();
        FinishEffect();
        FinishSampleHeader();
        // Each header block is its own polyphony scope: polyphony set in a <group> limits that group's voices.
        long scope = ++_headerCount;
        switch (name)
        {
            case "global": _globalScope = scope; break;
            case "master": _masterScope = scope; break;
            case "group": _groupScope = scope; break;
            case "region": _regionScope = scope; break;
            default: break;
        }

        switch (name)
        {
            case "control":
                // A new <control> resets default_path only: note_offset and octave_offset stay in force until a later
                // <control> sets them again (sfizz Synth::handleHeader clears only defaultPath_, and its test
                // "[Files] Note and octave offsets" checks that a bare <control> keeps both offsets).
                _scope = Scope.Control;
                _defaultPath = "";
                break;
            case "global":
                _scope = Scope.Global;
                _global.Clear();
                _master.Clear();
                _group.Clear();
                break;
            case "master":
                _scope = Scope.Master;
                _master.Clear();
                _group.Clear();
                break;
            case "group":
                _scope = Scope.Group;
                _group.Clear();
                break;
            case "region":
                _scope = Scope.Region;
                _region.Clear();
                _regionLocation = location;
                break;
            case "curve":
                _scope = Scope.Curve;
                StartCurve(location);
                break;
            case "effect":
                _scope = Scope.Effect;
                StartEffect(location);
                break;
            case "sample":
                _scope = Scope.Sample;
                StartSampleHeader(location);
                break;
            default:
                // <midi> is SFZ headers whose meaning is not implemented yet; unknown
                // headers were already reported by the parser. Either way their opcodes must not leak into a region.
                _scope = Scope.Ignored;
                if (SfzParser.KnownHeaders.Contains(name) && _reportedHeaders.Add(name))
                    Warn(location, $"<{name}> is not supported yet; its opcodes are ignored");
                break;
        }
    }

    public void OnOpcode(string name, string value, SfzLocation location)
    {
        var opcode = new SfzOpcode(name, value, location);
        switch (_scope)
        {
            case Scope.None:
                Warn(location, $"opcode '{SfzParser.Excerpt(name)}' before any header ignored");
                break;
            case Scope.Control:
                ApplyControl(opcode);
                break;
            case Scope.Global:
                _global.Add(opcode);
                break;
            case Scope.Master:
                _master.Add(opcode);
                break;
            case Scope.Group:
                _group.Add(opcode);
                break;
            case Scope.Region:
                _region.Add(opcode);
                break;
            case Scope.Curve:
                ApplyCurve(opcode);
                break;
            case Scope.Effect:
                _effectOpcodes?.Add(opcode);
                break;
            case Scope.Sample:
                ApplySampleHeader(opcode);
                break;
            default:
                break;
        }
    }

    public void OnDiagnostic(SfzLocation location, string message) => Warn(location, message);

    /// <summary>Completes the last region; call once after the parser returns.</summary>
    public void Finish()
    {
        FinishRegion();
        FinishSampleHeader();
        FinishCurve(); // before the regions: routes on controllers above 141 read their curves as they are built
        CompleteRegions();
        FinishEffect();
        ResolveCurves();
    }

    private void FinishRegion()
    {
        if (_scope != Scope.Region)
            return;
        _scope = Scope.None;
        var draft = new SfzRegionDraft();
        ReadOnlySpan<List<SfzOpcode>> levels = [_global, _master, _group, _region];
        ReadOnlySpan<long> scopes = [_globalScope, _masterScope, _groupScope, _regionScope];
        for (int level = 0; level < levels.Length; level++)
        {
            _applyingScope = scopes[level];
            foreach (var opcode in levels[level])
                Apply(draft, opcode);
        }

        var at = _regionLocation;
        if (draft.SamplePath is null || draft.SamplePath.Length == 0)
        {
            Warn(at, "region has no sample; skipped");
            return;
        }

        if (draft.NoKey && draft.OnCcRanges.Count == 0)
        {
            // lokey/hikey=-1 means "no key": such a region can only be started by on_loccN/on_hiccN (as in sfizz).
            Warn(at, "region is not played by any key (lokey/hikey=-1) and has no on_loccN trigger; skipped");
            return;
        }

        if (!draft.NoKey && draft.LoKey > draft.HiKey && draft.OnCcRanges.Count == 0)
        {
            // The SFZ specification defines lokey..hikey as the keys that play; a range whose top is below its bottom holds
            // none, so the region is dropped with the reason (not swapped: a typo's intent cannot be guessed).
            Warn(at, $"hikey={draft.HiKey} is below lokey={draft.LoKey}: the region plays no key; skipped");
            return;
        }

        if (draft.End is <= 0)
        {
            // sfzformat.com, end: "If end value is -1, the sample will not play"; sfizz disables such a region
            // (Region::disabled) but still starts its voice, which dies at once after choking what its group's off_by
            // names (sfizz tests "[Synth] end=-1 / end=0 voices are immediately killed after triggering but they kill
            // other voices"). So the region is kept and plays a short silence, once (SfzInstrumentBuilder.ChokeTriggers.cs).
            if (draft.Group == 0)
                Warn(at, $"region with end={draft.End} plays nothing (SFZ: end -1 or 0 silences it) and has no group to choke; kept silent");
            MakeSilentChoke(draft);
        }

        if (draft.SwLoLast is not null || draft.SwHiLast is not null)
        {
            int low = draft.SwLoLast ?? draft.SwHiLast!.Value, high = draft.SwHiLast ?? low;
            draft.Extra = draft.Extra with { SwLast = low, SwHiLast = high };
        }

        if (draft.SeqPosition > draft.SeqLength)
            Warn(at, $"seq_position={draft.SeqPosition} is past seq_length={draft.SeqLength}: the region never plays");

        string samplePath = draft.SamplePath;
        if (samplePath.StartsWith('*'))
        {
            // A periodic generator's tables are chosen per key in CompleteRegion; silence stands in until then.
            var generated = SfzGenerators.Plain(samplePath) ?? (SfzGenerators.Periodic(samplePath) is null ? null : SfzGenerators.Plain("*silence"));
            if (generated is null)
            {
                Warn(draft.SampleLocation ?? at, $"generator sample '{SfzParser.Excerpt(samplePath)}' is not supported (only *sine, *saw, *square, *triangle, *tri, *noise, *gnoise, *silence); region skipped");
                return;
            }

            _pending.Add(new PendingRegion(draft, samplePath, null, generated, at));
            return;
        }

        if (EmbeddedSample(samplePath) is { } embedded)
        {
            _pending.Add(new PendingRegion(draft, samplePath, null, embedded, at)); // a <sample> header's data
            return;
        }

        string? full = _resolver.Resolve(_sfzDirectory, samplePath);
        if (full is null)
        {
            // Perhaps a <sample> header further on embeds it: CompleteRegions looks again, and reports it if not.
            _pending.Add(new PendingRegion(draft, samplePath, null, null, at));
            return;
        }

        CheckMd5(draft, full, at);
        _pending.Add(new PendingRegion(draft, samplePath, full, null, at));
    }

    /// <summary>A region whose sample is loaded with the others once the whole file is parsed; then it is built.</summary>
    private void CompleteRegion(SfzRegionDraft draft, string samplePath, Sample sample, SfzLocation at)
    {
        var fixedRoutes = TakeHighControllerRoutes(draft);
        if (IsOscillator(draft, samplePath) && OscillatorRegion(draft, samplePath, sample, at) is { } oscillator)
        {
            // oscillator_multi 3..9: one region per unison member (each with the draft's curve users).
            // oscillator_quality, not sample_quality, sets an oscillator's interpolation (sfizz Voice.cpp).
            oscillator = oscillator with { VoiceOptions = oscillator.VoiceOptions with { SampleQuality = draft.OscillatorQuality } };
            foreach (var member in Unison(FoldHighControllerRoutes(draft.WithLevelGains(oscillator), fixedRoutes), draft.OscillatorMulti, draft.OscillatorDetuneCents))
            {
                if (draft.CcCurves.Count > 0)
                    _curveUsers.Add((_regions.Count, new Dictionary<(ModulationTarget, int), int>(draft.CcCurves), at));
                if (draft.EnvelopeCcCurves.Count > 0)
                    _envelopeCcCurveUsers.Add((_regions.Count, new Dictionary<(int, EnvelopeParameter, int), int>(draft.EnvelopeCcCurves), at));
                _regions.Add(member);
            }

            return;
        }

        var region = FoldHighControllerRoutes(draft.WithLevelGains(draft.ToRegion(sample, SfzPathResolver.Normalise(samplePath))), fixedRoutes);
        if (SfzGenerators.IsNoise(samplePath))
            region = NoiseRegion(region);
        if (draft.Reverse)
            region = Reversed(region);
        if (region.VoiceOptions.ReverseCcRanges.Count > 0)
            region = WithReversedSample(region);
        if (draft.CcCurves.Count > 0)
            _curveUsers.Add((_regions.Count, new Dictionary<(ModulationTarget, int), int>(draft.CcCurves), at));
        if (draft.EnvelopeCcCurves.Count > 0)
            _envelopeCcCurveUsers.Add((_regions.Count, new Dictionary<(int, EnvelopeParameter, int), int>(draft.EnvelopeCcCurves), at));
        _regions.Add(region);
    }

    /// <summary>
    /// direction=reverse: the region plays a time-reversed copy of its sample (made once per sample and shared), with
    /// offset, end and loop points mirrored, so that the voice's forward-only kernels serve both directions.
    /// </summary>
    private Region Reversed(Region region)
    {
        var sample = region.Sample;
        if (!_reversed.TryGetValue(sample, out var reversed))
        {
            reversed = sample.CreateReversed();
            _reversed[sample] = reversed;
        }

        return region.MirroredOnto(reversed);
    }

    private void ApplyControl(SfzOpcode op)
    {
        switch (op.Name)
        {
            case "default_path":
                _defaultPath = SfzPathResolver.Normalise(op.Value);
                break;
            case "note_offset":
                if (TryInt(op, -127, 127, out int notes))
                    _noteOffset = notes;
                break;
            case "octave_offset":
                if (TryInt(op, -10, 10, out int octaves))
                    _octaveOffset = octaves;
                break;
            default:
                if (!ApplyControlNumbered(op))
                    ReportUnhandled(op, "<control>");
                break;
        }
    }

    private void Apply(SfzRegionDraft d, SfzOpcode op)
    {
        switch (op.Name)
        {
            case "sample":
                // sfizz and ARIA: default_path is a plain prefix of the sample path.
                d.SamplePath = op.Value.Length == 0 ? null : op.Value.StartsWith('*') ? op.Value : _defaultPath + op.Value;
                d.SampleLocation = op.Location;
                break;
            case "lokey":
                if (TryKey(op, out int lo, out bool loNone))
                {
                    d.LoKey = lo;
                    d.NoKey |= loNone;
                }

                break;
            case "hikey":
                if (TryKey(op, out int hi, out bool hiNone))
                {
                    d.HiKey = hi;
                    d.NoKey |= hiNone;
                }

                break;
            case "key":
                // sfzformat.com, key: sets lokey, hikey and pitch_keycenter at once.
                if (TryKey(op, out int key, out bool none) && !none)
                {
                    d.LoKey = key;
                    d.HiKey = key;
                    d.PitchKeyCenter = key;
                    d.KeyCenterFromSample = false;
                }
                else if (none)
                {
                    d.NoKey = true;
                }

                break;
            case "pitch_keycenter":
                if (op.Value.Equals("sample", StringComparison.OrdinalIgnoreCase))
                {
                    d.KeyCenterFromSample = true;
                }
                else if (TryKey(op, out int center, out bool centerNone) && !centerNone)
                {
                    d.PitchKeyCenter = center;
                    d.KeyCenterFromSample = false;
                }
                else if (centerNone)
                {
                    WarnValue(op, "is not a key 0..127");
                }

                break;
            case "lovel":
                if (TryInt(op, 0, 127, out int lovel))
                    d.LoVelocity = lovel;
                break;
            case "hivel":
                if (TryInt(op, 0, 127, out int hivel))
                    d.HiVelocity = hivel;
                break;
            case "lochan":
                if (TryInt(op, 1, 16, out int lochan))
                    d.LoChannel = lochan;
                break;
            case "hichan":
                if (TryInt(op, 1, 16, out int hichan))
                    d.HiChannel = hichan;
                break;
            case "pitch_keytrack" or "tune_keytrack":
                d.PitchKeytrackCents = Clamped(op, -1200, 1200, d.PitchKeytrackCents);
                break;
            case "tune" or "pitch":
                // The spec lists -100..100 cents (SFZ v1); ARIA and sfizz accept ±9600, which real libraries use.
                d.TuneCents = Clamped(op, -9600, 9600, d.TuneCents);
                break;
            case "transpose":
                if (TryInt(op, -127, 127, out int transpose))
                    d.Transpose = transpose;
                break;
            case "volume" or "gain":
                // gain: sfizz's alias of volume (Region.cpp, "also gain"). The spec page says -144..6, but sfizz accepts up to +48 dB and published libraries rely on it
                // (drum kits and GM banks with volume=+8..+26): clamping at 6 would change their balance.
                d.VolumeDb = Clamped(op, -144, 48, d.VolumeDb);
                break;
            case "pan":
                d.Pan = Clamped(op, -100, 100, d.Pan);
                break;
            case "amp_veltrack":
                d.AmpVeltrackPercent = Clamped(op, -100, 100, d.AmpVeltrackPercent);
                break;
            case "loop_mode" or "loopmode":
                ApplyLoopMode(d, op);
                break;
            case "loop_start" or "loopstart":
                if (TryFrames(op, out long loopStart))
                    d.LoopStart = loopStart;
                break;
            case "loop_end" or "loopend":
                if (TryFrames(op, out long loopEnd))
                    d.LoopEnd = loopEnd;
                break;
            case "offset":
                if (TryFrames(op, out long offset))
                    d.Offset = offset;
                break;
            case "end":
                // end=-1 is meaningful (the region does not play), so it is accepted here and acted on in FinishRegion.
                if (op.Value == "-1")
                    d.End = -1;
                else if (TryFrames(op, out long end))
                    d.End = end;
                break;
            case "ampeg_delay" or "amp_delay":
                d.DelaySeconds = Clamped(op, 0, 100, d.DelaySeconds);
                break;
            case "ampeg_attack" or "amp_attack":
                d.AttackSeconds = Clamped(op, 0, 100, d.AttackSeconds);
                break;
            case "ampeg_hold" or "amp_hold":
                d.HoldSeconds = Clamped(op, 0, 100, d.HoldSeconds);
                break;
            case "ampeg_decay" or "amp_decay":
                d.DecaySeconds = Clamped(op, 0, 100, d.DecaySeconds);
                break;
            case "ampeg_sustain" or "amp_sustain":
                d.SustainLevel = Clamped(op, 0, 100, d.SustainLevel * 100) / 100;
                break;
            case "ampeg_release" or "amp_release":
                d.ReleaseSeconds = Clamped(op, 0, 100, d.ReleaseSeconds);
                break;
            case "trigger":
                ApplyTrigger(d, op);
                break;
            case "seq_length":
                if (TryInt(op, 1, 100, out int seqLength))
                    d.SeqLength = seqLength;
                break;
            case "seq_position":
                if (TryInt(op, 1, 100, out int seqPosition))
                    d.SeqPosition = seqPosition;
                break;
            case "group" or "polyphony_group":
                if (TryLong(op, int.MinValue, int.MaxValue, out long group))
                    d.Group = group;
                break;
            case "off_by" or "offby":
                if (TryLong(op, int.MinValue, int.MaxValue, out long offBy))
                    d.OffBy = offBy;
                break;
            case "default_path" or "note_offset" or "octave_offset":
                ReportOnce(op, $"'{op.Name}' belongs under <control>; ignored here");
                break;
            default:
                if (ApplyExtended(d, op) || ApplyLevelGain(d, op))
                    break;
                if (Array.IndexOf(ParsedButIgnored, op.Name) >= 0)
                {
                    if (!IsLabel(op.Name))
                        ReportOnce(op, $"opcode '{op.Name}' is read but has no effect in this engine");
                    break;
                }

                ReportUnhandled(op, "a region");
                break;
        }
    }

    private void ApplyLoopMode(SfzRegionDraft d, SfzOpcode op)
    {
        LoopMode? mode = op.Value switch
        {
            "no_loop" => LoopMode.NoLoop,
            "one_shot" => LoopMode.OneShot,
            "loop_continuous" => LoopMode.LoopContinuous,
            "loop_sustain" => LoopMode.LoopSustain,
            _ => null,
        };
        if (mode is null)
            WarnValue(op, "is not one of no_loop, one_shot, loop_continuous, loop_sustain");
        else
            d.LoopMode = mode;
    }

    private void ApplyTrigger(SfzRegionDraft d, SfzOpcode op)
    {
        switch (op.Value)
        {
            case "attack":
                d.Trigger = TriggerMode.Attack;
                break;
            case "release":
                d.Trigger = TriggerMode.Release;
                break;
            case "first":
                d.Trigger = TriggerMode.First;
                break;
            case "legato":
                d.Trigger = TriggerMode.Legato;
                break;
            case "release_key":
                d.Trigger = TriggerMode.ReleaseKey;
                break;
            default:
                WarnValue(op, "is not one of attack, release, first, legato");
                break;
        }
    }

    /// <summary>Reports an opcode the mapping does not handle, once per opcode name (numbers generalised).</summary>
    private void ReportUnhandled(SfzOpcode op, string where)
    {
        string key = SfzOpcodeCatalog.Shape(op.Name, placeholders: false);
        if (IsLabel(op.Name) || !_reportedOpcodes.Add(key))
            return;
        string? version = SfzOpcodeCatalog.SpecVersion(op.Name);
        Warn(op.Location, version is null
            ? $"unknown opcode '{SfzParser.Excerpt(op.Name)}' in {where} ignored"
            : $"opcode '{SfzParser.Excerpt(op.Name)}' ({version}) is not supported yet; ignored");
    }

    private void ReportOnce(SfzOpcode op, string message)
    {
        if (_reportedOpcodes.Add(op.Name + "\n" + message))
            Warn(op.Location, message);
    }

    private bool TryKey(SfzOpcode op, out int key, out bool none)
    {
        none = false;
        if (!SfzKey.TryParse(op.Value, out key))
        {
            WarnValue(op, "is neither a key number nor a note name such as c4 or f#3");
            return false;
        }

        if (SfzNumber.TryReadLeadingInteger(op.Value, out _, out int length) && !SfzNumber.IsZeroFraction(op.Value.AsSpan(length)))
            WarnTrailing(op, key.ToString(CultureInfo.InvariantCulture), length);

        if (key == -1)
        {
            // lokey/hikey=-1: the region is not played by keys (SFZ v2, used with on_locc/on_hicc triggers).
            none = true;
            return true;
        }

        key += _noteOffset + (12 * _octaveOffset);
        if (key is < 0 or > 127)
        {
            WarnValue(op, $"is key {key}, outside 0..127");
            return false;
        }

        return true;
    }

    private bool TryInt(SfzOpcode op, int min, int max, out int value)
    {
        bool ok = TryLong(op, min, max, out long wide);
        value = (int)wide;
        return ok;
    }

    private bool TryLong(SfzOpcode op, long min, long max, out long value)
    {
        // sfizz reads whole-number opcodes with readLeadingInt: "lokey=10.5" is 10, "lovel=10garbage" is 10.
        if (!SfzNumber.TryReadLeadingInteger(op.Value, out value, out int length))
        {
            WarnValue(op, "is not a number");
            value = 0;
            return false;
        }

        if (!SfzNumber.IsZeroFraction(op.Value.AsSpan(length)))
            WarnTrailing(op, value.ToString(CultureInfo.InvariantCulture), length);

        if (value < min || value > max)
        {
            WarnValue(op, $"is outside {min}..{max}");
            value = 0;
            return false;
        }

        return true;
    }

    /// <summary>Frame positions: whole numbers 0..2^32 (the spec's range for offset, end and loop points).</summary>
    private bool TryFrames(SfzOpcode op, out long frames) => TryLong(op, 0, 4_294_967_296, out frames);

    /// <summary>Reads a real number and clamps it to the spec's range (with a warning); non-numbers keep <paramref name="current"/>.</summary>
    private double Clamped(SfzOpcode op, double min, double max, double current)
    {
        if (!TryNumber(op, out double number))
            return current;
        if (number < min || number > max)
        {
            double clamped = Math.Clamp(number, min, max);
            WarnValue(op, $"is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}; clamped to {clamped.ToString(CultureInfo.InvariantCulture)}", keptDefault: false);
            return clamped;
        }

        return number;
    }

    private bool TryNumber(SfzOpcode op, out double number)
    {
        // Invariant culture, no thousands separators; "NaN" and "Infinity" are not SFZ numbers. Like sfizz
        // (readLeadingFloat) and Sforzando, the number at the start of the value counts: "volume=-6dB" is -6.
        if (SfzNumber.TryReadLeadingReal(op.Value, out number, out int length))
        {
            if (length < op.Value.Length)
                WarnTrailing(op, number.ToString(CultureInfo.InvariantCulture), length);
            return true;
        }

        WarnValue(op, "is not a number");
        number = 0;
        return false;
    }

    /// <summary>A value with text after its number: read as the number, as sfizz and Sforzando do, and reported.</summary>
    private void WarnTrailing(SfzOpcode op, string read, int length) =>
        Warn(op.Location, $"{SfzParser.Excerpt(op.Name)}={SfzParser.Excerpt(op.Value)} read as {read}: the text after the number ('{SfzParser.Excerpt(op.Value[length..])}') is ignored");

    private void WarnValue(SfzOpcode op, string problem, bool keptDefault = true) =>
        Warn(op.Location, $"{SfzParser.Excerpt(op.Name)}={SfzParser.Excerpt(op.Value)} {problem}{(keptDefault ? "; ignored" : "")}");

    private void Warn(SfzLocation location, string message)
    {
        if (_warnings.Count >= MaxWarnings)
        {
            _droppedWarnings++; // bounded memory whatever the input: no more strings kept
            return;
        }

        string text = $"{location}: {message}";
        if (_warningSet.Add(text))
            _warnings.Add(text);
    }
}

using MidiSampler.Dsp;
using MidiSampler.Model;
using G = MidiSampler.Formats.Sf2.SoundFontGeneratorType;

namespace MidiSampler.Formats.Sf2;

/// <summary>
/// Turns presets of a parsed bank into <see cref="Region"/>s in plain units (the engine's model as it is today).
/// Control or loader thread.
/// </summary>
/// <remarks>
/// Design: per preset zone × instrument zone (spec section 9.4): instrument generators start from the defaults of
/// section 8.1.3, the instrument's global zone replaces them, the zone's own replace those; the preset's generators
/// (global, then local, same rule) are then added, except ranges, which intersect. Sums are clamped to the ranges of
/// section 8.1.3. A first pass names the samples the presets play (<see cref="PlayedSamples"/>); they are decoded in one
/// forward pass, then the regions are built on them, so a preset only costs the samples it plays and no region is copied. What the model cannot express yet (filter,
/// LFOs, modulation envelope, modulators) is listed in one warning per preset.
/// Conversions: timecents → seconds 2^(tc/1200); sustain centibels → 10^(-cB/200), silence from 1000 cB (100 dB, as
/// FluidSynth clips); initialAttenuation → -cB × factor / 10 dB (factor 0.4 by default, FluidSynth's EMU correction);
/// pan ±500 → ±100; coarse × 100 + fine + the header's pitchCorrection → TuneCents; scaleTuning → PitchKeytrackCents.
/// SF2 decay and release fall linearly in dB (100 dB per the generator's time); the engine decays the distance to
/// sustain by 60 dB in DecaySeconds and releases by 90 dB in ReleaseSeconds, so decay maps to the time the SF2 curve
/// takes to reach the sustain level or fall 60 dB (whichever is first) and release to 0.9 × the SF2 time.
/// Velocity: SF2's default velocity modulator (section 8.4.1: 960 cB, concave, negative) gives
/// attenuation = -400·log10(v/127) cB, that is gain (v/127)², exactly SFZ's amp_veltrack 100, so AmpVeltrackPercent
/// stays 100.
/// </remarks>
internal sealed class SoundFontMapper
{
    private const int GeneratorCount = 61;
    private const int MaxWarnings = 500;

    /// <summary>FluidSynth's Q offset: initialFilterQ 0 is a Butterworth lowpass (Q 0.707, -3.01 dB at the cutoff).</summary>
    private const double ButterworthQDb = 3.0103;

    /// <summary>The engine's largest resonance for an SF2 region: FluidSynth's 96 dB of Q (fluid_iir_filter), less a Butterworth's 3.01 dB.</summary>
    private const double MaxResonanceDb = 96 - ButterworthQDb;

    /// <summary>Generators the engine does not render; named in one warning per preset when they differ from the default.</summary>
    private static readonly G[] Unrendered = [G.Keynum, G.Velocity];

    private readonly SoundFontFile _file;
    private readonly SoundFontLoadOptions _options;
    private readonly List<string> _warnings = [];
    private readonly HashSet<string> _warningSet = new(StringComparer.Ordinal);
    private readonly Dictionary<int, bool> _usable = [];
    private readonly Dictionary<SoundFontPreset, (int Reverb, int Chorus)> _sendAmounts = new(ReferenceEqualityComparer.Instance);
    private readonly SoundFontInterner _interner = new();
    private readonly int[] _gens = new int[GeneratorCount];
    private readonly int[] _presetGens = new int[GeneratorCount];
    private int _droppedWarnings;

    private readonly SoundFontVorbisDecoder? _vorbis;
    private IReadOnlyDictionary<int, Sample>? _samples;

    /// <param name="file">The parsed bank.</param>
    /// <param name="options">Mapping options.</param>
    /// <param name="vorbis">Decodes SF3 Ogg Vorbis samples (needed when the bank has any; their length is only known once decoded).</param>
    public SoundFontMapper(SoundFontFile file, SoundFontLoadOptions options, SoundFontVorbisDecoder? vorbis = null)
    {
        _file = file;
        _options = options;
        _vorbis = vorbis;
    }

    public IReadOnlyList<string> Warnings => _droppedWarnings == 0 ? _warnings : [.. _warnings, $"... and {_droppedWarnings} more warnings"];

    /// <summary>
    /// The sample headers the presets' regions play, each once, in the order <see cref="PlanPreset"/> meets them (the same
    /// zone pairs: a usable sample, overlapping key and velocity ranges). Decodes SF3 samples as it goes.
    /// </summary>
    public List<int> PlayedSamples(IEnumerable<SoundFontPreset> presets)
    {
        var seen = new HashSet<int>();
        var order = new List<int>();
        foreach (var preset in presets)
        {
            foreach (var pz in preset.Zones)
            {
                var instrument = _file.Instruments[pz.Link!.Value];
                var presetKeys = pz.KeyRange ?? preset.GlobalZone?.KeyRange;
                var presetVels = pz.VelocityRange ?? preset.GlobalZone?.VelocityRange;
                foreach (var iz in instrument.Zones)
                {
                    int sampleIndex = iz.Link!.Value;
                    if (IsUsable(sampleIndex) && Intersect(iz.KeyRange ?? instrument.GlobalZone?.KeyRange, presetKeys) is not null
                        && Intersect(iz.VelocityRange ?? instrument.GlobalZone?.VelocityRange, presetVels) is not null && seen.Add(sampleIndex))
                        order.Add(sampleIndex);
                }
            }
        }

        return order;
    }

    /// <summary>
    /// The preset's share of the channel's reverb and chorus sends at full CC91/CC93 (<see cref="Instrument.ChannelSendScale"/>):
    /// its CC91/CC93 default modulators' amounts in 0.1 % (200: 20 %, SF2.04 8.4.8-8.4.9), as its first zone has them
    /// (a bank replaces or removes them per zone; FluidSynth applies each zone's own, the engine's send is the channel's).
    /// Known once <see cref="PlanPreset"/> ran.
    /// </summary>
    public (double Reverb, double Chorus) SendScales(SoundFontPreset preset) =>
        _sendAmounts.TryGetValue(preset, out var a) ? (Math.Clamp(a.Reverb, 0, 1000) / 1000.0, Math.Clamp(a.Chorus, 0, 1000) / 1000.0) : (0.2, 0.2);

    /// <summary>The loaded samples by header index (every one <see cref="PlayedSamples"/> named), which <see cref="PlanPreset"/>'s regions play.</summary>
    public void UseSamples(IReadOnlyDictionary<int, Sample> samples) => _samples = samples;

    /// <summary>
    /// The regions of one preset, each with the index of the sample header it plays, built on the samples given to
    /// <see cref="UseSamples"/> (so that no region is built twice: FluidR3_GM has 17,030 of about 1.1 KB each).
    /// </summary>
    public List<(Region Region, int SampleIndex)> PlanPreset(SoundFontPreset preset)
    {
        var plans = new List<(Region, int)>();
        var unrendered = new SortedSet<string>(StringComparer.Ordinal);
        string who = $"preset '{preset.Name}' (bank {preset.Bank}, program {preset.Program})";
        foreach (var pz in preset.Zones)
        {
            var instrument = _file.Instruments[pz.Link!.Value];
            var presetGens = _presetGens; // reused: a load visits hundreds of thousands of zone pairs
            Array.Clear(presetGens);
            Apply(presetGens, preset.GlobalZone);
            Apply(presetGens, pz);
            var presetKeys = pz.KeyRange ?? preset.GlobalZone?.KeyRange;
            var presetVels = pz.VelocityRange ?? preset.GlobalZone?.VelocityRange;
            foreach (var iz in instrument.Zones)
            {
                int sampleIndex = iz.Link!.Value;
                if (!IsUsable(sampleIndex))
                    continue;
                var gens = _gens;
                SetDefaults(gens);
                Apply(gens, instrument.GlobalZone);
                Apply(gens, iz);
                for (int g = 0; g < GeneratorCount; g++)
                {
                    if (SoundFontParser.IsValidAtPresetLevel((G)g))
                        gens[g] += presetGens[g];
                }

                Clamp(gens);
                var keys = Intersect(iz.KeyRange ?? instrument.GlobalZone?.KeyRange, presetKeys);
                var vels = Intersect(iz.VelocityRange ?? instrument.GlobalZone?.VelocityRange, presetVels);
                if (keys is null || vels is null)
                    continue; // the preset and instrument ranges do not overlap: this pair never sounds
                foreach (var g in Unrendered)
                {
                    if (gens[(int)g] != Default(g))
                        unrendered.Add(g.ToString());
                }

                var place = (who, instrument.Name, iz.BagIndex); // formatted only for a warning
                var modulators = SoundFontModulators.ForZone(preset.GlobalZone, pz, instrument.GlobalZone, iz);
                var sends = SoundFontModulators.SendAmounts(modulators);
                if (!_sendAmounts.TryAdd(preset, sends) && _sendAmounts[preset] != sends)
                    unrendered.Add($"zones with different CC91/CC93 send modulator amounts ({_sendAmounts[preset].Reverb}/{_sendAmounts[preset].Chorus} and {sends.Reverb}/{sends.Chorus}: the first is the preset's)");
                // Built once, routes, LFOs and envelopes included (each 'with' copied the 1.1 KB record: 5 per region before).
                var region = MapRegion(gens, sampleIndex, keys.Value, vels.Value, place, modulators, unrendered);
                bool keyTracked = gens[(int)G.KeynumToVolEnvHold] != 0 || gens[(int)G.KeynumToVolEnvDecay] != 0
                    || gens[(int)G.KeynumToModEnvHold] != 0 || gens[(int)G.KeynumToModEnvDecay] != 0;
                bool split = _options.SplitKeyTrackedEnvelopes && keyTracked && keys.Value.Low < keys.Value.High;
                if (!split)
                {
                    plans.Add((_interner.Region(region), sampleIndex)); // its envelopes are the zone's middle key's
                    if (keyTracked)
                        unrendered.Add("keynumToVolEnv/ModEnv Hold/Decay (computed at the zone's middle key)");
                    continue;
                }

                for (int key = keys.Value.Low; key <= keys.Value.High; key++)
                    plans.Add((_interner.Region(WithEnvelopes(region with { LoKey = key, HiKey = key }, gens, key)), sampleIndex));
            }
        }

        if (unrendered.Count > 0)
            Warn($"{who}: not rendered (the engine lacks them): {string.Join(", ", unrendered)}");
        return plans;
    }

    private Region MapRegion(int[] g, int sampleIndex, (int Low, int High) keys, (int Low, int High) vels, (string Who, string Instrument, int Zone) zone,
        List<SoundFontModulator> modulators, ISet<string> unrendered)
    {
        string Place() => $"{zone.Who}, instrument '{zone.Instrument}' zone {zone.Zone}";
        var h = _file.SampleHeaders[sampleIndex];
        // SF3 compressed samples: the length is the decoded stream's, and the loop points are already relative to the
        // sample's first frame (see SoundFontVorbisDecoder); SF2 loop points count from the start of smpl.
        bool compressed = h.IsCompressed && _vorbis is not null;
        long frames = compressed ? _vorbis!.Decode(sampleIndex).FrameCount : h.End - h.Start;
        long loopBase = compressed ? 0 : h.Start;
        long startOffset = g[(int)G.StartAddrsOffset] + (32768L * g[(int)G.StartAddrsCoarseOffset]);
        long endOffset = g[(int)G.EndAddrsOffset] + (32768L * g[(int)G.EndAddrsCoarseOffset]);
        long first = startOffset, last = frames - 1 + endOffset;
        if (first < 0 || last > frames - 1 || first > last)
        {
            Warn($"{Place()}: sample offsets {startOffset}/{endOffset} reach outside sample '{h.Name}' ({frames} frames): clamped to it");
            first = Math.Clamp(first, 0, frames - 1);
            last = Math.Clamp(last, first, frames - 1);
        }

        var mode = (g[(int)G.SampleModes] & 3) switch
        {
            1 => LoopMode.LoopContinuous,
            3 => LoopMode.LoopSustain,
            _ => LoopMode.NoLoop, // 0 no loop; 2 is unused and means no loop (section 8.1.2, generator 54)
        };
        long loopStart = (long)h.StartLoop - loopBase + g[(int)G.StartloopAddrsOffset] + (32768L * g[(int)G.StartloopAddrsCoarseOffset]);
        long loopEnd = (long)h.EndLoop - loopBase + g[(int)G.EndloopAddrsOffset] + (32768L * g[(int)G.EndloopAddrsCoarseOffset]); // exclusive
        if (mode != LoopMode.NoLoop && (loopStart < 0 || loopEnd > frames || loopEnd - loopStart < 2))
        {
            Warn($"{Place()}: loop {loopStart}..{loopEnd} of sample '{h.Name}' ({frames} frames) is empty, inverted or outside the sample: played without a loop");
            mode = LoopMode.NoLoop;
        }

        int overridingRoot = g[(int)G.OverridingRootKey];
        int root = overridingRoot is >= 0 and <= 127 ? overridingRoot : h.OriginalPitch <= 127 ? h.OriginalPitch : 60;
        int exclusiveClass = g[(int)G.ExclusiveClass];
        // Below 0 too (a preset's negative offset: OPL-3's drum kit, -60 cB): FluidSynth sums the generators unclamped and
        // clamps the total attenuation, modulators included, at 0 (fluid_voice.c), as the voice does with this route's sum.
        double attenuationCb = Math.Clamp(g[(int)G.InitialAttenuation] * _options.AttenuationFactor, -1440, 1440);
        // The lowpass (section 8.1.2, generators 8-11), as FluidSynth's fluid_iir_filter renders it: 2 poles; its Q is
        // initialFilterQ dB less 3.01 (fluid_iir_filter_q_from_dB: 0 cB is a Butterworth, no hump, and Q dB is the peak
        // above that flat response), which is the engine's resonance (the gain at the cutoff, Q = 10^(dB/20)); and the
        // whole voice is scaled by 1/sqrt(Q), the spec's "gain reduced by half the resonance peak" (SF2.01 page 59).
        // FluidSynth filters every voice, so that gain applies even where the filter itself is left out here; relative to
        // a voice at Q 0 (1/sqrt(0.707), +1.5 dB, the same for all) it is -Q/2 dB. Left out: the default cutoff (13.5k
        // cents, 19.9 kHz) without resonance and unmodulated (inaudible, and a voice without a filter is cheaper), also when
        // only a positive modulation envelope moves it: the envelope (0..1) can only raise the cutoff, and FluidSynth
        // clamps the cutoff at 13.5k cents (fluid_conv.c, fluid_ct2hz), so such a filter never moves below 19.9 kHz. A
        // bipolar LFO or a negative envelope can lower it; a resonance peaks near 20 kHz (FluidR3's hi-hats: 10 dB).
        int fc = g[(int)G.InitialFilterFc];
        int q = Math.Clamp(g[(int)G.InitialFilterQ], 0, 960);
        // Q up to FluidSynth's 96 dB (CompiledRegion lets an SF2 region's resonance reach it), the voice lowered by half of it.
        double qDb = Math.Min(q / 10.0, MaxResonanceDb + ButterworthQDb);
        // A modulator that can move the cutoff (other than the default velocity one, rendered as 0) needs the filter too.
        bool filtered = fc < 13500 || q > 0 || g[(int)G.ModEnvToFilterFc] < 0 || g[(int)G.ModLfoToFilterFc] != 0
            || SoundFontModulators.MovesCutoff(modulators);
        double lfoDelay = DelaySeconds(g[(int)G.DelayModLfo]), lfoHz = AbsoluteCentsToHz(g[(int)G.FreqModLfo]);
        double vibDelay = DelaySeconds(g[(int)G.DelayVibLfo]), vibHz = AbsoluteCentsToHz(g[(int)G.FreqVibLfo]);
        var lfos = _interner.Lfos(Lfos(g, filtered, lfoDelay, lfoHz, vibDelay, vibHz, modulators, out int modLfo, out int vibLfo));
        // The generator's attenuation as a constant route, summed with the modulators' and clamped with them (Voice.Modulators.cs).
        var (routeList, velocityCurve, ownVolume, ownExpression) = SoundFontModulators.Routes(
            attenuationCb != 0 ? new ModulatorRoute(ModulatorDestination.VolumeDb, -attenuationCb / 10.0, ModulatorSource.None) : null,
            modulators, unrendered, modLfo, vibLfo);
        var routes = _interner.Routes(routeList);
        double pitchDepth = g[(int)G.ModEnvToPitch], filterDepth = filtered ? g[(int)G.ModEnvToFilterFc] : 0;
        int middleKey = (keys.Low + keys.High) / 2;
        var modulation = ModulationEnvelope(g, middleKey);
        return new Region
        {
            FilterType = filtered ? FilterType.Lowpass2Pole : FilterType.None,
            CutoffHz = filtered ? AbsoluteCentsToHz(Math.Clamp(fc, 1500, 13500)) : 0,
            ResonanceDb = filtered ? qDb - ButterworthQDb : 0,
            FilterEnvelopeDepthCents = filterDepth,
            PitchEnvelopeDepthCents = pitchDepth,
            FlexLfos = lfos,
            AmpEnvelope = VolumeEnvelope(g, middleKey),
            PitchEnvelope = pitchDepth != 0 || Routes(routes, ModulatorDestination.PitchEnvelopeCents) ? modulation : Envelope.ModulationDefault,
            FilterEnvelope = filterDepth != 0 || Routes(routes, ModulatorDestination.FilterEnvelopeCents) ? modulation : Envelope.ModulationDefault,
            AmpVelocityCurve = velocityCurve,
            Sample = _samples?.GetValueOrDefault(sampleIndex)
                ?? throw new InvalidOperationException($"sample header {sampleIndex} was not loaded (PlayedSamples and PlanPreset disagree)"),
            SamplePath = h.Name,
            LoKey = keys.Low,
            HiKey = keys.High,
            LoVelocity = vels.Low,
            HiVelocity = vels.High,
            PitchKeyCenter = root,
            PitchKeytrackCents = g[(int)G.ScaleTuning],
            TuneCents = (g[(int)G.CoarseTune] * 100.0) + g[(int)G.FineTune] + h.PitchCorrection,
            VolumeDb = -(qDb / 2),
            ModulatorRoutes = routes,
            Pan = g[(int)G.Pan] / 5.0,
            AmpVeltrackPercent = 100,
            SoundFontRules = true, // pitch wheel and CC10 as routes; Q up to 96 dB
            SoundFontOwnVolume = ownVolume,
            SoundFontOwnExpression = ownExpression,
            LoopMode = mode,
            LoopStart = mode == LoopMode.NoLoop ? 0 : loopStart,
            LoopEnd = mode == LoopMode.NoLoop ? 0 : loopEnd - 1, // the model's loop end is inclusive
            Offset = first,
            End = last,
            // Per-zone sends (generators 15, 16, in 0.1 %): added to the channel's CC91/CC93 sends, as FluidSynth sums the
            // generator and its default CC modulator (fluid_voice.c, GEN_REVERBSEND / GEN_CHORUSSEND).
            Effect1Percent = Math.Clamp(g[(int)G.ReverbEffectsSend], 0, 1000) / 10.0,
            Effect2Percent = Math.Clamp(g[(int)G.ChorusEffectsSend], 0, 1000) / 10.0,
            Group = exclusiveClass,
            OffBy = exclusiveClass != 0 ? exclusiveClass : null, // a class silences itself (section 8.1.2, generator 57)
        };
    }

    /// <summary>
    /// The two SF2 LFOs as the engine's triangle LFOs (section 8.1.2, generators 5, 6, 10, 13, 21-24; SF2 LFOs are
    /// triangles): each starts at 0 rising after its delay, as FluidSynth's fluid_lfo. The modulation LFO drives pitch,
    /// cutoff and volume at once (one phase), the vibrato LFO the pitch. A positive modLfoToVolume raises the volume on
    /// a positive excursion (fluid_rvoice.c: attenuation lfo × -modLfoToVolume). An LFO whose generators give it no depth
    /// still runs when a modulator routes to it (the default mod wheel and channel pressure vibrato, 8.4.4-8.4.5): the
    /// engine idles such a voice while the routes give it no depth. <paramref name="modLfo"/> and
    /// <paramref name="vibLfo"/> are their indexes (-1: absent).
    /// </summary>
    private static FlexLfo[] Lfos(int[] g, bool filtered, double lfoDelay, double lfoHz, double vibDelay, double vibHz,
        List<SoundFontModulator> modulators, out int modLfo, out int vibLfo)
    {
        int modPitch = g[(int)G.ModLfoToPitch], modCutoff = filtered ? g[(int)G.ModLfoToFilterFc] : 0, modVolume = g[(int)G.ModLfoToVolume];
        int vibPitch = g[(int)G.VibLfoToPitch];
        var lfos = new List<FlexLfo>(2);
        modLfo = vibLfo = -1;
        if (modPitch != 0 || modCutoff != 0 || modVolume != 0 || SoundFontModulators.NeedsLfo(modulators, G.ModLfoToPitch))
        {
            modLfo = lfos.Count;
            lfos.Add(new FlexLfo { Wave = 0, FrequencyHz = lfoHz, DelaySeconds = lfoDelay, PitchCents = modPitch, CutoffCents = modCutoff, VolumeDb = modVolume / 10.0 });
        }

        if (vibPitch != 0 || SoundFontModulators.NeedsLfo(modulators, G.VibLfoToPitch))
        {
            vibLfo = lfos.Count;
            lfos.Add(new FlexLfo { Wave = 0, FrequencyHz = vibHz, DelaySeconds = vibDelay, PitchCents = vibPitch });
        }

        return [.. lfos];
    }

    /// <summary>The region with the volume, modulation-to-pitch and modulation-to-filter envelopes of one key.</summary>
    private static Region WithEnvelopes(Region region, int[] g, int key)
    {
        var modulation = ModulationEnvelope(g, key);
        return region with
        {
            AmpEnvelope = VolumeEnvelope(g, key),
            PitchEnvelope = region.PitchEnvelopeDepthCents != 0 || Routes(region.ModulatorRoutes, ModulatorDestination.PitchEnvelopeCents) ? modulation : region.PitchEnvelope,
            FilterEnvelope = region.FilterEnvelopeDepthCents != 0 || Routes(region.ModulatorRoutes, ModulatorDestination.FilterEnvelopeCents) ? modulation : region.FilterEnvelope,
        };
    }

    private static bool Routes(IReadOnlyList<ModulatorRoute> routes, ModulatorDestination destination)
    {
        foreach (var r in routes)
        {
            if (r.Destination == destination)
                return true;
        }

        return false;
    }

    /// <summary>
    /// The shortest volume release, -7200 timecents (15.6 ms), where the spec allows -12000 (1 ms): FluidSynth clamps
    /// releaseVolEnv there "to stop clicks" (fluid_voice.c, FLUID_MIN_VOLENVRELEASE). A deliberate departure from the spec,
    /// shared with FluidSynth: a 1 ms release of a sustained tone clicks (OPL-3's strings, square lead and brass section
    /// keep the default -12000 and differed from FluidSynth by 13-22 dB in the note-off's 10 ms).
    /// </summary>
    internal const int MinVolumeReleaseTimecents = -7200;

    /// <summary>
    /// The volume envelope for one key (keynumTo* scale hold and decay around key 60, section 8.1.2, generators 39/40),
    /// shaped as FluidSynth renders it (fluid_voice.c, fluid_rvoice.c): after a linear attack the level moves linearly
    /// on a scale of 96 dB (FLUID_PEAK_ATTENUATION 960 cB), so the decay falls 96 dB per decay time and stops at the
    /// sustain level, which is 0.096 dB per centibel of sustainVolEnv (1000 cB and more: silence); the release falls
    /// 96 dB per release time. The engine's release falls 90 dB in ReleaseSeconds, hence the 90/96. The release lasts at
    /// least <see cref="MinVolumeReleaseTimecents"/>.
    /// </summary>
    internal static Envelope VolumeEnvelope(int[] g, int key)
    {
        double hold = Seconds(g[(int)G.HoldVolEnv] + (g[(int)G.KeynumToVolEnvHold] * (60 - key)), 5000);
        double decay = Seconds(g[(int)G.DecayVolEnv] + (g[(int)G.KeynumToVolEnvDecay] * (60 - key)), 8000);
        int sustainCb = Math.Clamp(g[(int)G.SustainVolEnv], 0, 1440);
        bool silent = sustainCb >= 1000;
        double sustainLevel = silent ? 0 : Math.Pow(10, -0.096 * sustainCb / 20);
        // To silence the decay is linear in dB down to the engine's -100 dB floor: 100/96 of the SF2 time keeps the slope.
        double decayToSustain = silent ? decay * 100 / 96 : decay * sustainCb / 1000.0;
        return new Envelope(
            DelaySeconds(g[(int)G.DelayVolEnv]),
            Seconds(g[(int)G.AttackVolEnv], 8000),
            hold,
            decayToSustain,
            sustainLevel,
            Seconds(Math.Max(g[(int)G.ReleaseVolEnv], MinVolumeReleaseTimecents), 8000) * 90 / 96)
        { DecayLinearInDb = true };
    }

    /// <summary>
    /// The modulation envelope for one key (generators 25-32), in its SF2 shape (<see cref="EnvelopeShape.SoundFontModulation"/>):
    /// a convex attack, then a decay to the sustain level 1 - sustainModEnv/1000 and a release linear in the envelope's
    /// value, so in cents of pitch or cutoff, their times being those of a 100 % change (section 8.1.3, generators 28, 30).
    /// </summary>
    internal static Envelope ModulationEnvelope(int[] g, int key)
    {
        double hold = Seconds(g[(int)G.HoldModEnv] + (g[(int)G.KeynumToModEnvHold] * (60 - key)), 5000);
        double decay = Seconds(g[(int)G.DecayModEnv] + (g[(int)G.KeynumToModEnvDecay] * (60 - key)), 8000);
        double sustain = 1 - (Math.Clamp(g[(int)G.SustainModEnv], 0, 1000) / 1000.0);
        return new Envelope(
            DelaySeconds(g[(int)G.DelayModEnv]),
            Seconds(g[(int)G.AttackModEnv], 8000),
            hold,
            decay,
            sustain,
            Seconds(g[(int)G.ReleaseModEnv], 8000))
        { Shape = EnvelopeShape.SoundFontModulation };
    }

    /// <summary>Absolute cents to Hz: 8.176 Hz × 2^(cents/1200) (section 8.1.3, e.g. initialFilterFc, freqModLfo).</summary>
    internal static double AbsoluteCentsToHz(double cents) => 8.176 * Math.Pow(2, cents / 1200);

    /// <summary>
    /// An envelope or LFO delay in seconds. The spec's shortest, -12000 timecents (1 ms), is none: FluidSynth counts
    /// envelope delays in whole 64-frame blocks rounded down (fluid_voice.c, NUM_BUFFERS_DELAY), so 1 ms is no delay at
    /// any rate up to 65 kHz (its LFO delays are frames checked once per block: one block at most); longer delays are
    /// kept to the frame.
    /// </summary>
    internal static double DelaySeconds(int timecents) => timecents <= -12000 ? 0 : Seconds(timecents, 5000);

    /// <summary>Timecents to seconds, 2^(tc/1200), with the spec's range -12000 .. <paramref name="maxTimecents"/>.</summary>
    internal static double Seconds(int timecents, int maxTimecents) => Math.Pow(2, Math.Clamp(timecents, -12000, maxTimecents) / 1200.0);

    private bool IsUsable(int index)
    {
        if (_usable.TryGetValue(index, out bool ok))
            return ok;
        var h = _file.SampleHeaders[index];
        string place = $"sample '{h.Name}' (chunk 'shdr', record {index})";
        // SF3: compressed samples are located in bytes of smpl, any others in 16-bit points of it.
        long smplBytes = SoundFontVorbisDecoder.SmplBytes(_file);
        long limit = h.IsCompressed ? smplBytes : _file.Info.VersionMajor == 3 ? smplBytes / 2 : _file.SampleDataPoints;
        string unit = h.IsCompressed ? "bytes" : "points";
        string? problem =
            h.IsRom ? "its data is in a sound card's ROM, not in the file"
            : _file.SampleDataOffset < 0 ? "the bank has no sample data"
            : h.End <= h.Start ? $"it is empty or inverted (start {h.Start}, end {h.End})"
            : h.End > limit ? $"it ends at {unit[..^1]} {h.End}, past the {limit} {unit} of 'smpl'"
            : h.SampleRate is 0 or > 1_536_000 ? $"its sample rate {h.SampleRate} Hz is out of range"
            : h.IsCompressed && _vorbis is null ? "it is Ogg Vorbis compressed and no decoder was given"
            : null;
        // Decoding errors (a corrupt stream, a missing libsndfile) fail the load, as in FluidSynth: they are not
        // structural slips a zone can be skipped for.
        if (problem is null && h.IsCompressed)
            _vorbis!.Decode(index);
        if (problem is not null)
            Warn($"{place}: {problem}: zones that play it are skipped");
        _usable[index] = problem is null;
        return problem is null;
    }

    private static (int Low, int High)? Intersect((byte Low, byte High)? a, (byte Low, byte High)? b)
    {
        int lo = Math.Max(a is { } x ? x.Low : 0, b is { } y ? y.Low : 0);
        int hi = Math.Min(a is { } p ? p.High : 127, b is { } q ? q.High : 127);
        hi = Math.Min(hi, 127);
        return lo <= hi ? (lo, hi) : null;
    }

    private static void Apply(int[] gens, SoundFontZone? zone)
    {
        if (zone is null)
            return;
        foreach (var g in zone.Generators)
            gens[(int)g.Type] = g.Value;
    }

    private static void SetDefaults(int[] g)
    {
        for (int n = 0; n < GeneratorCount; n++)
            g[n] = Default((G)n);
    }

    /// <summary>Section 8.1.3 defaults (everything not listed is 0).</summary>
    private static int Default(G g) => g switch
    {
        G.InitialFilterFc => 13500,
        G.DelayModLfo or G.DelayVibLfo or G.DelayModEnv or G.AttackModEnv or G.HoldModEnv or G.DecayModEnv or G.ReleaseModEnv
            or G.DelayVolEnv or G.AttackVolEnv or G.HoldVolEnv or G.DecayVolEnv or G.ReleaseVolEnv => -12000,
        G.Keynum or G.Velocity or G.OverridingRootKey => -1,
        G.ScaleTuning => 100,
        _ => 0,
    };

    /// <summary>Clamps summed values to the ranges of section 8.1.3 for the generators this mapper uses.</summary>
    private static void Clamp(int[] g)
    {
        g[(int)G.Pan] = Math.Clamp(g[(int)G.Pan], -500, 500);
        foreach (var pitchOrCutoff in (ReadOnlySpan<G>)[G.ModLfoToPitch, G.VibLfoToPitch, G.ModEnvToPitch, G.ModLfoToFilterFc, G.ModEnvToFilterFc])
            g[(int)pitchOrCutoff] = Math.Clamp(g[(int)pitchOrCutoff], -12000, 12000);
        g[(int)G.InitialFilterFc] = Math.Clamp(g[(int)G.InitialFilterFc], 1500, 13500);
        g[(int)G.InitialFilterQ] = Math.Clamp(g[(int)G.InitialFilterQ], 0, 960);
        g[(int)G.ModLfoToVolume] = Math.Clamp(g[(int)G.ModLfoToVolume], -960, 960);
        g[(int)G.FreqModLfo] = Math.Clamp(g[(int)G.FreqModLfo], -16000, 4500);
        g[(int)G.FreqVibLfo] = Math.Clamp(g[(int)G.FreqVibLfo], -16000, 4500);
        g[(int)G.SustainModEnv] = Math.Clamp(g[(int)G.SustainModEnv], 0, 1000);
        g[(int)G.KeynumToModEnvHold] = Math.Clamp(g[(int)G.KeynumToModEnvHold], -1200, 1200);
        g[(int)G.KeynumToModEnvDecay] = Math.Clamp(g[(int)G.KeynumToModEnvDecay], -1200, 1200);
        g[(int)G.InitialAttenuation] = Math.Clamp(g[(int)G.InitialAttenuation], -1440, 1440); // the total is clamped at 0 with the modulators
        g[(int)G.CoarseTune] = Math.Clamp(g[(int)G.CoarseTune], -120, 120);
        g[(int)G.FineTune] = Math.Clamp(g[(int)G.FineTune], -99, 99);
        // Not at the spec's 0: a preset's negative offset may make the sum negative (FluidR3_GS's wind chimes: 20 - 75 cents
        // per key), and FluidSynth plays that unclamped (fluid_voice_calculate_pitch reads the summed generator), higher
        // keys sounding lower; the bank is voiced for it.
        g[(int)G.ScaleTuning] = Math.Clamp(g[(int)G.ScaleTuning], -1200, 1200);
        g[(int)G.SustainVolEnv] = Math.Clamp(g[(int)G.SustainVolEnv], 0, 1440);
        g[(int)G.KeynumToVolEnvHold] = Math.Clamp(g[(int)G.KeynumToVolEnvHold], -1200, 1200);
        g[(int)G.KeynumToVolEnvDecay] = Math.Clamp(g[(int)G.KeynumToVolEnvDecay], -1200, 1200);
        g[(int)G.ExclusiveClass] = Math.Clamp(g[(int)G.ExclusiveClass], 0, 127);
    }

    private void Warn(string message)
    {
        string full = $"{_file.SourcePath}: {message}";
        if (!_warningSet.Add(full))
            return;
        if (_warnings.Count >= MaxWarnings)
            _droppedWarnings++;
        else
            _warnings.Add(full);
    }
}

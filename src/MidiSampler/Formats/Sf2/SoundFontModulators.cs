using MidiSampler.Dsp;
using MidiSampler.Model;
using G = MidiSampler.Formats.Sf2.SoundFontGeneratorType;

namespace MidiSampler.Formats.Sf2;

/// <summary>
/// The modulators of one preset zone × instrument zone (spec section 9.5), and how they become region parameters.
/// Control or loader thread.
/// </summary>
/// <remarks>
/// Design: the list starts with the default modulators of section 8.4; the instrument's global zone, then its local
/// zone, replace identical ones (same source, destination, amount source and transform) and add the rest; the
/// preset's modulators (global, then local replacing) are then added, amounts summing for identical ones. Each valid
/// modulator then becomes an engine <see cref="ModulatorRoute"/> (its sources with direction, polarity and curve, its
/// amount source and transform, the amount in the destination's unit), except: velocity alone to attenuation, an exact
/// 128-point velocity curve (the default one as FluidSynth 2.3.1 reads it, shared by every region); the default velocity to
/// cutoff, rendered as 0 as FluidSynth does; the defaults on CC7, CC11, CC91 and CC93, which are the channel's own
/// volume and sends in the engine (a bank's other CC7 or CC11 amount, or its removal, takes that controller off the
/// channel's gain for the region and becomes a route; the sends' are named, not rendered). The pitch wheel (8.4.10) and CC10 (8.4.7) defaults are routes like any other, so a
/// bank's modulator of amount 0 removes them (section 9.5) and another amount inverts or rescales them; the regions say
/// <see cref="Region.SoundFontRules"/>, so the channel's bend and balance stay off them. Invalid modulators (section 8.2.1) are ignored as FluidSynth ignores them;
/// anything the engine has no destination for is named in the preset's warning.
/// </remarks>
internal static class SoundFontModulators
{
    private const ushort Velocity = 2;

    /// <summary>Section 8.4.1-8.4.10 (with FluidSynth's positive switch for velocity to cutoff, fluid_synth.c).</summary>
    private static readonly SoundFontModulator[] Defaults =
    [
        new(0x0502, (ushort)G.InitialAttenuation, 960, 0, 0), // velocity, concave, negative → attenuation
        new(0x0102, (ushort)G.InitialFilterFc, -2400, 0x0C02, 0), // velocity, linear, negative → cutoff, × velocity ≥ 64
        new(0x000D, (ushort)G.VibLfoToPitch, 50, 0, 0), // channel pressure → vibrato depth
        new(0x0081, (ushort)G.VibLfoToPitch, 50, 0, 0), // CC1 → vibrato depth
        new(0x0587, (ushort)G.InitialAttenuation, 960, 0, 0), // CC7, concave, negative → attenuation
        new(0x028A, (ushort)G.Pan, 500, 0, 0), // CC10, linear, bipolar → pan: 500 as FluidSynth (the spec's table says 1000; ±500 is already hard left/right)
        new(0x058B, (ushort)G.InitialAttenuation, 960, 0, 0), // CC11 → attenuation
        new(0x00DB, (ushort)G.ReverbEffectsSend, 200, 0, 0), // CC91 → reverb send
        new(0x00DD, (ushort)G.ChorusEffectsSend, 200, 0, 0), // CC93 → chorus send
        new(0x020E, (ushort)G.FineTune, 12700, 0x0010, 0), // pitch wheel × bend range → pitch
    ];

    /// <summary>The zone pair's modulator list (section 9.5.1).</summary>
    public static List<SoundFontModulator> ForZone(SoundFontZone? presetGlobal, SoundFontZone presetZone, SoundFontZone? instrumentGlobal, SoundFontZone instrumentZone)
    {
        var list = new List<SoundFontModulator>(Defaults);
        var instrument = Merge(instrumentGlobal, instrumentZone);
        foreach (var m in instrument)
            Replace(list, m);
        foreach (var m in Merge(presetGlobal, presetZone))
        {
            int i = list.FindIndex(x => Identical(x, m));
            if (i >= 0)
                list[i] = list[i] with { Amount = (short)Math.Clamp(list[i].Amount + m.Amount, short.MinValue, short.MaxValue) };
            else
                list.Add(m);
        }

        return list;
    }

    /// <summary>
    /// Maps the list onto a region's routes (after <paramref name="first"/>, the generators' attenuation, when not null),
    /// velocity curve, and whether the bank took CC7 or CC11 off the channel's gain (<see cref="Region.SoundFontOwnVolume"/>,
    /// <see cref="Region.SoundFontOwnExpression"/>); what cannot be expressed is added to <paramref name="unrendered"/>.
    /// <paramref name="modLfo"/> and <paramref name="vibLfo"/> are the indexes of the SF2 LFOs in the region's FlexLfos
    /// (-1: absent; <see cref="NeedsLfo"/> says when the mapper must create one for the routes).
    /// </summary>
    public static (List<ModulatorRoute> Routes, VelocityPoint[] VelocityCurve, bool OwnVolume, bool OwnExpression) Routes(ModulatorRoute? first,
        List<SoundFontModulator> modulators, ISet<string> unrendered, int modLfo, int vibLfo)
    {
        bool ownVolume = false, ownExpression = false;
        var routes = new List<ModulatorRoute>(modulators.Count + NrpnGenerators.Length + 1);
        if (first is not null)
            routes.Add(first);
        Span<double> velocityCb = stackalloc double[128];
        velocityCb.Clear();
        bool customVelocity = false, anyVelocity = false;
        foreach (var m in modulators)
        {
            if (m.Destination is not { } destination || ((m.Source & 0x7F) == 127 && (m.Source & 0x80) == 0))
            {
                if (m.Amount != 0)
                    unrendered.Add("linked modulators");
                continue;
            }

            if (ToSource(m.Source) is not { } primary || ToSource(m.AmountSource) is not { } secondary || m.Transform is not (0 or 2))
                continue; // invalid (sections 8.2.1, 8.2.5): ignored, as FluidSynth does (fluid_mod_check_sources)
            int defaultIndex = Array.FindIndex(Defaults, d => Identical(d, m));
            if (defaultIndex == 1)
            {
                // Velocity to cutoff (8.4.2), whatever its amount: FluidSynth renders it as 0 whatever the velocity
                // (fluid_mod.c, fluid_mod_get_value: the spec's switch makes the cutoff jump at velocity 64, so the default
                // is disabled), and banks are voiced for that: so is it here.
                continue;
            }

            bool isDefault = defaultIndex >= 0 && Defaults[defaultIndex].Amount == m.Amount;
            if (defaultIndex is 4 or 6)
            {
                // CC7, CC11: the channel's own volume (the same curves) while the default stands. A bank's other amount, or
                // its removal by amount 0 (section 9.5), takes that controller off the channel's gain for this region
                // (Region.SoundFontOwnVolume / SoundFontOwnExpression) and renders the bank's modulator as a route.
                if (isDefault)
                    continue;
                if (defaultIndex == 4)
                    ownVolume = true;
                else
                    ownExpression = true;
                if (m.Amount != 0 && Route(m, destination, primary, secondary, modLfo, vibLfo) is { } own)
                    routes.Add(own);
                continue;
            }

            if (defaultIndex is 7 or 8)
                continue; // CC91, CC93: the channel's sends, scaled per preset by the amount (SendAmounts, SoundFontLoader)

            if (m.Amount == 0)
                continue; // a default modulator removed by a modulator of amount 0 (sections 8.4, 9.5), or a silent one
            if (primary.Kind == ModulatorSourceKind.Velocity && secondary.Kind == ModulatorSourceKind.None && destination == G.InitialAttenuation)
            {
                // An exact 128-point velocity curve; the default one as FluidSynth 2.3.1 reads it (ModulatorCurve.DefaultAttenuationCb).
                for (int v = 1; v < 128; v++)
                {
                    double cb = isDefault ? ModulatorCurve.DefaultAttenuationCb(v) : m.Amount * (double)primary.Evaluate(v, ModulatorCurve.SevenBit);
                    velocityCb[v] += m.Transform == 2 ? Math.Abs(cb) : cb;
                }

                customVelocity |= !isDefault;
                anyVelocity = true;
                continue;
            }

            // Everything else is a route: the default pitch wheel (8.4.10) and CC10 (8.4.7) ones included, so a bank can
            // remove, invert or rescale them (the region's SoundFontRules keep the channel's bend and balance off it).
            if (Route(m, destination, primary, secondary, modLfo, vibLfo) is { } route)
                routes.Add(route);
            else
                unrendered.Add($"modulator {(m.SourceIsController ? "CC" : "source ")}{m.SourceIndex} to {destination}");
        }

        // NRPN generator control (SF2.01 section 9.6): the channel's offset of each generator the engine renders at control
        // rate is one more route, read by the voice only once its channel received an NRPN (CompiledRegion.NrpnRouteStart).
        routes.AddRange(NrpnRoutes(modLfo, vibLfo));
        var curve = customVelocity ? Curve(velocityCb)
            : anyVelocity ? DefaultVelocityCurve // one shared array for every region
            : FlatVelocityCurve; // the bank removed the default velocity modulator
        return (routes, curve, ownVolume, ownExpression);
    }

    /// <summary>By (modLfo + 1, vibLfo + 1): the NRPN routes, the same for every region with the same LFO indexes (built once).</summary>
    private static readonly ModulatorRoute[]?[] s_nrpnRoutes = new ModulatorRoute[]?[9];

    private static ModulatorRoute[] NrpnRoutes(int modLfo, int vibLfo)
    {
        if (modLfo is < -1 or > 1 || vibLfo is < -1 or > 1)
            return BuildNrpnRoutes(modLfo, vibLfo);
        ref var cached = ref s_nrpnRoutes[((modLfo + 1) * 3) + vibLfo + 1];
        return cached ??= BuildNrpnRoutes(modLfo, vibLfo); // immutable: a race builds two equal arrays
    }

    private static ModulatorRoute[] BuildNrpnRoutes(int modLfo, int vibLfo)
    {
        var routes = new List<ModulatorRoute>(NrpnGenerators.Length);
        foreach (var generator in NrpnGenerators)
        {
            var nrpn = new ModulatorSource(ModulatorSourceKind.SoundFontNrpn, (int)generator);
            if (Route(new SoundFontModulator(0, (ushort)generator, 1, 0, 0), generator, nrpn, ModulatorSource.None, modLfo, vibLfo) is { } route)
                routes.Add(route);
        }

        return [.. routes];
    }

    /// <summary>
    /// The amounts (0.1 %) of the CC91 → reverb send and CC93 → chorus send default modulators in a zone pair's list
    /// (200 each unless the bank replaced or removed them, sections 8.4.8-8.4.9, 9.5): the preset's channel send scales.
    /// </summary>
    public static (int Reverb, int Chorus) SendAmounts(List<SoundFontModulator> modulators)
    {
        int reverb = 0, chorus = 0;
        foreach (var m in modulators)
        {
            if (Identical(m, Defaults[7]))
                reverb = m.Amount;
            else if (Identical(m, Defaults[8]))
                chorus = m.Amount;
        }

        return (reverb, chorus);
    }

    /// <summary>The generators an NRPN can offset that the engine renders at control rate (a route each).</summary>
    private static readonly G[] NrpnGenerators =
    [
        G.InitialFilterFc, G.InitialFilterQ, G.InitialAttenuation, G.Pan, G.FineTune, G.CoarseTune,
        G.ModLfoToPitch, G.VibLfoToPitch, G.ModLfoToFilterFc, G.ModLfoToVolume,
    ];

    /// <summary>The default velocity modulator's curve alone (section 8.4.1 as FluidSynth 2.3.1 reads it).</summary>
    private static readonly VelocityPoint[] DefaultVelocityCurve = Curve([.. Enumerable.Range(0, 128).Select(ModulatorCurve.DefaultAttenuationCb)]);

    /// <summary>No velocity modulator to attenuation: every velocity at full level.</summary>
    private static readonly VelocityPoint[] FlatVelocityCurve = Curve(new double[128]);

    private static VelocityPoint[] Curve(ReadOnlySpan<double> velocityCb)
    {
        var points = new VelocityPoint[128];
        for (int v = 0; v < 128; v++)
            points[v] = new VelocityPoint(v, v == 0 ? 0 : Math.Pow(10, -Math.Max(0, velocityCb[v]) / 200));
        return points;
    }

    /// <summary>
    /// True when some modulator of the list needs the LFO whose generator is <paramref name="lfoGenerator"/> (vibLfoToPitch
    /// for the vibrato LFO, modLfoToPitch for the modulation LFO) to run even when its own depths are 0.
    /// </summary>
    public static bool NeedsLfo(List<SoundFontModulator> modulators, G lfoGenerator) =>
        modulators.Exists(m => Renderable(m) && (lfoGenerator == G.VibLfoToPitch
            ? m.Destination == G.VibLfoToPitch
            : m.Destination is G.ModLfoToPitch or G.ModLfoToFilterFc or G.ModLfoToVolume));

    /// <summary>
    /// True when some modulator can move the cutoff or the Q (the region then needs its filter even at the default cutoff:
    /// FluidSynth filters every voice).
    /// </summary>
    public static bool MovesCutoff(List<SoundFontModulator> modulators) =>
        modulators.Exists(m => Renderable(m) && m.Destination is G.InitialFilterFc or G.ModLfoToFilterFc or G.ModEnvToFilterFc or G.InitialFilterQ
            && Array.FindIndex(Defaults, d => Identical(d, m)) != 1);

    private static bool Renderable(SoundFontModulator m) =>
        m.Amount != 0 && m.Destination is not null && ToSource(m.Source) is not null && ToSource(m.AmountSource) is not null;

    /// <summary>A modulator as an engine route in the destination's unit, or null when the engine has no such destination.</summary>
    private static ModulatorRoute? Route(SoundFontModulator m, G destination, ModulatorSource primary, ModulatorSource secondary, int modLfo, int vibLfo)
    {
        bool fixedAtNoteOn = primary.FixedAtNoteOn && secondary.FixedAtNoteOn;
        (ModulatorDestination Target, double Scale, int Lfo)? target = destination switch
        {
            G.InitialAttenuation => (ModulatorDestination.VolumeDb, -0.1, 0), // cB, not scaled by the EMU 0.4 (FluidSynth scales the generator only)
            G.Pan => (ModulatorDestination.PanPercent, 0.2, 0), // 0.1 % of a half-turn: ±500 = ±100 %
            G.FineTune => (ModulatorDestination.PitchCents, 1, 0),
            G.CoarseTune => (ModulatorDestination.PitchCents, 100, 0),
            G.InitialFilterFc => (ModulatorDestination.CutoffCents, 1, 0),
            G.VibLfoToPitch when vibLfo >= 0 => (ModulatorDestination.LfoPitchCents, 1, vibLfo),
            G.ModLfoToPitch when modLfo >= 0 => (ModulatorDestination.LfoPitchCents, 1, modLfo),
            G.ModLfoToFilterFc when modLfo >= 0 => (ModulatorDestination.LfoCutoffCents, 1, modLfo),
            G.ModLfoToVolume when modLfo >= 0 => (ModulatorDestination.LfoVolumeDb, 0.1, modLfo), // cB; positive raises on a positive excursion
            G.ModEnvToPitch when fixedAtNoteOn => (ModulatorDestination.PitchEnvelopeCents, 1, 0),
            G.ModEnvToFilterFc when fixedAtNoteOn => (ModulatorDestination.FilterEnvelopeCents, 1, 0),
            G.InitialFilterQ => (ModulatorDestination.FilterQDb, 0.1, 0), // at control rate: a controller moves Q mid-note
            G.DelayVolEnv or G.AttackVolEnv or G.HoldVolEnv or G.DecayVolEnv or G.ReleaseVolEnv => (ModulatorDestination.AmpEnvelopeTimecents, 1, 0),
            G.DelayModEnv or G.AttackModEnv or G.HoldModEnv or G.DecayModEnv or G.ReleaseModEnv => (ModulatorDestination.ModEnvelopeTimecents, 1, 0),
            G.StartAddrsOffset => (ModulatorDestination.StartOffsetFrames, 1, 0), // at note-on, as FluidSynth reads it when the voice starts
            G.StartAddrsCoarseOffset => (ModulatorDestination.StartOffsetFrames, 32768, 0),
            _ => null,
        };
        // Envelope times: read at note-on (the voice's envelope is computed when it starts, as in FluidSynth), any source.
        var stage = destination switch
        {
            G.AttackVolEnv or G.AttackModEnv => EnvelopeParameter.Attack,
            G.HoldVolEnv or G.HoldModEnv => EnvelopeParameter.Hold,
            G.DecayVolEnv or G.DecayModEnv => EnvelopeParameter.Decay,
            G.ReleaseVolEnv or G.ReleaseModEnv => EnvelopeParameter.Release,
            _ => EnvelopeParameter.Delay,
        };
        return target is { } t ? new ModulatorRoute(t.Target, m.Amount * t.Scale, primary, secondary, m.Transform == 2, t.Lfo, stage) : null;
    }

    /// <summary>
    /// A source word (section 8.2.1) as an engine source, or null when invalid: an unknown general controller, a CC that
    /// may not modulate (0, 6, 32, 38, 98-101, 120-127, as FluidSynth's fluid_mod_check_cc_source), a curve type above 3,
    /// or a link (127, handled by the caller).
    /// </summary>
    internal static ModulatorSource? ToSource(ushort word)
    {
        int index = word & 0x7F;
        int curve = word >> 10;
        if (curve > 3)
            return null;
        var shape = (ModulatorCurveShape)curve;
        bool negative = (word & 0x100) != 0, bipolar = (word & 0x200) != 0;
        if ((word & 0x80) != 0)
        {
            return index is 0 or 6 or 32 or 38 or (>= 98 and <= 101) or >= 120
                ? null
                : new ModulatorSource(ModulatorSourceKind.Controller, index, shape, negative, bipolar);
        }

        ModulatorSourceKind? kind = index switch
        {
            0 => ModulatorSourceKind.None,
            2 => ModulatorSourceKind.Velocity,
            3 => ModulatorSourceKind.Key,
            10 => ModulatorSourceKind.PolyPressure,
            13 => ModulatorSourceKind.ChannelPressure,
            14 => ModulatorSourceKind.PitchWheel,
            16 => ModulatorSourceKind.PitchWheelSensitivity,
            _ => null,
        };
        return kind is { } k ? new ModulatorSource(k, 0, shape, negative, bipolar) : null;
    }

    private static List<SoundFontModulator> Merge(SoundFontZone? global, SoundFontZone local)
    {
        var list = new List<SoundFontModulator>(global?.Modulators ?? []);
        foreach (var m in local.Modulators)
            Replace(list, m);
        return list;
    }

    private static void Replace(List<SoundFontModulator> list, SoundFontModulator m)
    {
        int i = list.FindIndex(x => Identical(x, m));
        if (i >= 0)
            list[i] = m;
        else
            list.Add(m);
    }

    /// <summary>Section 9.5.1: identical when source, destination, amount source and transform agree.</summary>
    private static bool Identical(SoundFontModulator a, SoundFontModulator b) =>
        a.Source == b.Source && a.DestinationRaw == b.DestinationRaw && a.AmountSource == b.AmountSource && a.Transform == b.Transform;
}

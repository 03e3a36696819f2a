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
/// preset's modulators (global, then local replacing) are then added, amounts summing for identical ones. The result
/// is mapped where the engine has an equivalent: velocity to attenuation becomes an exact 128-point velocity curve
/// (only when it differs from the default, which is the engine's own (v/127)² curve); the default velocity to cutoff is
/// not rendered, as FluidSynth; a MIDI controller with a linear unipolar source and no amount source becomes a
/// <see cref="CcModulation"/> (attenuation, pan, tuning, cutoff, vibrato depth). The defaults on CC7, CC10, CC11,
/// CC91, CC93 and the pitch wheel are the channel's own behaviour in the engine. Anything else is named in the
/// preset's warning.
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
        new(0x028A, (ushort)G.Pan, 1000, 0, 0), // CC10, linear, bipolar → pan
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

    /// <summary>Maps the list onto the region; what cannot be expressed is added to <paramref name="unrendered"/>.</summary>
    public static Region Apply(Region region, List<SoundFontModulator> modulators, ISet<string> unrendered, bool modWheelVibrato)
    {
        var ccs = new List<CcModulation>(region.CcModulations);
        var velocityCb = new double[128];
        bool customVelocity = false;
        foreach (var m in modulators)
        {
            if (m.Amount == 0 || m.Destination is not { } destination)
            {
                if (m.Amount != 0)
                    unrendered.Add("linked modulators");
                continue;
            }

            int defaultIndex = Array.FindIndex(Defaults, d => Identical(d, m));
            bool isDefault = defaultIndex >= 0 && Defaults[defaultIndex].Amount == m.Amount;
            if (!m.SourceIsController && m.SourceIndex == Velocity && destination == G.InitialAttenuation && (m.AmountSource & 0x7F) == 0)
            {
                for (int v = 1; v < 128; v++)
                    velocityCb[v] += m.Amount * Source(m.Source, v);
                customVelocity |= !isDefault;
                continue;
            }

            if (isDefault)
            {
                if (defaultIndex == 1)
                {
                    // Velocity to cutoff (8.4.2): FluidSynth renders it as 0 whatever the velocity (fluid_mod.c,
                    // fluid_mod_get_value: the spec's switch makes the cutoff jump at velocity 64, so the default is
                    // disabled), and banks are voiced for that: so is it here.
                }
                else if (defaultIndex == 3 && modWheelVibrato)
                {
                    ccs.Add(new CcModulation(ModulationTarget.PitchLfoDepthCents, 1, 50));
                }
                else if (defaultIndex == 3)
                {
                    unrendered.Add("mod wheel vibrato (SoundFontLoadOptions.ModWheelVibrato)");
                }
                else if (defaultIndex == 2)
                {
                    unrendered.Add("channel pressure to vibrato");
                }

                continue; // the rest are the channel's own volume, pan, sends and pitch wheel in the engine
            }

            if (m.SourceIsController && (m.Source & 0xFF00) == 0 && (m.AmountSource & 0xFF) == 0 && m.Transform == 0)
            {
                var target = destination switch
                {
                    G.InitialAttenuation => (ModulationTarget?)ModulationTarget.VolumeDb,
                    G.Pan => ModulationTarget.PanPercent,
                    G.FineTune or G.CoarseTune => ModulationTarget.PitchCents,
                    G.InitialFilterFc when region.FilterType != FilterType.None => ModulationTarget.CutoffCents,
                    G.VibLfoToPitch => ModulationTarget.PitchLfoDepthCents,
                    _ => null,
                };
                if (target is { } t)
                {
                    double amount = destination switch
                    {
                        G.InitialAttenuation => -m.Amount / 10.0,
                        G.Pan => m.Amount / 5.0,
                        G.CoarseTune => m.Amount * 100.0,
                        _ => m.Amount,
                    };
                    ccs.Add(new CcModulation(t, m.SourceIndex, amount));
                    continue;
                }
            }

            unrendered.Add($"modulator {(m.SourceIsController ? "CC" : "source ")}{m.SourceIndex} to {destination}");
        }

        if (customVelocity)
        {
            var points = new VelocityPoint[128];
            for (int v = 0; v < 128; v++)
                points[v] = new VelocityPoint(v, v == 0 ? 0 : Math.Pow(10, -Math.Max(0, velocityCb[v]) / 200));
            region = region with { AmpVelocityCurve = points };
        }

        return ccs.Count == region.CcModulations.Count ? region : region with { CcModulations = ccs };
    }

    /// <summary>
    /// A source's value for a 7-bit input (section 8.2.1): direction, polarity and curve (linear, concave, convex,
    /// switch). Concave is -20/96·log10((1-x)²), clamped to 1 at the top, as the spec's table and FluidSynth define it.
    /// </summary>
    internal static double Source(ushort word, int value)
    {
        double x = Math.Clamp(value / 127.0, 0, 1);
        if ((word & 0x100) != 0)
            x = 1 - x;
        int curve = word >> 10;
        if ((word & 0x200) == 0)
            return Curve(curve, x);
        // Bipolar: the curve mirrored about the centre, -1..1.
        return x >= 0.5 ? Curve(curve, (2 * x) - 1) : -Curve(curve, 1 - (2 * x));
    }

    private static double Curve(int curve, double x) => curve switch
    {
        1 => Concave(x),
        2 => 1 - Concave(1 - x),
        3 => x >= 0.5 ? 1 : 0,
        _ => x,
    };

    private static double Concave(double x) => x >= 1 ? 1 : Math.Min(1, -20.0 / 96 * Math.Log10((1 - x) * (1 - x)));

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

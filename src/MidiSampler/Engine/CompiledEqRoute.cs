using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// An SFZ v2 LFO's or EG's depths on one compiled equaliser band (lfoN_eqXfreq/bw/gain, egN_eqXfreq/bw/gain), the source
/// resolved to the voice's LFO or EG slot and the band to its index in <see cref="CompiledRegion.EqBands"/>. Immutable.
/// </summary>
internal readonly record struct CompiledEqRoute(bool FromEnvelope, int Source, int Band, float FrequencyHz, float BandwidthOctaves, float GainDb)
{
    /// <summary>True when one of the region's running LFOs or EGs names this band.</summary>
    public static bool Modulated(Region region, EqBand band)
    {
        int number = band.Number > 0 ? band.Number : IndexOf(region.EqBands, band) + 1;
        return region.FlexLfos.Take(EngineLimits.MaxFlexLfos).Any(l => l.EqModulations.Any(m => m.Band == number))
            || region.FlexEnvelopes.Take(EngineLimits.MaxFlexEnvelopes).Any(e => e.EqModulations.Any(m => m.Band == number));
    }

    /// <summary>The routes onto the bands that run (a band that is not compiled is not modulated).</summary>
    public static CompiledEqRoute[] Build(Region region, EqBand[] compiled)
    {
        var routes = new List<CompiledEqRoute>();
        var lfos = region.FlexLfos.Take(EngineLimits.MaxFlexLfos).ToArray();
        var egs = region.FlexEnvelopes.Take(EngineLimits.MaxFlexEnvelopes).ToArray();
        for (int i = 0; i < lfos.Length + egs.Length; i++)
        {
            bool envelope = i >= lfos.Length;
            var modulations = envelope ? egs[i - lfos.Length].EqModulations : lfos[i].EqModulations;
            foreach (var m in modulations)
            {
                int band = Array.FindIndex(compiled, b => (b.Number > 0 ? b.Number : IndexOf(region.EqBands, b) + 1) == m.Band);
                if (band < 0)
                    continue;
                routes.Add(new CompiledEqRoute(envelope, envelope ? i - lfos.Length : i, band,
                    (float)Math.Clamp(Finite(m.FrequencyHz), -30_000, 30_000), (float)Math.Clamp(Finite(m.BandwidthOctaves), -4, 4),
                    (float)Math.Clamp(Finite(m.GainDb), -96, 96)));
            }
        }

        return routes.Count == 0 ? [] : [.. routes];
    }

    private static int IndexOf(IReadOnlyList<EqBand> bands, EqBand band)
    {
        for (int i = 0; i < bands.Count; i++)
        {
            if (bands[i] == band)
                return i;
        }

        return -1;
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}

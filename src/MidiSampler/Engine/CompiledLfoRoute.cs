using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// One SFZ v2 route into an LFO's rate or depth (lfoN_freq_lfoX, lfoN_depth_lfoX, lfoN_depthadd_lfoX and the egN_ forms),
/// with source and target resolved to the voice's LFO and EG slots. Immutable; read by the audio thread.
/// </summary>
internal readonly record struct CompiledLfoRoute(bool FromEnvelope, int Source, int Target, LfoModulationKind Kind, float Amount)
{
    /// <summary>The routes of a region's first <see cref="EngineLimits.MaxFlexLfos"/> LFOs and <see cref="EngineLimits.MaxFlexEnvelopes"/> EGs whose target LFO runs.</summary>
    public static CompiledLfoRoute[] Build(Region region)
    {
        var lfos = region.FlexLfos.Take(EngineLimits.MaxFlexLfos).ToArray();
        var egs = region.FlexEnvelopes.Take(EngineLimits.MaxFlexEnvelopes).ToArray();
        var routes = new List<CompiledLfoRoute>();
        for (int i = 0; i < lfos.Length; i++)
            Add(routes, lfos, false, i, lfos[i].LfoModulations);
        for (int i = 0; i < egs.Length; i++)
            Add(routes, lfos, true, i, egs[i].LfoModulations);
        return routes.Count == 0 ? [] : [.. routes];
    }

    private static void Add(List<CompiledLfoRoute> routes, FlexLfo[] lfos, bool fromEnvelope, int source, IReadOnlyList<LfoModulation> modulations)
    {
        foreach (var m in modulations)
        {
            int target = -1;
            for (int i = 0; i < lfos.Length && target < 0; i++)
            {
                if (m.TargetLfo == (lfos[i].Number > 0 ? lfos[i].Number : i + 1)) // unnumbered (built in code): by position
                    target = i;
            }

            if (target < 0 || !double.IsFinite(m.Amount) || (m.Amount == 0 && m.Kind != LfoModulationKind.Depth))
                continue;
            double limit = m.Kind == LfoModulationKind.FrequencyHz ? 1000 : 10_000;
            routes.Add(new CompiledLfoRoute(fromEnvelope, source, target, m.Kind, (float)Math.Clamp(m.Amount, -limit, limit)));
        }
    }
}

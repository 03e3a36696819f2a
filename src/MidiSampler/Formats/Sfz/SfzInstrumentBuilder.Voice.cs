using System.Globalization;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// SFZ v2 voice opcodes: sostenuto_sw, delay_beats, stop_beats, stop_loccN/stop_hiccN, bend_smooth, sample_fadeout,
/// loop_crossfade, lotimer/hitimer; the LFO extras lfoN_count, lfoN_steps, lfoN_stepX, lfoN_smooth and the routes
/// lfoN_/egN_freq_lfoX, _depth_lfoX, _depthadd_lfoX; the flex EG loop egN_loop, egN_loop_count; the lfoN_/egN_resonance
/// and _width destinations. Values outside their range are clamped with a
/// warning naming the file and line.
/// </summary>
internal sealed partial class SfzInstrumentBuilder
{
    // lfoN_steps seen per region draft and LFO: lfoN_stepX is then checked against it (opcodes come in any order).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SfzRegionDraft, HashSet<int>> _stepCounts = [];

    // egN_curveX: where each curve number was first named, for the warning when no <curve> defines it.
    private readonly Dictionary<int, SfzLocation> _envelopeCurveUses = [];

    /// <summary>Maps one of these opcodes; false when the name is not one of them.</summary>
    private bool ApplyVoiceOpcode(SfzRegionDraft d, SfzOpcode op)
    {
        var r = d.Extra;
        var o = r.VoiceOptions;
        switch (op.Name)
        {
            case "sostenuto_sw":
                if (op.Value is "on" or "off")
                    d.Extra = r with { VoiceOptions = o with { SostenutoSwitch = op.Value == "on" } };
                else
                    WarnValue(op, "is not on or off");
                return true;
            case "delay_beats": d.Extra = r with { VoiceOptions = o with { DelayBeats = Clamped(op, 0, 1000, o.DelayBeats) } }; return true;
            case "stop_beats": d.Extra = r with { VoiceOptions = o with { StopBeats = Clamped(op, 0, 1000, o.StopBeats) } }; return true;
            case "bend_smooth": d.Extra = r with { VoiceOptions = o with { BendSmoothMs = Clamped(op, 0, 10_000, o.BendSmoothMs) } }; return true;
            case "sample_fadeout": d.Extra = r with { VoiceOptions = o with { SampleFadeoutSeconds = Clamped(op, 0, 100, o.SampleFadeoutSeconds) } }; return true;
            case "lotimer": d.Extra = r with { VoiceOptions = o with { LoTimerSeconds = Clamped(op, 0, 1_000_000, o.LoTimerSeconds) } }; return true;
            case "hitimer":
                double hiTimer = Clamped(op, 0, 1_000_000, double.NaN);
                if (!double.IsNaN(hiTimer))
                    d.Extra = r with { VoiceOptions = o with { HiTimerSeconds = hiTimer } };
                return true;
            case "loop_tune" or "looptune": d.Extra = r with { VoiceOptions = o with { LoopTuneCents = Clamped(op, -9600, 9600, o.LoopTuneCents) } }; return true;
            case "loop_type" or "looptype":
                LoopDirection? direction = op.Value switch { "forward" => LoopDirection.Forward, "backward" => LoopDirection.Backward, "alternate" => LoopDirection.Alternate, _ => null };
                if (direction is LoopDirection loopDirection)
                    d.Extra = r with { VoiceOptions = o with { LoopDirection = loopDirection } };
                else
                    WarnValue(op, "is not forward, backward or alternate");
                return true;
            case "sample_quality":
                if (TryInt(op, 0, 10, out int quality))
                    d.Extra = r with { VoiceOptions = o with { SampleQuality = quality } };
                return true;
            case "oscillator_quality":
                if (TryInt(op, 0, 3, out int oscillatorQuality))
                    d.OscillatorQuality = oscillatorQuality; // applies to oscillator regions only (SfzInstrumentBuilder.Oscillators.cs)
                return true;
            case "loop_crossfade": d.Extra = r with { VoiceOptions = o with { LoopCrossfadeSeconds = Clamped(op, 0, 100, o.LoopCrossfadeSeconds) } }; return true;
            default:
                break;
        }

        return ApplyMd5(d, op) || ApplyStopCc(d, op) || ApplyReverseCc(d, op) || ApplyLfoExtras(d, op) || ApplyEnvelopeExtras(d, op);
    }

    /// <summary>reverse_loccN/reverse_hiccN: one end given alone leaves the other open (0 or 127).</summary>
    private bool ApplyReverseCc(SfzRegionDraft d, SfzOpcode op)
    {
        if (!TryReadCcRangeEnd(op, "reverse_", out var end))
            return false;
        if (end is { } e)
        {
            var o = d.Extra.VoiceOptions;
            d.Extra = d.Extra with { VoiceOptions = o with { ReverseCcRanges = WithRangeEnd(o.ReverseCcRanges, e.Controller, e.Low, e.Value) } };
        }

        return true;
    }

    /// <summary>
    /// Reads <c>{stem}loccN</c> / <c>{stem}hiccN</c>: false when <paramref name="op"/> is not one of them; otherwise true,
    /// with <paramref name="end"/> the controller, which end and the value, or null after a warning (bad controller or value).
    /// </summary>
    private bool TryReadCcRangeEnd(SfzOpcode op, string stem, out (int Controller, bool Low, int Value)? end)
    {
        end = null;
        bool low = op.Name.StartsWith(stem + "locc", StringComparison.Ordinal);
        if (!low && !op.Name.StartsWith(stem + "hicc", StringComparison.Ordinal))
            return false;
        var digits = op.Name.AsSpan(stem.Length + 4);
        if (digits.Length == 0 || digits.ContainsAnyExceptInRange('0', '9'))
            return false;
        if (!TryNumberSuffix(op, digits, out int controller))
            return true;
        if (controller > 127)
        {
            WarnValue(op, "names a controller outside 0..127");
            return true;
        }

        if (TryInt(op, 0, 127, out int value))
            end = (controller, low, value);
        return true;
    }

    private static List<CcRange> WithRangeEnd(IReadOnlyList<CcRange> current, int controller, bool low, int value)
    {
        var ranges = current.ToList();
        int at = ranges.FindIndex(c => c.Controller == controller);
        var range = at >= 0 ? ranges[at] : new CcRange(controller, 0, 127);
        range = low ? range with { Low = value } : range with { High = value };
        if (at >= 0)
            ranges[at] = range;
        else
            ranges.Add(range);
        return ranges;
    }

    /// <summary>reverse_loccN: the region carries the reversed copy of its sample, shared per sample as for direction=reverse.</summary>
    private Region WithReversedSample(Region region)
    {
        var sample = region.Sample;
        if (!_reversed.TryGetValue(sample, out var reversed))
        {
            reversed = sample.CreateReversed();
            _reversed[sample] = reversed;
        }

        return region with { VoiceOptions = region.VoiceOptions with { ReversedSample = reversed } };
    }

    /// <summary>stop_loccN/stop_hiccN (default −1, unassigned: one end given alone leaves the other open, as on_loccN).</summary>
    private bool ApplyStopCc(SfzRegionDraft d, SfzOpcode op)
    {
        if (!TryReadCcRangeEnd(op, "stop_", out var end))
            return false;
        if (end is { } e)
        {
            var o = d.Extra.VoiceOptions;
            d.Extra = d.Extra with { VoiceOptions = o with { StopCcRanges = WithRangeEnd(o.StopCcRanges, e.Controller, e.Low, e.Value) } };
        }

        return true;
    }

    /// <summary>lfoN_count, lfoN_steps, lfoN_stepX, lfoN_smooth, lfoN_freq_lfoX, lfoN_depth_lfoX, lfoN_depthadd_lfoX.</summary>
    private bool ApplyLfoExtras(SfzRegionDraft d, SfzOpcode op)
    {
        if (!TrySplitNumbered(op.Name, "lfo", out int n, out string rest))
            return false;
        var lfo = d.FlexLfos.GetValueOrDefault(n) ?? new FlexLfo();
        FlexLfo? updated;
        if (rest == "count")
        {
            updated = TryInt(op, 0, 1_000_000, out int count) ? lfo with { Count = count } : lfo;
        }
        else if (rest == "smooth")
        {
            updated = lfo with { SmoothMs = Clamped(op, 0, 10_000, lfo.SmoothMs) };
        }
        else if (rest == "resonance")
        {
            updated = lfo with { ResonanceDb = Clamped(op, -40, 40, lfo.ResonanceDb) };
        }
        else if (rest == "width")
        {
            updated = lfo with { WidthPercent = Clamped(op, -200, 200, lfo.WidthPercent) };
        }
        else if (TryParseEqDepth(op, rest, lfo.EqModulations, out var eqModulations))
        {
            updated = lfo with { EqModulations = eqModulations };
        }
        else if (rest == "steps")
        {
            var steps = lfo.Steps.ToList();
            if (TryInt(op, 0, EngineLimits.MaxFlexLfoSteps, out int stepCount))
            {
                while (steps.Count < stepCount)
                    steps.Add(0);
                steps.RemoveRange(stepCount, steps.Count - stepCount);
            }

            _stepCounts.GetOrCreateValue(d).Add(n);
            updated = lfo with { Steps = steps };
        }
        else if (rest.StartsWith("step", StringComparison.Ordinal) && rest.Length > 4 && char.IsAsciiDigit(rest[4]))
        {
            if (!TryNumberSuffix(op, rest.AsSpan(4), out int step))
                return true;
            bool counted = _stepCounts.TryGetValue(d, out var set) && set.Contains(n);
            if (step < 1 || step > (counted ? lfo.Steps.Count : EngineLimits.MaxFlexLfoSteps))
            {
                WarnValue(op, counted ? $"names a step outside 1..{lfo.Steps.Count} (lfo{n}_steps)" : $"names a step outside 1..{EngineLimits.MaxFlexLfoSteps}");
                return true;
            }

            var steps = lfo.Steps.ToList();
            while (steps.Count < step)
                steps.Add(0);
            steps[step - 1] = Clamped(op, -100, 100, steps[step - 1]);
            updated = lfo with { Steps = steps };
        }
        else if (TryParseLfoRoute(op, rest, out var route))
        {
            if (route is not LfoModulation m)
                return true;
            updated = lfo with { LfoModulations = [.. lfo.LfoModulations.Where(x => x.TargetLfo != m.TargetLfo || x.Kind != m.Kind), m] };
        }
        else
        {
            return false;
        }

        if (n is < 1 or > 32)
        {
            WarnValue(op, "names an LFO outside 1..32");
            return true;
        }

        d.FlexLfos[n] = updated with { Number = n };
        return true;
    }

    /// <summary>egN_loop, egN_loop_count, egN_freq_lfoX, egN_depth_lfoX, egN_depthadd_lfoX.</summary>
    private bool ApplyEnvelopeExtras(SfzRegionDraft d, SfzOpcode op)
    {
        if (!TrySplitNumbered(op.Name, "eg", out int n, out string rest))
            return false;
        var eg = d.FlexEnvelopes.GetValueOrDefault(n) ?? new FlexEnvelope();
        FlexEnvelope updated;
        if (rest == "loop")
        {
            updated = TryInt(op, 0, CompiledFlexEnvelopeLimit - 1, out int point) ? eg with { LoopPoint = point } : eg;
        }
        else if (rest == "loop_count")
        {
            updated = TryInt(op, 0, 1_000_000, out int loops) ? eg with { LoopCount = loops } : eg;
        }
        else if (rest.StartsWith("curve", StringComparison.Ordinal) && rest.Length > 5 && !rest.AsSpan(5).ContainsAnyExceptInRange('0', '9'))
        {
            if (!TryNumberSuffix(op, rest.AsSpan(5), out int point))
                return true;
            if (point >= CompiledFlexEnvelopeLimit)
            {
                WarnValue(op, $"names a point beyond {CompiledFlexEnvelopeLimit - 1}");
                return true;
            }

            var indices = eg.CurveIndices.ToList();
            while (indices.Count <= point)
                indices.Add(null);
            if (TryInt(op, 0, 255, out int curveIndex))
            {
                indices[point] = curveIndex;
                _envelopeCurveUses.TryAdd(curveIndex, op.Location);
            }

            updated = eg with { CurveIndices = indices };
        }
        else if (rest == "resonance")
        {
            updated = eg with { ResonanceDb = Clamped(op, -40, 40, eg.ResonanceDb) };
        }
        else if (rest == "width")
        {
            updated = eg with { WidthPercent = Clamped(op, -200, 200, eg.WidthPercent) };
        }
        else if (TryParseEqDepth(op, rest, eg.EqModulations, out var eqModulations))
        {
            updated = eg with { EqModulations = eqModulations };
        }
        else if (TryParseLfoRoute(op, rest, out var route))
        {
            if (route is not LfoModulation m)
                return true;
            updated = eg with { LfoModulations = [.. eg.LfoModulations.Where(x => x.TargetLfo != m.TargetLfo || x.Kind != m.Kind), m] };
        }
        else
        {
            return false;
        }

        d.FlexEnvelopes[n] = updated with { Number = n };
        return true;
    }

    /// <summary>
    /// freq_lfoX (Hz, ±100), depth_lfoX and depthadd_lfoX (percent, ±1000): true when <paramref name="rest"/> is one of
    /// them; <paramref name="route"/> is null when the value was bad (warned).
    /// </summary>
    private bool TryParseLfoRoute(SfzOpcode op, string rest, out LfoModulation? route)
    {
        route = null;
        (string prefix, LfoModulationKind kind, double limit)? form =
            rest.StartsWith("freq_lfo", StringComparison.Ordinal) ? ("freq_lfo", LfoModulationKind.FrequencyHz, 100)
            : rest.StartsWith("depthadd_lfo", StringComparison.Ordinal) ? ("depthadd_lfo", LfoModulationKind.DepthAdd, 1000)
            : rest.StartsWith("depth_lfo", StringComparison.Ordinal) ? ("depth_lfo", LfoModulationKind.Depth, 1000)
            : null;
        if (form is null)
            return false;
        var (prefix, kind, limit) = form.Value;
        if (rest.Length == prefix.Length || rest.AsSpan(prefix.Length).ContainsAnyExceptInRange('0', '9'))
            return false;
        if (!TryNumberSuffix(op, rest.AsSpan(prefix.Length), out int target))
            return true;
        if (target is < 1 or > 32)
        {
            WarnValue(op, "names an LFO outside 1..32");
            return true;
        }

        double amount = Clamped(op, -limit, limit, double.NaN);
        if (!double.IsNaN(amount))
            route = new LfoModulation(target, kind, amount);
        return true;
    }

    /// <summary>
    /// eqXfreq (Hz, ±30000), eqXbw (octaves, ±4), eqXgain (dB, ±96) for bands 1..3: true when <paramref name="rest"/> is one
    /// of them; <paramref name="updated"/> is the list with that band's depth set (unchanged after a bad value, warned).
    /// </summary>
    private bool TryParseEqDepth(SfzOpcode op, string rest, IReadOnlyList<EqModulation> current, out IReadOnlyList<EqModulation> updated)
    {
        updated = current;
        if (!rest.StartsWith("eq", StringComparison.Ordinal))
            return false;
        int end = 2;
        while (end < rest.Length && char.IsAsciiDigit(rest[end]))
            end++;
        string parameter = rest[end..];
        if (end == 2 || parameter is not ("freq" or "bw" or "gain"))
            return false;
        if (!TryNumberSuffix(op, rest.AsSpan(2, end - 2), out int band))
            return true;
        if (band is < 1 or > 3)
        {
            WarnValue(op, "names an equaliser band outside 1..3");
            return true;
        }

        var list = current.ToList();
        int at = list.FindIndex(m => m.Band == band);
        var m = at >= 0 ? list[at] : new EqModulation(band, 0, 0, 0);
        m = parameter switch
        {
            "freq" => m with { FrequencyHz = Clamped(op, -30_000, 30_000, m.FrequencyHz) },
            "bw" => m with { BandwidthOctaves = Clamped(op, -4, 4, m.BandwidthOctaves) },
            _ => m with { GainDb = Clamped(op, -96, 96, m.GainDb) },
        };
        if (at >= 0)
            list[at] = m;
        else
            list.Add(m);
        updated = list;
        return true;
    }

    /// <summary>egN_curveX: after the whole file (a &lt;curve&gt; may follow its users), each point's curve table.</summary>
    private void ResolveEnvelopeCurves()
    {
        foreach (var (index, at) in _envelopeCurveUses)
        {
            if (!_curves.ContainsKey(index) && PredefinedCurve(index) is null)
                Warn(at, $"curve {index} is not defined (no <curve> with curve_index={index}); the segment follows its egN_shapeX");
        }

        for (int r = 0; r < _regions.Count; r++)
        {
            var region = _regions[r];
            if (!region.FlexEnvelopes.Any(e => e.CurveIndices.Count > 0))
                continue;
            var envelopes = region.FlexEnvelopes.Select(e =>
            {
                if (e.CurveIndices.Count == 0)
                    return e;
                var tables = e.CurveIndices.Select(i => i is int index ? _curves.GetValueOrDefault(index) ?? PredefinedCurve(index) : null).ToArray();
                return e with { Curves = tables };
            }).ToArray();
            _regions[r] = region with { FlexEnvelopes = envelopes };
        }
    }

    /// <summary>Splits <c>lfo12_rest</c> into 12 and "rest".</summary>
    private static bool TrySplitNumbered(string name, string head, out int n, out string rest)
    {
        n = 0;
        rest = "";
        if (!name.StartsWith(head, StringComparison.Ordinal))
            return false;
        int end = head.Length;
        while (end < name.Length && char.IsAsciiDigit(name[end]))
            end++;
        if (end == head.Length || end - head.Length > 2 || end >= name.Length || name[end] != '_')
            return false;
        n = int.Parse(name.AsSpan(head.Length, end - head.Length), CultureInfo.InvariantCulture);
        rest = name[(end + 1)..];
        return true;
    }

    /// <summary>A number of 1..3 digits ending an opcode's name; warns about longer ones.</summary>
    private bool TryNumberSuffix(SfzOpcode op, ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.Length is 0 || digits.ContainsAnyExceptInRange('0', '9'))
            return false;
        if (digits.Length > 3)
        {
            WarnValue(op, "has a number too large in its name");
            return false;
        }

        value = int.Parse(digits, CultureInfo.InvariantCulture);
        return true;
    }
}

using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>The oscillator opcodes of a region being read (SFZ v2 <c>oscillator</c>, <c>oscillator_phase</c>).</summary>
internal sealed partial class SfzRegionDraft
{
    /// <summary><c>oscillator=on</c> (true), <c>off</c> (false) or <c>auto</c>/not given (null: generators only).</summary>
    public bool? Oscillator { get; set; }

    /// <summary><c>oscillator_phase</c>: the start of the cycle, 0..1 (sfizz wraps larger values); negative: random per note.</summary>
    public double OscillatorPhase { get; set; }

    /// <summary><c>oscillator_multi</c>: 3..9 plays that many detuned oscillators spread from right to left (unison).</summary>
    public int OscillatorMulti { get; set; } = 1;

    /// <summary><c>lfoN_scale</c> (ARIA, sfizz) by LFO: the wave's output multiplied; folded into the LFO's depths.</summary>
    public Dictionary<int, double> LfoScales { get; } = [];

    /// <summary><c>lfoN_ratio</c> (ARIA, sfizz) by LFO: the wave's rate multiplied; folded into its frequency.</summary>
    public Dictionary<int, double> LfoRatios { get; } = [];

    /// <summary><c>lfoN_offset</c> (ARIA, sfizz) by LFO: added to the first sub-waveform's output.</summary>
    public Dictionary<int, double> LfoOffsets { get; } = [];

    /// <summary><c>lfoN_waveX</c>, <c>_ratioX</c>, <c>_scaleX</c>, <c>_offsetX</c> for X ≥ 2, by LFO then X.</summary>
    public Dictionary<int, SortedDictionary<int, FlexLfoSubWave>> LfoSubWaves { get; } = [];

    /// <summary><c>md5</c>: the sample file's expected MD5, 32 lower-case hexadecimal digits (SfzInstrumentBuilder.Md5.cs).</summary>
    public string? Md5 { get; set; }

    /// <summary><c>oscillator_quality</c> (0..3, sfizz's scale): the interpolation of an oscillator region, in place of <c>sample_quality</c>.</summary>
    public int? OscillatorQuality { get; set; }

    /// <summary><c>oscillator_detune</c>: the unison's spread in cents.</summary>
    public double OscillatorDetuneCents { get; set; }

    /// <summary>
    /// The LFO as sfizz renders its first sub-waveform with <c>lfoN_scale</c> s and <c>lfoN_ratio</c> r: the wave times s at r
    /// times the rate. Every use of the LFO's output is linear in it (destination depths, controller-added depths, its
    /// routes to other LFOs), so s multiplies those amounts; r multiplies the rate and the Hz that controllers add to it.
    /// </summary>
    public FlexLfo Scaled(FlexLfo lfo)
    {
        double s = LfoScales.GetValueOrDefault(lfo.Number, 1), r = LfoRatios.GetValueOrDefault(lfo.Number, 1);
        double offset = LfoOffsets.GetValueOrDefault(lfo.Number);
        if (LfoSubWaves.TryGetValue(lfo.Number, out var more) || offset != 0)
        {
            // A sum of sub-waveforms (sfizz LFO.cpp): nothing folds; the voice's LFO adds each offset + scale × wave at its
            // ratio of the rate. Missing subs up to the highest X given take the defaults (sfizz's extendIfNecessary).
            var subs = new List<FlexLfoSubWave> { new(lfo.Wave, r, s, offset) };
            int last = more is null || more.Count == 0 ? 1 : more.Keys.Max();
            for (int x = 2; x <= last; x++)
                subs.Add(more!.TryGetValue(x, out var w) ? w : new FlexLfoSubWave(1, 1, 1, 0));
            return lfo with { SubWaves = subs };
        }

        if (s == 1 && r == 1)
            return lfo;
        return lfo with
        {
            FrequencyHz = lfo.FrequencyHz * r,
            PitchCents = lfo.PitchCents * s,
            VolumeDb = lfo.VolumeDb * s,
            AmplitudePercent = lfo.AmplitudePercent * s,
            CutoffCents = lfo.CutoffCents * s,
            PanPercent = lfo.PanPercent * s,
            ResonanceDb = lfo.ResonanceDb * s,
            WidthPercent = lfo.WidthPercent * s,
            EqModulations = [.. lfo.EqModulations.Select(e => new EqModulation(e.Band, e.FrequencyHz * s, e.BandwidthOctaves * s, e.GainDb * s))],
            CcDepths = [.. lfo.CcDepths.Select(c => c with { Amount = c.Amount * (c.Target == LfoCcTarget.FrequencyHz ? r : s) })],
            LfoModulations = [.. lfo.LfoModulations.Select(m => m with { Amount = m.Amount * s })],
        };
    }
}

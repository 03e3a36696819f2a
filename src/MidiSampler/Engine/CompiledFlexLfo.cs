using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>A <see cref="FlexLfo"/> in frames and single-precision depths at one output rate. Immutable; read by the audio thread.</summary>
internal readonly struct CompiledFlexLfo
{
    public CompiledFlexLfo(FlexLfo lfo, double outputRate)
    {
        DelayFrames = Frames(lfo.DelaySeconds, outputRate);
        FadeFrames = Frames(lfo.FadeSeconds, outputRate);
        FrequencyHz = (float)Math.Clamp(Finite(lfo.FrequencyHz), 0, 1000);
        Phase = (float)Math.Clamp(Finite(lfo.Phase), 0, 1);
        Wave = Math.Clamp(lfo.Wave, 0, 7);
        CcDepths = [.. lfo.CcDepths.Where(c => ControllerSources.IsSource(c.Controller) && double.IsFinite(c.Amount) && c.Amount != 0)];
        PitchCents = (float)Finite(lfo.PitchCents);
        VolumeDb = (float)Finite(lfo.VolumeDb);
        AmplitudeFraction = (float)(Finite(lfo.AmplitudePercent) / 100);
        CutoffCents = (float)Finite(lfo.CutoffCents);
        PanPercent = (float)Finite(lfo.PanPercent);
        ResonanceDb = (float)Math.Clamp(Finite(lfo.ResonanceDb), -40, 40);
        WidthPercent = (float)Math.Clamp(Finite(lfo.WidthPercent), -200, 200);
        Cycles = lfo.Count is int count && count > 0 ? count : -1; // lfoN_count=0 (or none): forever
        Steps = lfo.Steps.Count > 0 ? [.. lfo.Steps.Take(EngineLimits.MaxFlexLfoSteps).Select(v => (float)(Math.Clamp(Finite(v), -100, 100) / 100))] : null;
        double smoothFrames = Math.Clamp(Finite(lfo.SmoothMs), 0, 10_000) / 1000 * outputRate;
        Smoothing = smoothFrames > 0 ? (float)(1 - Math.Exp(-Voice.ControlFrames / smoothFrames)) : 1;
        SubWaves = lfo.SubWaves.Count > 0
            ? [.. lfo.SubWaves.Take(EngineLimits.MaxLfoSubWaves).Select(w => new Dsp.LfoSubWave(Math.Clamp(w.Wave, 0, 7),
                (float)Math.Clamp(Finite(w.Ratio), 0, 100), (float)Math.Clamp(Finite(w.Scale), -1000, 1000), (float)Math.Clamp(Finite(w.Offset), -1000, 1000)))]
            : null;
    }

    /// <summary>lfoN_waveX, _ratioX, _scaleX, _offsetX: the sub-waveforms summed, the first being <see cref="Wave"/>; null for a plain LFO.</summary>
    public Dsp.LfoSubWave[]? SubWaves { get; }

    /// <summary>lfoN_resonance, dB.</summary>
    public float ResonanceDb { get; }

    /// <summary>lfoN_width, percent.</summary>
    public float WidthPercent { get; }

    /// <summary>lfoN_count: wraps before the LFO stops; −1 forever.</summary>
    public int Cycles { get; }

    /// <summary>lfoN_stepX levels as fractions −1..1, or null for a plain waveform.</summary>
    public float[]? Steps { get; }

    /// <summary>lfoN_smooth: per control tick, the fraction of the way the output moves to the raw value (1: none).</summary>
    public float Smoothing { get; }

    public int DelayFrames { get; }

    public int FadeFrames { get; }

    public float FrequencyHz { get; }

    public float Phase { get; }

    public int Wave { get; }

    /// <summary>lfoN_*_onccX: controllers adding to the rate and depths (read every control tick).</summary>
    public LfoCcDepth[] CcDepths { get; }

    public float PitchCents { get; }

    public float VolumeDb { get; }

    public float AmplitudeFraction { get; }

    public float CutoffCents { get; }

    public float PanPercent { get; }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static int Frames(double seconds, double rate) =>
        seconds > 0 && double.IsFinite(seconds) ? (int)Math.Min(Math.Round(Math.Min(seconds, 100) * rate), int.MaxValue / 2) : 0;
}

namespace MidiSampler.Model;

/// <summary>
/// One SFZ v2 LFO (<c>lfoN_*</c>, sfz.org "LFO" and sfizz's LFO page): a waveform with a rate, a delay, a fade-in and a
/// start phase, and a depth for each destination it drives (pitch, volume, amplitude, cutoff, pan).
/// </summary>
public sealed record FlexLfo
{
    /// <summary>Rate in Hz (<c>lfoN_freq</c>).</summary>
    public double FrequencyHz { get; init; }

    /// <summary>Seconds from note-on before the LFO starts (<c>lfoN_delay</c>).</summary>
    public double DelaySeconds { get; init; }

    /// <summary>Seconds over which its depth fades in after the delay (<c>lfoN_fade</c>).</summary>
    public double FadeSeconds { get; init; }

    /// <summary>Start phase, 0..1 of a cycle (<c>lfoN_phase</c>).</summary>
    public double Phase { get; init; }

    /// <summary>
    /// Waveform (<c>lfoN_wave</c>): 0 triangle, 1 sine (default), 2 pulse 75 %, 3 square, 4 pulse 25 %, 5 pulse 12.5 %,
    /// 6 saw rising, 7 saw falling.
    /// </summary>
    public int Wave { get; init; } = 1;

    /// <summary>Pitch depth in cents (<c>lfoN_pitch</c>).</summary>
    public double PitchCents { get; init; }

    /// <summary>Volume depth in dB (<c>lfoN_volume</c>).</summary>
    public double VolumeDb { get; init; }

    /// <summary>Amplitude depth in percent (<c>lfoN_amplitude</c>): the gain swings by ± this fraction.</summary>
    public double AmplitudePercent { get; init; }

    /// <summary>Cutoff depth in cents (<c>lfoN_cutoff</c>).</summary>
    public double CutoffCents { get; init; }

    /// <summary>Pan depth in percent (<c>lfoN_pan</c>).</summary>
    public double PanPercent { get; init; }

    /// <summary>The SFZ number N (<c>lfoN_</c>), by which other LFOs and EGs name it; 0: its position in the list + 1.</summary>
    public int Number { get; init; }

    /// <summary>Cycles after which the LFO stops (its value 0); <c>null</c> runs forever (<c>lfoN_count</c>).</summary>
    public int? Count { get; init; }

    /// <summary>
    /// Step sequencer levels in percent, −100..100 (<c>lfoN_steps</c> with <c>lfoN_stepX</c>): when given, the cycle is
    /// cut into this many equal steps, each holding its level, in place of <see cref="Wave"/>.
    /// </summary>
    public IReadOnlyList<double> Steps { get; init; } = [];

    /// <summary>Milliseconds of one-pole smoothing of the LFO's output (<c>lfoN_smooth</c>); 0 none.</summary>
    public double SmoothMs { get; init; }

    /// <summary>Routes from this LFO to other LFOs' rate and depth (<c>lfoN_freq_lfoX</c>, <c>_depth_lfoX</c>, <c>_depthadd_lfoX</c>).</summary>
    public IReadOnlyList<LfoModulation> LfoModulations { get; init; } = [];

    /// <summary>Filter resonance depth in dB (<c>lfoN_resonance</c>), added to <c>resonance</c>.</summary>
    public double ResonanceDb { get; init; }

    /// <summary>Stereo width depth in percent (<c>lfoN_width</c>), added to <c>width</c> and clamped to ±100 %.</summary>
    public double WidthPercent { get; init; }

    /// <summary>Depths on the region's equaliser bands (<c>lfoN_eqXfreq</c>, <c>lfoN_eqXbw</c>, <c>lfoN_eqXgain</c>), one entry per band.</summary>
    public IReadOnlyList<EqModulation> EqModulations { get; init; } = [];

    /// <summary>
    /// The LFO as a sum of sub-waveforms (ARIA <c>lfoN_waveX</c>, <c>lfoN_ratioX</c>, <c>lfoN_scaleX</c>, <c>lfoN_offsetX</c>;
    /// sfizz LFO.cpp): each adds <c>offset + scale × wave(phase)</c>, its phase running at <c>ratio</c> times the LFO's rate
    /// from <see cref="Phase"/>. Empty for a plain LFO (<see cref="Wave"/> or <see cref="Steps"/> alone, whose scale and
    /// ratio the loader folds into the depths and the rate); otherwise the first entry is that wave (its
    /// <see cref="FlexLfoSubWave.Wave"/> is <see cref="Wave"/>, or the steps when given) and the rate is not folded.
    /// </summary>
    public IReadOnlyList<FlexLfoSubWave> SubWaves { get; init; } = [];

    /// <summary>Controllers moving the rate and the depths (SFZ v2 <c>lfoN_freq_onccX</c>, <c>lfoN_pitch_onccX</c>…).</summary>
    public IReadOnlyList<LfoCcDepth> CcDepths { get; init; } = [];
}

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
}

namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The parameters of an <see cref="AutoPan"/>, in the units of the SFZ <c>apan_*</c> opcodes (percent, Hz, degrees).
/// Threads: any (immutable).
/// </summary>
public sealed record class AutoPanSettings : EffectSettings
{
    /// <summary>LFO wave number (as <c>lfoN_wave</c>: 0 triangle, 1 sine, ...).</summary>
    public int Waveform { get; init; }

    /// <summary>LFO rate (Hz).</summary>
    public ControlledParameter FrequencyHz { get; init; } = ControlledParameter.Constant(1);

    /// <summary>The right side's LFO lag behind the left's (degrees, 0..180: 0 a tremolo, 180 a full auto-pan).</summary>
    public ControlledParameter PhaseDegrees { get; init; } = ControlledParameter.Constant(180);

    /// <summary>How far each side's gain dips (%): at 100 % a side falls silent at its LFO's low point.</summary>
    public ControlledParameter DepthPercent { get; init; } = ControlledParameter.Constant(50);

    /// <summary>Level of the unmodulated signal (%).</summary>
    public ControlledParameter DryPercent { get; init; } = ControlledParameter.Constant(0);

    /// <summary>Level of the modulated signal (%).</summary>
    public ControlledParameter WetPercent { get; init; } = ControlledParameter.Constant(100);
}

namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The parameters of a <see cref="Distortion"/>, in the units of the SFZ <c>disto_*</c> opcodes (percent; stages a
/// count). Threads: any (immutable).
/// </summary>
public sealed record class DistortionSettings : EffectSettings
{
    /// <summary>Most stages in series.</summary>
    public const int MaxStages = 10;

    /// <summary>Drive (%): 0 leaves the signal linear, 100 drives each stage 25 times (+28 dB) into saturation.</summary>
    public ControlledParameter DepthPercent { get; init; } = ControlledParameter.Constant(0);

    /// <summary>Brightness (%) of the lowpass after the shaper: 0 → 200 Hz, 100 → 20 kHz, exponentially.</summary>
    public ControlledParameter TonePercent { get; init; } = ControlledParameter.Constant(100);

    /// <summary>Number of shaping stages in series (1..<see cref="MaxStages"/>).</summary>
    public int Stages { get; init; } = 1;

    /// <summary>Level of the distorted signal (%).</summary>
    public ControlledParameter WetPercent { get; init; } = ControlledParameter.Constant(100);

    /// <summary>Level of the clean signal (%).</summary>
    public ControlledParameter DryPercent { get; init; } = ControlledParameter.Constant(0);
}

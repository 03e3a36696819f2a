namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The parameters of a <see cref="Phaser"/>, in the units of the SFZ <c>phaser_*</c> opcodes. Threads: any
/// (immutable).
/// </summary>
public sealed record class PhaserSettings : EffectSettings
{
    /// <summary>Most allpass stages.</summary>
    public const int MaxStages = 12;

    /// <summary>Sweep depth (%): 100 % sweeps the allpass frequency ±3 octaves around 800 Hz (100 Hz..6.4 kHz).</summary>
    public ControlledParameter DepthPercent { get; init; } = ControlledParameter.Constant(50);

    /// <summary>Part of the chain's output fed back into its input (%; 100 % is held at 95 % so the loop stays stable).</summary>
    public ControlledParameter FeedbackPercent { get; init; } = ControlledParameter.Constant(0);

    /// <summary>LFO rate (Hz).</summary>
    public ControlledParameter FrequencyHz { get; init; } = ControlledParameter.Constant(0.5);

    /// <summary>Number of first-order allpass stages (each pair makes one notch).</summary>
    public int Stages { get; init; } = 4;

    /// <summary>LFO wave number (as <c>lfoN_wave</c>: 0 triangle, 1 sine, ...).</summary>
    public int Waveform { get; init; } = 1;

    /// <summary>Mix (%): 0 dry only; 100 dry and phase-shifted signal equally, for full-depth notches.</summary>
    public ControlledParameter WetPercent { get; init; } = ControlledParameter.Constant(100);

    /// <summary>The right side's LFO lag behind the left's (% of half a cycle: 100 % = 180°), from <c>phaser_phase_onccN</c>.</summary>
    public ControlledParameter StereoPhasePercent { get; init; } = ControlledParameter.Constant(0);
}

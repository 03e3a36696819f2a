namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The parameters of a <see cref="NoiseGate"/>, as the SFZ <c>gate_*</c> opcodes give them (defaults and ranges as
/// sfizz's: attack 5 ms, release 50 ms, threshold 0 dB, no stereo link). Threads: any (immutable).
/// </summary>
public sealed record class GateSettings : EffectSettings
{
    /// <summary>Time constant of the gate opening (s).</summary>
    public double AttackSeconds { get; init; } = 0.005;

    /// <summary>Time constant of the gate closing (s).</summary>
    public double ReleaseSeconds { get; init; } = 0.05;

    /// <summary>Peak level (dBFS) below which the gate closes.</summary>
    public double ThresholdDb { get; init; }

    /// <summary>Whether both sides share one detector (the louder side opens both).</summary>
    public bool StereoLink { get; init; }

    /// <summary>
    /// Manual control (SFZ <c>gate_onccN</c>, %): the gate is held open at least this far (0 = the detector alone,
    /// 100 = fully open whatever the level).
    /// </summary>
    public ControlledParameter ManualPercent { get; init; } = ControlledParameter.Constant(0);
}

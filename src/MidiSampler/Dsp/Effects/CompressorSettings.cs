namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The parameters of a <see cref="Compressor"/>, as the SFZ <c>comp_*</c> opcodes give them (defaults and ranges as
/// sfizz's: attack 5 ms, release 50 ms, threshold 0 dB, ratio 1, gain 0 dB, no stereo link). Threads: any (immutable).
/// </summary>
public sealed record class CompressorSettings : EffectSettings
{
    /// <summary>Time constant of the gain reduction rising (s).</summary>
    public double AttackSeconds { get; init; } = 0.005;

    /// <summary>Time constant of the gain reduction falling back (s).</summary>
    public double ReleaseSeconds { get; init; } = 0.05;

    /// <summary>Level above which the compressor acts (dBFS, peak).</summary>
    public double ThresholdDb { get; init; }

    /// <summary>Input dB above the threshold per output dB above it (1 = no compression).</summary>
    public double Ratio { get; init; } = 1;

    /// <summary>Make-up gain applied after compression (dB).</summary>
    public double GainDb { get; init; }

    /// <summary>Whether both sides share one detector (and so one gain), keeping the stereo image.</summary>
    public bool StereoLink { get; init; }
}

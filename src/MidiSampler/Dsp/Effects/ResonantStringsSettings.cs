namespace MidiSampler.Dsp.Effects;

/// <summary>The parameters of a <see cref="ResonantStrings"/> (SFZ <c>strings_*</c>). Threads: any (immutable).</summary>
public sealed record class ResonantStringsSettings : EffectSettings
{
    /// <summary>Most strings: a piano's 88, A0 upwards (sfizz's bound).</summary>
    public const int MaxStrings = 88;

    /// <summary>Number of strings, tuned to equal-tempered notes from A0 (MIDI 21) upwards.</summary>
    public int Count { get; init; } = MaxStrings;

    /// <summary>Level of the strings' resonance added to the bus (%), from <c>strings_wet_onccN</c>.</summary>
    public ControlledParameter WetPercent { get; init; } = ControlledParameter.Constant(0);

    /// <summary>Time for a string's ringing to fall by 60 dB (s).</summary>
    public double DecaySeconds { get; init; } = 2;
}

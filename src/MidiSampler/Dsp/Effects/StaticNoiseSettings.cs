namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The parameters of a <see cref="StaticNoise"/>, in the units of the SFZ <c>static_*</c> opcodes (levels and tone in
/// percent, times in seconds). Threads: any (immutable).
/// </summary>
public sealed record class StaticNoiseSettings : EffectSettings
{
    /// <summary>Level of the continuous hiss (%): 100 % is white noise at −20 dBFS RMS.</summary>
    public ControlledParameter LevelPercent { get; init; } = ControlledParameter.Constant(0);

    /// <summary>Filter shaping the hiss and the crackles (<see cref="EffectFilterType.None"/> reads as a one-pole lowpass).</summary>
    public EffectFilterType Filter { get; init; } = EffectFilterType.Lowpass1Pole;

    /// <summary>The filter's frequency (%): 0 → 200 Hz, 100 → 20 kHz, exponentially.</summary>
    public double TonePercent { get; init; } = 100;

    /// <summary>Whether each side gets its own noise (true) or both the same (mono).</summary>
    public bool Stereo { get; init; } = true;

    /// <summary>Peak level of the regular click (%, of full scale), as a scratch heard once per turn of a record.</summary>
    public double CyclicLevelPercent { get; init; }

    /// <summary>Time between regular clicks (s; 1.8 s is one turn at 33⅓ rpm).</summary>
    public double CyclicTimeSeconds { get; init; } = 1.8;

    /// <summary>Peak level of the random crackles (%, of full scale).</summary>
    public double RandomLevelPercent { get; init; }

    /// <summary>Shortest time between random crackles (s).</summary>
    public double RandomMinTimeSeconds { get; init; } = 0.05;

    /// <summary>Longest time between random crackles (s).</summary>
    public double RandomMaxTimeSeconds { get; init; } = 0.5;
}

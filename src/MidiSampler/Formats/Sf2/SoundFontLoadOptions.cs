namespace MidiSampler.Formats.Sf2;

/// <summary>Options for <see cref="SoundFontLoader"/>.</summary>
public sealed record SoundFontLoadOptions
{
    /// <summary>
    /// Factor applied to the initialAttenuation generator (centibels) before it becomes <c>Region.VolumeDb</c>.
    /// Default 0.4: FluidSynth (fluid_defsfont.c, EMU_ATTENUATION_FACTOR) scales the generator by 0.4 at load because
    /// EMU8k/10k hardware does and most banks were voiced on it; the spec (section 8.1.3, generator 48) means 1.0.
    /// </summary>
    public double AttenuationFactor { get; init; } = 0.4;

    /// <summary>
    /// When true (the default), a zone whose keynumToVolEnvHold or keynumToVolEnvDecay is non-zero becomes one region
    /// per key, so that each key gets its own hold and decay time (spec section 8.1.2, generators 39 and 40).
    /// </summary>
    public bool SplitKeyTrackedEnvelopes { get; init; } = true;

    /// <summary>
    /// Where the PCM samples of a bank loaded from a file may go instead of RAM: a streaming <c>SampleStore</c> streams a
    /// large bank (its mode and size threshold decide, as for SFZ). Null (the default) holds every sample in RAM.
    /// </summary>
    public ISampleRangeLoader? Samples { get; init; }
}

namespace MidiSampler.Model;

/// <summary>How a sample's values are stored in memory (what the voice kernels read).</summary>
public enum SampleFormat
{
    /// <summary>32-bit float, full scale ±1: float sources, and 24-bit ones (24 bits fit a float's mantissa exactly).</summary>
    Float32,

    /// <summary>16-bit signed integers, full scale ±32,768: 16-bit (and 8-bit) sources, half the memory of float.</summary>
    Int16,
}

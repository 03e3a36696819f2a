namespace MidiSampler.Formats.Wav;

/// <summary>How one sample value is stored in a WAV data chunk (the decoders' view of the fmt chunk).</summary>
internal enum WavEncoding
{
    /// <summary>8-bit unsigned PCM, 128 is silence (the WAV convention for 8 bits only).</summary>
    Pcm8,

    /// <summary>16-bit signed little-endian PCM.</summary>
    Pcm16,

    /// <summary>24-bit signed little-endian PCM in 3 bytes.</summary>
    Pcm24,

    /// <summary>32-bit signed little-endian PCM (also 24-in-32 extensible files: samples are left-justified).</summary>
    Pcm32,

    /// <summary>32-bit IEEE float.</summary>
    Float32,

    /// <summary>64-bit IEEE float.</summary>
    Float64,
}

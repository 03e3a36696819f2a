namespace MidiSampler.Formats.Wav;

/// <summary>The sample encoding <see cref="WavWriter"/> writes.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed integer PCM (WAVE_FORMAT_PCM).</summary>
    Pcm16,

    /// <summary>24-bit signed integer PCM, packed in 3 bytes (WAVE_FORMAT_PCM).</summary>
    Pcm24,

    /// <summary>32-bit IEEE float (WAVE_FORMAT_IEEE_FLOAT with a <c>fact</c> chunk), not clipped.</summary>
    Float32,
}

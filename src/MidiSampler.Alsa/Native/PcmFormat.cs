namespace MidiSampler.Alsa.Native;

/// <summary>The <c>snd_pcm_format_t</c> values the host can write (alsa/pcm.h).</summary>
internal enum PcmFormat
{
    /// <summary>SND_PCM_FORMAT_S16_LE.</summary>
    S16_LE = 2,

    /// <summary>SND_PCM_FORMAT_S24_LE: 24 bits in the low three bytes of a 32-bit word.</summary>
    S24_LE = 6,

    /// <summary>SND_PCM_FORMAT_S32_LE.</summary>
    S32_LE = 10,

    /// <summary>SND_PCM_FORMAT_FLOAT_LE.</summary>
    FLOAT_LE = 14,

    /// <summary>SND_PCM_FORMAT_S24_3LE: 24 bits packed in three bytes.</summary>
    S24_3LE = 32,
}

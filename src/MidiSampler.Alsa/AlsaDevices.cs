namespace MidiSampler.Alsa;

/// <summary>Facts about ALSA playback devices for reports (<c>midi-sampler check</c>).</summary>
public static class AlsaDevices
{
    /// <summary>
    /// Opens <paramref name="device"/>, negotiates as the host would (format, rate, period, periods), and closes it:
    /// what the device grants. Control thread.
    /// </summary>
    /// <exception cref="AlsaException">The device is missing, busy or offers nothing usable.</exception>
    public static PcmGrant Probe(string device, int sampleRateHz, int periodFrames, int periods)
    {
        using var pcm = PcmOutput.Open(device, sampleRateHz, periodFrames, periods);
        return pcm.Grant;
    }
}

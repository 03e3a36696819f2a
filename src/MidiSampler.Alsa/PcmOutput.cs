using System.Runtime.InteropServices;
using MidiSampler.Alsa.Native;

namespace MidiSampler.Alsa;

/// <summary>
/// An ALSA playback PCM opened for interleaved writes, with its format, rate, period and buffer negotiated.
/// </summary>
/// <remarks>
/// Design: the format is the first of FLOAT_LE, S32_LE, S24_3LE, S24_LE, S16_LE that the device offers (many USB
/// class-compliant interfaces offer only S24_3LE or S32_LE; the JACK plugin only FLOAT_LE), tested on the full
/// configuration space before anything is fixed. Then two channels (or the nearest count), the rate, the period and
/// the number of periods are asked for with the <c>_near</c> setters, which take what the device grants: the grant is
/// reported, never silently assumed. Software parameters start the stream once the buffer is full and wake the writer
/// when a period is free, which is the classic blocking-write loop (aplay, FluidSynth's ALSA driver).
/// Threads: <see cref="Open"/> and <see cref="Dispose"/> on the control thread; <see cref="Write"/> on the audio thread only.
/// </remarks>
internal sealed unsafe class PcmOutput : IDisposable
{
    private const int EPIPE = 32, ESTRPIPE = 86, EAGAIN = 11, EINTR = 4;

    /// <summary>Formats in order of preference: float needs no conversion, then the widest integer formats.</summary>
    public static readonly PcmFormat[] Preference = [PcmFormat.FLOAT_LE, PcmFormat.S32_LE, PcmFormat.S24_3LE, PcmFormat.S24_LE, PcmFormat.S16_LE];

    private readonly PcmHandle _handle;
    private readonly snd_pcm_t* _pcm;

    private PcmOutput(PcmHandle handle, PcmGrant grant, PcmFormat format)
    {
        _handle = handle;
        _pcm = handle.Pointer;
        Grant = grant;
        Format = format;
        FrameBytes = PcmSampleWriter.BytesPerSample(format) * grant.Channels;
    }

    /// <summary>What the device granted.</summary>
    public PcmGrant Grant { get; }

    /// <summary>The sample format written.</summary>
    public PcmFormat Format { get; }

    /// <summary>Bytes per interleaved frame.</summary>
    public int FrameBytes { get; }

    /// <summary>Opens <paramref name="device"/> and negotiates the configuration. Control thread.</summary>
    /// <exception cref="AlsaException">The device does not exist, is busy, or offers none of the formats, access or rates the host can use.</exception>
    public static PcmOutput Open(string device, int sampleRateHz, int periodFrames, int periods)
    {
        LibAsound.Bind();
        int error = LibAsound.snd_pcm_open(out var handle, device, LibAsound.SND_PCM_STREAM_PLAYBACK, 0);
        if (error < 0)
        {
            handle.Dispose();
            throw new AlsaException($"cannot open ALSA playback device '{device}': {LibAsound.ErrorText(error)}{Hint(error)}") { Error = error };
        }

        try
        {
            var pcm = handle.Pointer;
            AlsaException.Check(LibAsound.snd_pcm_hw_params_malloc(out var hwHandle), "snd_pcm_hw_params_malloc");
            using (hwHandle)
            {
                var hw = hwHandle.Pointer;
                Fail(LibAsound.snd_pcm_hw_params_any(pcm, hw), device, "has no configuration");
                Fail(LibAsound.snd_pcm_hw_params_set_access(pcm, hw, LibAsound.SND_PCM_ACCESS_RW_INTERLEAVED), device, "refuses interleaved read/write access");
                var offered = new List<PcmFormat>();
                foreach (var candidate in Preference)
                {
                    if (LibAsound.snd_pcm_hw_params_test_format(pcm, hw, candidate) == 0)
                        offered.Add(candidate);
                }

                if (offered.Count == 0)
                    throw new AlsaException($"ALSA device '{device}' offers none of the sample formats {string.Join(", ", Preference)} (try plughw:... or default, which convert)");
                var format = offered[0];
                Fail(LibAsound.snd_pcm_hw_params_set_format(pcm, hw, format), device, $"refuses format {format}");
                uint channels = 2;
                Fail(LibAsound.snd_pcm_hw_params_set_channels_near(pcm, hw, &channels), device, "grants no channel count");
                uint rate = (uint)sampleRateHz;
                int dir = 0;
                Fail(LibAsound.snd_pcm_hw_params_set_rate_near(pcm, hw, &rate, &dir), device, $"grants no rate near {sampleRateHz} Hz");
                nuint period = (nuint)periodFrames;
                dir = 0;
                Fail(LibAsound.snd_pcm_hw_params_set_period_size_near(pcm, hw, &period, &dir), device, $"grants no period near {periodFrames} frames");
                uint count = (uint)periods;
                dir = 0;
                Fail(LibAsound.snd_pcm_hw_params_set_periods_near(pcm, hw, &count, &dir), device, $"grants no {periods} periods");
                Fail(LibAsound.snd_pcm_hw_params(pcm, hw), device, "refuses the negotiated configuration");

                nuint grantedPeriod, buffer;
                uint grantedRate, grantedChannels;
                dir = 0;
                LibAsound.snd_pcm_hw_params_get_period_size(hw, &grantedPeriod, &dir);
                LibAsound.snd_pcm_hw_params_get_buffer_size(hw, &buffer);
                LibAsound.snd_pcm_hw_params_get_rate(hw, &grantedRate, &dir);
                LibAsound.snd_pcm_hw_params_get_channels(hw, &grantedChannels);

                AlsaException.Check(LibAsound.snd_pcm_sw_params_malloc(out var swHandle), "snd_pcm_sw_params_malloc");
                using (swHandle)
                {
                    var sw = swHandle.Pointer;
                    Fail(LibAsound.snd_pcm_sw_params_current(pcm, sw), device, "has no software parameters");
                    Fail(LibAsound.snd_pcm_sw_params_set_start_threshold(pcm, sw, buffer), device, "refuses the start threshold");
                    Fail(LibAsound.snd_pcm_sw_params_set_avail_min(pcm, sw, grantedPeriod), device, "refuses the wake-up threshold");
                    Fail(LibAsound.snd_pcm_sw_params(pcm, sw), device, "refuses the software parameters");
                }

                var grant = new PcmGrant(device, format.ToString(), offered.ConvertAll(f => f.ToString()), (int)grantedRate, sampleRateHz,
                    (int)grantedChannels, (int)grantedPeriod, periodFrames, (int)(buffer / Math.Max(1, grantedPeriod)), (int)buffer);
                return new PcmOutput(handle, grant, format);
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="frames"/> interleaved frames, blocking until the device has room (which paces the audio
    /// thread). An underrun or suspend is recovered (snd_pcm_recover, silently) and the period written again; any
    /// other error means the device is gone. Audio thread: no allocation, no exception.
    /// </summary>
    public PcmWriteResult Write(byte* interleaved, int frames, out int error)
    {
        var result = PcmWriteResult.Written;
        error = 0;
        int done = 0;
        int attempts = 0;
        while (done < frames)
        {
            nint written = LibAsound.snd_pcm_writei(_pcm, interleaved + ((long)done * FrameBytes), (nuint)(frames - done));
            if (written >= 0)
            {
                done += (int)written;
                continue;
            }

            int code = (int)written;
            if (code == -EAGAIN || code == -EINTR)
                continue;
            if ((code == -EPIPE || code == -ESTRPIPE) && ++attempts <= 4 && LibAsound.snd_pcm_recover(_pcm, code, 1) >= 0)
            {
                result = PcmWriteResult.RecoveredXrun;
                continue;
            }

            error = code;
            return PcmWriteResult.DeviceLost;
        }

        return result;
    }

    /// <summary>Stops at once, dropping what is buffered (the host faded out first). Control thread.</summary>
    public void Drop() => _ = LibAsound.snd_pcm_drop(_pcm);

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();

    /// <summary>alsa-lib's text for an error code (control thread; allocates).</summary>
    public static string ErrorText(int error) => LibAsound.ErrorText(error);

    private static void Fail(int result, string device, string what)
    {
        if (result < 0)
            throw new AlsaException($"ALSA device '{device}' {what}: {LibAsound.ErrorText(result)}") { Error = result };
    }

    private static string Hint(int error) => error switch
    {
        -2 => " (no such device: `aplay -L` lists the names, `aplay -l` the cards)",
        -16 => " (busy: another program, a JACK or PulseAudio server, holds it; `fuser -v /dev/snd/*` shows which)",
        -13 => " (permission denied: add the user to the 'audio' group)",
        _ => "",
    };

    /// <summary>The native memory a period's bytes are written to. Control thread: allocates (once).</summary>
    public static byte* AllocateBuffer(int bytes) => (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
}

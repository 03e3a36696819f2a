using System.Reflection;
using System.Runtime.InteropServices;

namespace MidiSampler.Alsa.Native;

/// <summary>
/// libasound (alsa/pcm.h, alsa/seq.h, alsa/seq_midi_event.h), the C names kept exactly.
/// </summary>
/// <remarks>
/// Threads: <c>snd_pcm_writei</c>, <c>snd_pcm_recover</c>, <c>snd_pcm_avail_update</c> and <c>snd_pcm_state</c> are the
/// only calls made on the audio thread; they take raw pointers (no SafeHandle reference counting, no marshalling).
/// Everything else is control thread (or the sequencer reader thread). Return codes are negative errno values, turned
/// into <see cref="AlsaException"/> by the friendly classes, never on the audio thread.
/// </remarks>
internal static unsafe partial class LibAsound
{
    /// <summary>The soname of alsa-lib (Debian: libasound2 / libasound2t64).</summary>
    public const string Library = "libasound.so.2";

    /// <summary>SND_PCM_STREAM_PLAYBACK.</summary>
    public const int SND_PCM_STREAM_PLAYBACK = 0;

    /// <summary>SND_PCM_ACCESS_RW_INTERLEAVED.</summary>
    public const int SND_PCM_ACCESS_RW_INTERLEAVED = 3;

    /// <summary>SND_SEQ_OPEN_INPUT.</summary>
    public const int SND_SEQ_OPEN_INPUT = 2;

    /// <summary>SND_SEQ_OPEN_DUPLEX.</summary>
    public const int SND_SEQ_OPEN_DUPLEX = 3;

    /// <summary>SND_SEQ_NONBLOCK.</summary>
    public const int SND_SEQ_NONBLOCK = 1;

    /// <summary>SND_SEQ_PORT_CAP_READ | WRITE | SUBS_READ | SUBS_WRITE (alsa/seq.h).</summary>
    public const uint SND_SEQ_PORT_CAP_READ = 1 << 0, SND_SEQ_PORT_CAP_WRITE = 1 << 1, SND_SEQ_PORT_CAP_SUBS_READ = 1 << 5, SND_SEQ_PORT_CAP_SUBS_WRITE = 1 << 6;

    /// <summary>SND_SEQ_PORT_CAP_NO_EXPORT: a port others cannot subscribe to (alsa/seq.h).</summary>
    public const uint SND_SEQ_PORT_CAP_NO_EXPORT = 1 << 7;

    /// <summary>SND_SEQ_PORT_TYPE_MIDI_GENERIC, HARDWARE, APPLICATION (alsa/seq.h).</summary>
    public const uint SND_SEQ_PORT_TYPE_MIDI_GENERIC = 1 << 1, SND_SEQ_PORT_TYPE_HARDWARE = 1 << 16, SND_SEQ_PORT_TYPE_APPLICATION = 1 << 20;

    /// <summary>SND_SEQ_CLIENT_SYSTEM and SND_SEQ_PORT_SYSTEM_ANNOUNCE: where port and client changes are announced.</summary>
    public const int SND_SEQ_CLIENT_SYSTEM = 0, SND_SEQ_PORT_SYSTEM_ANNOUNCE = 1;

    private static int _bound;

    /// <summary>
    /// Loads libasound and binds every import now, so that the audio thread never pays a lazy P/Invoke binding
    /// (which allocates) on its first call.
    /// </summary>
    /// <exception cref="AlsaException">libasound.so.2 cannot be loaded.</exception>
    public static void Bind()
    {
        if (Interlocked.Exchange(ref _bound, 1) != 0)
            return;
        try
        {
            foreach (var method in typeof(LibAsound).GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0)
                    Marshal.Prelink(method);
            }
        }
        catch (DllNotFoundException e)
        {
            Volatile.Write(ref _bound, 0);
            throw new AlsaException($"cannot load {Library}: install alsa-lib (libasound2)", e);
        }
    }

    /// <summary>alsa-lib's text for a negative error code.</summary>
    public static string ErrorText(int error) => Marshal.PtrToStringUTF8((nint)snd_strerror(error)) ?? $"error {error}";

    [LibraryImport(Library)]
    public static partial byte* snd_strerror(int errnum);

    // ---- PCM ----
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_pcm_open(out PcmHandle pcm, string name, int stream, int mode);

    [LibraryImport(Library)]
    public static partial int snd_pcm_close(snd_pcm_t* pcm);

    [LibraryImport(Library)]
    public static partial byte* snd_pcm_name(snd_pcm_t* pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_malloc(out HwParamsHandle ptr);

    [LibraryImport(Library)]
    public static partial void snd_pcm_hw_params_free(snd_pcm_hw_params_t* obj);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_any(snd_pcm_t* pcm, snd_pcm_hw_params_t* parameters);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_access(snd_pcm_t* pcm, snd_pcm_hw_params_t* parameters, int access);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_test_format(snd_pcm_t* pcm, snd_pcm_hw_params_t* parameters, PcmFormat format);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_format(snd_pcm_t* pcm, snd_pcm_hw_params_t* parameters, PcmFormat format);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_channels_near(snd_pcm_t* pcm, snd_pcm_hw_params_t* parameters, uint* val);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_rate_near(snd_pcm_t* pcm, snd_pcm_hw_params_t* parameters, uint* val, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_period_size_near(snd_pcm_t* pcm, snd_pcm_hw_params_t* parameters, nuint* val, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_periods_near(snd_pcm_t* pcm, snd_pcm_hw_params_t* parameters, uint* val, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_buffer_size_near(snd_pcm_t* pcm, snd_pcm_hw_params_t* parameters, nuint* val);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params(snd_pcm_t* pcm, snd_pcm_hw_params_t* parameters);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_period_size(snd_pcm_hw_params_t* parameters, nuint* val, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_period_size_min(snd_pcm_hw_params_t* parameters, nuint* val, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_period_size_max(snd_pcm_hw_params_t* parameters, nuint* val, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_buffer_size(snd_pcm_hw_params_t* parameters, nuint* val);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_rate(snd_pcm_hw_params_t* parameters, uint* val, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_rate_min(snd_pcm_hw_params_t* parameters, uint* val, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_rate_max(snd_pcm_hw_params_t* parameters, uint* val, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_channels(snd_pcm_hw_params_t* parameters, uint* val);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_malloc(out SwParamsHandle ptr);

    [LibraryImport(Library)]
    public static partial void snd_pcm_sw_params_free(snd_pcm_sw_params_t* obj);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_current(snd_pcm_t* pcm, snd_pcm_sw_params_t* parameters);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_set_start_threshold(snd_pcm_t* pcm, snd_pcm_sw_params_t* parameters, nuint val);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_set_avail_min(snd_pcm_t* pcm, snd_pcm_sw_params_t* parameters, nuint val);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params(snd_pcm_t* pcm, snd_pcm_sw_params_t* parameters);

    /// <summary>Audio thread.</summary>
    [LibraryImport(Library)]
    public static partial nint snd_pcm_writei(snd_pcm_t* pcm, void* buffer, nuint size);

    /// <summary>Audio thread.</summary>
    [LibraryImport(Library)]
    public static partial int snd_pcm_recover(snd_pcm_t* pcm, int err, int silent);

    [LibraryImport(Library)]
    public static partial int snd_pcm_prepare(snd_pcm_t* pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_drop(snd_pcm_t* pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_drain(snd_pcm_t* pcm);

    // ---- Sequencer ----
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_seq_open(out SeqHandle handle, string name, int streams, int mode);

    [LibraryImport(Library)]
    public static partial int snd_seq_close(snd_seq_t* handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_seq_set_client_name(snd_seq_t* seq, string name);

    [LibraryImport(Library)]
    public static partial int snd_seq_client_id(snd_seq_t* seq);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_seq_create_simple_port(snd_seq_t* seq, string name, uint caps, uint type);

    [LibraryImport(Library)]
    public static partial int snd_seq_connect_from(snd_seq_t* seq, int myport, int src_client, int src_port);

    [LibraryImport(Library)]
    public static partial int snd_seq_event_input(snd_seq_t* handle, snd_seq_event_t** ev);

    [LibraryImport(Library)]
    public static partial int snd_seq_poll_descriptors_count(snd_seq_t* handle, short events);

    [LibraryImport(Library)]
    public static partial int snd_seq_poll_descriptors(snd_seq_t* handle, PollFd* pfds, uint space, short events);

    [LibraryImport(Library)]
    public static partial int snd_seq_client_info_malloc(out ClientInfoHandle ptr);

    [LibraryImport(Library)]
    public static partial void snd_seq_client_info_free(snd_seq_client_info_t* obj);

    [LibraryImport(Library)]
    public static partial void snd_seq_client_info_set_client(snd_seq_client_info_t* info, int client);

    [LibraryImport(Library)]
    public static partial int snd_seq_client_info_get_client(snd_seq_client_info_t* info);

    [LibraryImport(Library)]
    public static partial byte* snd_seq_client_info_get_name(snd_seq_client_info_t* info);

    [LibraryImport(Library)]
    public static partial int snd_seq_query_next_client(snd_seq_t* handle, snd_seq_client_info_t* info);

    [LibraryImport(Library)]
    public static partial int snd_seq_get_any_client_info(snd_seq_t* handle, int client, snd_seq_client_info_t* info);

    [LibraryImport(Library)]
    public static partial int snd_seq_port_info_malloc(out PortInfoHandle ptr);

    [LibraryImport(Library)]
    public static partial void snd_seq_port_info_free(snd_seq_port_info_t* obj);

    [LibraryImport(Library)]
    public static partial void snd_seq_port_info_set_client(snd_seq_port_info_t* info, int client);

    [LibraryImport(Library)]
    public static partial void snd_seq_port_info_set_port(snd_seq_port_info_t* info, int port);

    [LibraryImport(Library)]
    public static partial int snd_seq_port_info_get_port(snd_seq_port_info_t* info);

    [LibraryImport(Library)]
    public static partial byte* snd_seq_port_info_get_name(snd_seq_port_info_t* info);

    [LibraryImport(Library)]
    public static partial uint snd_seq_port_info_get_capability(snd_seq_port_info_t* info);

    [LibraryImport(Library)]
    public static partial uint snd_seq_port_info_get_type(snd_seq_port_info_t* info);

    [LibraryImport(Library)]
    public static partial int snd_seq_query_next_port(snd_seq_t* handle, snd_seq_port_info_t* info);

    [LibraryImport(Library)]
    public static partial int snd_seq_get_any_port_info(snd_seq_t* handle, int client, int port, snd_seq_port_info_t* info);

    // ---- MIDI event codec (pure code: no device needed) ----
    [LibraryImport(Library)]
    public static partial int snd_midi_event_new(nuint bufsize, out MidiCodecHandle rdev);

    [LibraryImport(Library)]
    public static partial void snd_midi_event_free(snd_midi_event_t* dev);

    [LibraryImport(Library)]
    public static partial void snd_midi_event_no_status(snd_midi_event_t* dev, int on);

    [LibraryImport(Library)]
    public static partial void snd_midi_event_reset_decode(snd_midi_event_t* dev);

    [LibraryImport(Library)]
    public static partial nint snd_midi_event_decode(snd_midi_event_t* dev, byte* buf, nint count, snd_seq_event_t* ev);

    // ---- libc ----
    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint nfds, int timeout);
}

using System.Reflection;
using System.Runtime.InteropServices;

namespace MidiSampler.Jack.Native;

/// <summary>
/// libjack (jack/jack.h, jack/midiport.h), the C names kept exactly. The same soname,
/// <c>libjack.so.0</c>, is provided by jackd2 and by PipeWire's JACK (pipewire-jack), so one binary
/// runs against either.
/// </summary>
/// <remarks>
/// Threads: the functions marked "audio thread" are the only ones called from the process callback;
/// they take raw pointers (no SafeHandle reference counting, no marshalling, no allocation). Everything
/// else is control thread. Return codes are checked by <see cref="JackClient"/>, never on the audio thread.
/// </remarks>
internal static unsafe partial class LibJack
{
    /// <summary>The library name; on PipeWire systems the loader finds pipewire-jack's copy.</summary>
    public const string Library = "libjack.so.0";

    private static int _bound;

    /// <summary>JACK_DEFAULT_AUDIO_TYPE.</summary>
    public const string DefaultAudioType = "32 bit float mono audio";

    /// <summary>JACK_DEFAULT_MIDI_TYPE.</summary>
    public const string DefaultMidiType = "8 bit raw midi";

    /// <summary>
    /// Loads libjack and binds every import now. The runtime binds a P/Invoke lazily on its first call,
    /// and that first call allocates (measured: 48 bytes for jack_midi_event_get, whose first call is
    /// the first MIDI event): done here, on the control thread, the audio thread never pays it.
    /// </summary>
    /// <exception cref="JackException">libjack.so.0 cannot be loaded.</exception>
    public static void Bind()
    {
        if (Interlocked.Exchange(ref _bound, 1) != 0)
            return;
        try
        {
            // LibraryImport generates a private [DllImport] stub per function: prelink those.
            foreach (var method in typeof(LibJack).GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0)
                    Marshal.Prelink(method);
            }
        }
        catch (DllNotFoundException e)
        {
            Volatile.Write(ref _bound, 0);
            throw new JackException($"cannot load {Library}: install JACK (jackd2) or PipeWire's JACK (pipewire-jack)", e);
        }
    }

    // jack_client_open is variadic; we never pass the variadic server name (JackServerName) and use
    // JACK_DEFAULT_SERVER instead, so a fixed-argument call is correct on x86-64 and AArch64 Linux.
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial JackClientHandle jack_client_open(string client_name, JackOptions options, out JackStatus status);

    [LibraryImport(Library)]
    public static partial int jack_client_close(jack_client_t* client);

    [LibraryImport(Library)]
    public static partial byte* jack_get_client_name(JackClientHandle client);

    [LibraryImport(Library)]
    public static partial int jack_activate(JackClientHandle client);

    [LibraryImport(Library)]
    public static partial int jack_deactivate(JackClientHandle client);

    [LibraryImport(Library)]
    public static partial int jack_set_process_callback(JackClientHandle client, delegate* unmanaged[Cdecl]<uint, void*, int> process_callback, void* arg);

    [LibraryImport(Library)]
    public static partial int jack_set_xrun_callback(JackClientHandle client, delegate* unmanaged[Cdecl]<void*, int> xrun_callback, void* arg);

    [LibraryImport(Library)]
    public static partial int jack_set_buffer_size_callback(JackClientHandle client, delegate* unmanaged[Cdecl]<uint, void*, int> bufsize_callback, void* arg);

    [LibraryImport(Library)]
    public static partial int jack_set_sample_rate_callback(JackClientHandle client, delegate* unmanaged[Cdecl]<uint, void*, int> srate_callback, void* arg);

    [LibraryImport(Library)]
    public static partial void jack_on_info_shutdown(JackClientHandle client, delegate* unmanaged[Cdecl]<JackStatus, byte*, void*, void> shutdown_callback, void* arg);

    [LibraryImport(Library)]
    public static partial uint jack_get_sample_rate(JackClientHandle client);

    [LibraryImport(Library)]
    public static partial uint jack_get_buffer_size(JackClientHandle client);

    [LibraryImport(Library)]
    public static partial float jack_cpu_load(JackClientHandle client);

    [LibraryImport(Library)]
    public static partial nuint jack_client_thread_id(JackClientHandle client);

    [LibraryImport(Library)]
    public static partial int jack_is_realtime(JackClientHandle client);

    [LibraryImport(Library)]
    public static partial int jack_acquire_real_time_scheduling(nuint thread, int priority);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial jack_port_t* jack_port_register(JackClientHandle client, string port_name, string port_type, JackPortFlags flags, nuint buffer_size);

    [LibraryImport(Library)]
    public static partial byte* jack_port_name(jack_port_t* port);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial byte** jack_get_ports(JackClientHandle client, string? port_name_pattern, string? type_name_pattern, JackPortFlags flags);

    [LibraryImport(Library)]
    public static partial void jack_free(void* ptr);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int jack_connect(JackClientHandle client, string source_port, string destination_port);

    [LibraryImport(Library)]
    public static partial void jack_set_error_function(delegate* unmanaged[Cdecl]<byte*, void> func);

    [LibraryImport(Library)]
    public static partial void jack_set_info_function(delegate* unmanaged[Cdecl]<byte*, void> func);

    /// <summary>Audio thread.</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial void* jack_port_get_buffer(jack_port_t* port, uint nframes);

    /// <summary>Audio thread.</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial uint jack_midi_get_event_count(void* port_buffer);

    /// <summary>Audio thread.</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int jack_midi_event_get(jack_midi_event_t* @event, void* port_buffer, uint event_index);

    /// <summary>Audio thread.</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial void jack_midi_clear_buffer(void* port_buffer);

    /// <summary>Audio thread.</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int jack_midi_event_write(void* port_buffer, uint time, byte* data, nuint data_size);

    /// <summary>Audio thread: JACK's microsecond clock (the one its cycle times use).</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial ulong jack_get_time();

    /// <summary>
    /// Any thread (the audio thread included: it reads the cycle's position): the transport state, and its position into
    /// <paramref name="pos"/>, a jack_position_t (packed; see <see cref="TransportPositionBytes"/>).
    /// </summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int jack_transport_query(jack_client_t* client, byte* pos);

    /// <summary>Bytes to reserve for a jack_position_t (136 in JACK 1.9.x, packed); a margin for later versions.</summary>
    public const int TransportPositionBytes = 256;

    /// <summary>jack_position_t offsets (packed, jack/types.h): the valid bits and beats_per_minute.</summary>
    public const int PositionValidOffset = 24, PositionBeatsPerMinuteOffset = 64;

    /// <summary>jack_position_bits_t: the BBT fields (bar, beat, tick, beats_per_minute …) are valid.</summary>
    public const int JackPositionBBT = 0x10;

    /// <summary>Audio thread: the current period's start frame and time, the next period's start time, and the period in µs.</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int jack_get_cycle_times(jack_client_t* client, uint* current_frames, ulong* current_usecs, ulong* next_usecs, float* period_usecs);

    /// <summary>Audio thread: the frame time at the start of the current period.</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial uint jack_last_frame_time(jack_client_t* client);
}

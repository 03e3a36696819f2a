using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using MidiSampler.Jack.Native;

namespace MidiSampler.Jack;

/// <summary>
/// One open JACK client: ports, connections and callbacks forwarded to an <see cref="IJackProcessor"/>.
/// Every method is control thread unless it says otherwise; failures become <see cref="JackException"/>.
/// </summary>
/// <remarks>
/// Design: libjack calls static <see cref="UnmanagedCallersOnlyAttribute"/> methods through function
/// pointers, with a <see cref="GCHandle"/> to the processor as their <c>void* arg</c>: no delegate to
/// keep alive, no marshalling stub, nothing allocated per call. The process trampoline is compiled
/// before activation (<see cref="RuntimeHelpers.PrepareMethod(RuntimeMethodHandle)"/>) so that the
/// first period does not wait for the JIT. The handle is freed only after <c>jack_client_close</c>
/// has returned, when libjack guarantees that no callback runs any more.
/// </remarks>
internal sealed unsafe partial class JackClient : IDisposable
{
    private const int EEXIST = 17;
    private const int StandardError = 2;
    private static int _messagesQuiet;
    private static int _messageHandlersInstalled;

    private readonly JackClientHandle _handle;
    private GCHandle _processor;
    private bool _activated;

    private JackClient(JackClientHandle handle, GCHandle processor, string name)
    {
        _handle = handle;
        _processor = processor;
        Name = name;
    }

    /// <summary>The client's name as the server registered it (it may differ from the requested one).</summary>
    public string Name { get; }

    /// <summary>The raw client pointer, for audio-thread calls such as <see cref="LastFrameTime"/>.</summary>
    public jack_client_t* Pointer => _handle.Pointer;

    /// <summary>The server's sample rate in Hz.</summary>
    public int SampleRate => (int)LibJack.jack_get_sample_rate(_handle);

    /// <summary>The current period in frames.</summary>
    public int BufferSizeFrames => (int)LibJack.jack_get_buffer_size(_handle);

    /// <summary>JACK's own DSP load estimate for the whole graph, in percent. Any thread.</summary>
    public float CpuLoadPercent => _handle.IsClosed ? 0 : LibJack.jack_cpu_load(_handle);

    /// <summary>
    /// While true, libjack's own error and info messages (e.g. "Cannot connect to server socket", printed on
    /// every failed open) are dropped: a host that retries every second would otherwise flood its log. Any thread.
    /// </summary>
    public static bool LibraryMessagesQuiet
    {
        get => Volatile.Read(ref _messagesQuiet) != 0;
        set => Volatile.Write(ref _messagesQuiet, value ? 1 : 0);
    }

    /// <summary>
    /// Opens a client and installs the callbacks (not yet activated). With <paramref name="noStartServer"/>
    /// (JackNoStartServer) a missing server is an error rather than started on demand.
    /// </summary>
    /// <exception cref="JackException">The server is not running or refused the client.</exception>
    /// <param name="name">The client name asked for.</param>
    /// <param name="noStartServer">Fail when no server runs, instead of letting libjack start one.</param>
    /// <param name="processor">What the callbacks call.</param>
    /// <param name="notice">
    /// Told, in a sentence, when no server runs and libjack starts one (which takes seconds): the server's own output
    /// then goes to a log file (named in the sentence) instead of between the host's lines.
    /// </param>
    public static JackClient Open(string name, bool noStartServer, IJackProcessor processor, Action<string>? notice = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(processor);
        LibJack.Bind();
        PrepareCallbacks();
        if (Interlocked.Exchange(ref _messageHandlersInstalled, 1) == 0)
        {
            LibJack.jack_set_error_function(&OnLibraryMessage);
            LibJack.jack_set_info_function(&OnLibraryMessage);
        }

        var handle = noStartServer ? LibJack.jack_client_open(name, JackOptions.JackNoStartServer, out var status) : OpenOrStartServer(name, notice, out status);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new JackException($"cannot open JACK client '{name}': {Describe(status)}");
        }

        var gc = GCHandle.Alloc(processor);
        var client = new JackClient(handle, gc, Utf8(LibJack.jack_get_client_name(handle)) ?? name);
        try
        {
            void* arg = (void*)GCHandle.ToIntPtr(gc);
            Check(LibJack.jack_set_process_callback(handle, &OnProcess, arg), "jack_set_process_callback");
            Check(LibJack.jack_set_xrun_callback(handle, &OnXrun, arg), "jack_set_xrun_callback");
            Check(LibJack.jack_set_buffer_size_callback(handle, &OnBufferSize, arg), "jack_set_buffer_size_callback");
            Check(LibJack.jack_set_sample_rate_callback(handle, &OnSampleRate, arg), "jack_set_sample_rate_callback");
            LibJack.jack_on_info_shutdown(handle, &OnShutdown, arg);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens against a running server (asked quietly first: libjack's "Cannot connect to server socket" lines are noise
    /// here), else lets libjack start one with its standard streams pointed at a log, so that jackd's banner and
    /// messages do not fill the terminal; <paramref name="notice"/> says what happens and where the log is.
    /// </summary>
    private static JackClientHandle OpenOrStartServer(string name, Action<string>? notice, out JackStatus status)
    {
        bool wasQuiet = LibraryMessagesQuiet;
        LibraryMessagesQuiet = true;
        try
        {
            var running = LibJack.jack_client_open(name, JackOptions.JackNoStartServer, out status);
            if (!running.IsInvalid)
                return running;
            running.Dispose();
            string log = Path.Combine(Path.GetTempPath(), $"midi-sampler-jackd-{Environment.UserName}.log");
            notice?.Invoke($"no JACK server is running: libjack is starting one (from ~/.jackdrc, else jackd's defaults; --no-start-server refuses); its messages go to {log}");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            JackClientHandle handle;
            using (StandardStreamsRedirect.To(log))
                handle = LibJack.jack_client_open(name, JackOptions.JackNullOption, out status);
            if (!handle.IsInvalid)
                notice?.Invoke(FormattableString.Invariant($"started a JACK server in {clock.Elapsed.TotalSeconds:0.0} s (it stops when its last client leaves)"));
            return handle;
        }
        finally
        {
            LibraryMessagesQuiet = wasQuiet;
        }
    }

    /// <summary>Registers a port; <paramref name="name"/> is the short name (without "client:").</summary>
    public jack_port_t* RegisterPort(string name, bool midi, bool input)
    {
        var flags = input ? JackPortFlags.JackPortIsInput : JackPortFlags.JackPortIsOutput;
        var port = LibJack.jack_port_register(_handle, name, midi ? LibJack.DefaultMidiType : LibJack.DefaultAudioType, flags, 0);
        if (port == null)
            throw new JackException($"cannot register JACK port '{Name}:{name}'");
        return port;
    }

    /// <summary>The full name ("client:port") of one of this client's ports.</summary>
    public static string PortName(jack_port_t* port) => Utf8(LibJack.jack_port_name(port)) ?? "";

    /// <summary>Ports whose names match <paramref name="pattern"/> (a POSIX extended regex; null: all), of a type, with all of <paramref name="flags"/>.</summary>
    public IReadOnlyList<string> GetPorts(string? pattern, bool midi, JackPortFlags flags)
    {
        byte** ports = LibJack.jack_get_ports(_handle, pattern, midi ? LibJack.DefaultMidiType : LibJack.DefaultAudioType, flags);
        var names = new List<string>();
        if (ports == null)
            return names;
        try
        {
            for (int i = 0; ports[i] != null; i++)
                names.Add(Utf8(ports[i])!);
        }
        finally
        {
            LibJack.jack_free(ports);
        }

        return names;
    }

    /// <summary>Connects two ports by full name; an existing connection counts as success.</summary>
    /// <exception cref="JackException">The server refused (unknown port, wrong direction or type).</exception>
    public void Connect(string source, string destination)
    {
        int rc = LibJack.jack_connect(_handle, source, destination);
        if (rc != 0 && rc != EEXIST)
            throw new JackException($"cannot connect JACK port '{source}' to '{destination}' (error {rc})");
    }

    /// <summary>Starts the callbacks.</summary>
    public void Activate()
    {
        Check(LibJack.jack_activate(_handle), "jack_activate");
        _activated = true;
    }

    /// <summary>Stops the callbacks (the process callback has returned for good when this returns).</summary>
    public void Deactivate()
    {
        if (!_activated || _handle.IsClosed)
            return;
        _activated = false;
        _ = LibJack.jack_deactivate(_handle);
    }

    /// <summary>
    /// Asks JACK to run the process thread SCHED_FIFO at <paramref name="priority"/>. Returns false when
    /// the system refuses (no rtprio limit, no CAP_SYS_NICE). After <see cref="Activate"/>.
    /// </summary>
    public bool TryAcquireRealtime(int priority)
    {
        nuint thread = LibJack.jack_client_thread_id(_handle);
        return thread != 0 && LibJack.jack_acquire_real_time_scheduling(thread, priority) == 0;
    }

    /// <summary>True when the server runs its clients' process threads with real-time scheduling (jackd's -R, its default).</summary>
    public bool ServerIsRealtime => LibJack.jack_is_realtime(_handle) != 0;

    /// <summary>
    /// The scheduling policy of this client's process thread (0 SCHED_OTHER, 1 SCHED_FIFO, 2 SCHED_RR), or null when
    /// it cannot be read (no thread yet). After <see cref="Activate"/>.
    /// </summary>
    public int? ProcessThreadPolicy()
    {
        nuint thread = LibJack.jack_client_thread_id(_handle);
        if (thread == 0)
            return null;
        int policy, priority;
        return pthread_getschedparam(thread, &policy, &priority) == 0 ? policy : null;
    }

    /// <summary>The frame time at the start of the current period. Audio thread (inside the process callback).</summary>
    public static uint LastFrameTime(jack_client_t* client) => LibJack.jack_last_frame_time(client);

    /// <summary>Closes the client (deactivating it first); no callback runs after this returns.</summary>
    public void Dispose()
    {
        Deactivate();
        _handle.Dispose();
        if (_processor.IsAllocated)
            _processor.Free();
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0)
            throw new JackException($"{what} failed (error {rc})");
    }

    private static string? Utf8(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((nint)text);

    private static string Describe(JackStatus status)
    {
        var s = new StringBuilder();
        if ((status & JackStatus.JackServerFailed) != 0)
            s.Append("no JACK server is running and none could be started; ");
        if ((status & JackStatus.JackServerError) != 0)
            s.Append("the server could not be reached; ");
        if ((status & JackStatus.JackNameNotUnique) != 0)
            s.Append("the client name is already in use; ");
        if ((status & JackStatus.JackVersionError) != 0)
            s.Append("client and server protocol versions differ; ");
        if ((status & JackStatus.JackShmFailure) != 0)
            s.Append("cannot access shared memory; ");
        if ((status & JackStatus.JackInitFailure) != 0)
            s.Append("cannot initialise the client; ");
        if ((status & JackStatus.JackInvalidOption) != 0)
            s.Append("invalid option; ");
        if (s.Length == 0)
            s.Append("is a JACK server running? (start one with 'jackd -d alsa', or use PipeWire's JACK); ");
        s.Append(FormattableString.Invariant($"status 0x{(int)status:x}"));
        return s.ToString();
    }

    /// <summary>Compiles the trampolines now, so that the first period does not run the JIT.</summary>
    private static void PrepareCallbacks()
    {
        // NativeAOT compiled every method ahead of time and keeps no reflection metadata for these private callbacks:
        // there is nothing to prepare (and GetMethod would find nothing).
        if (!RuntimeFeature.IsDynamicCodeCompiled)
            return;
        foreach (var name in new[] { nameof(OnProcess), nameof(OnLibraryMessage), nameof(OnXrun), nameof(OnBufferSize), nameof(OnSampleRate), nameof(OnShutdown) })
            RuntimeHelpers.PrepareMethod(typeof(JackClient).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MethodHandle);
    }

    private static IJackProcessor Target(void* arg) => Unsafe.As<IJackProcessor>(GCHandle.FromIntPtr((nint)arg).Target!);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int OnProcess(uint nframes, void* arg)
    {
        int state = DisableCancel();
        int rc = Target(arg).Process((int)nframes);
        RestoreCancel(state);
        return rc;
    }

    /// <summary>
    /// jack_deactivate and jack_client_close end libjack's process and notification threads with pthread_cancel. A
    /// cancellation acted on inside a callback would unwind through the runtime's frames, which cannot be unwound: glibc
    /// aborts the process ("FATAL: exception not rethrown"; seen when a server died while libjack's thread reported it
    /// through <see cref="OnLibraryMessage"/>'s write(2), a cancellation point). So every callback turns cancellation off
    /// on entry and restores it on return; a pending cancel then takes effect at libjack's next cancellation point, in
    /// native code. Two libc calls of a few nanoseconds, no system call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DisableCancel()
    {
        int previous;
        _ = pthread_setcancelstate(PthreadCancelDisable, &previous);
        return previous;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RestoreCancel(int previous)
    {
        int ignored;
        _ = pthread_setcancelstate(previous, &ignored);
    }

    private const int PthreadCancelDisable = 1; // PTHREAD_CANCEL_DISABLE (glibc)

    [LibraryImport("libc", SetLastError = false)]
    [SuppressGCTransition]
    private static partial int pthread_setcancelstate(int state, int* previous);

    /// <summary>
    /// libjack's message sink: what its default does (the line on stderr), unless <see cref="LibraryMessagesQuiet"/>.
    /// Any JACK thread, possibly a real-time one: so a plain write(2) of the C string, no managed allocation.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLibraryMessage(byte* message)
    {
        if (message == null || Volatile.Read(ref _messagesQuiet) != 0)
            return;
        int state = DisableCancel(); // write(2) is a cancellation point (see DisableCancel)
        nuint length = 0;
        while (message[length] != 0)
            length++;
        byte newline = (byte)'\n';
        _ = write(StandardError, message, length);
        _ = write(StandardError, &newline, 1);
        RestoreCancel(state);
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial nint write(int fd, void* buffer, nuint count);

    // int pthread_getschedparam(pthread_t, int *policy, struct sched_param *param): sched_param is one int on Linux.
    [LibraryImport("libc", SetLastError = false)]
    private static partial int pthread_getschedparam(nuint thread, int* policy, int* param);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnXrun(void* arg)
    {
        int state = DisableCancel();
        Target(arg).OnXrun();
        RestoreCancel(state);
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBufferSize(uint nframes, void* arg)
    {
        int state = DisableCancel();
        try
        {
            Target(arg).OnBufferSize((int)nframes);
            return 0;
        }
        catch (Exception)
        {
            return 1; // an exception must not cross into libjack; non-zero tells JACK the client failed
        }
        finally
        {
            RestoreCancel(state);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnSampleRate(uint nframes, void* arg)
    {
        int state = DisableCancel();
        try
        {
            Target(arg).OnSampleRate((int)nframes);
            return 0;
        }
        catch (Exception)
        {
            return 1;
        }
        finally
        {
            RestoreCancel(state);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnShutdown(JackStatus code, byte* reason, void* arg)
    {
        int state = DisableCancel();
        try
        {
            string text = Utf8(reason) is { Length: > 0 } r ? r : FormattableString.Invariant($"status 0x{(int)code:x}");
            Target(arg).OnShutdown(text);
        }
        catch (Exception)
        {
            // Nothing to do: the host polls IsServerShutdown as well.
        }
        finally
        {
            RestoreCancel(state);
        }
    }
}

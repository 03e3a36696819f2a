using System.Runtime.InteropServices;
using MidiSampler.Engine;

namespace MidiSampler.Native;

/// <summary>
/// The C API (include/midi_sampler.h): every <c>ms_*</c> function, exported from libmidisampler.so by NativeAOT.
/// </summary>
/// <remarks>
/// Design: each export validates its pointers and handles first, then calls the engine; every one catches whatever
/// escapes (an exception must never unwind into C: NativeAOT would abort the host) and turns it into a status with a
/// thread-local message (<see cref="LastError"/>). Handles are looked up in <see cref="Registry"/>, so a destroyed
/// one is an error code, not a use-after-free. The thread each function belongs to is stated in the header.
/// </remarks>
internal static unsafe partial class Exports
{
    private const int DefaultBlockFrames = 4096;

    /// <summary>ms_sampler_create. Control thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_sampler_create")]
    public static int SamplerCreate(AudioConfig* config, nint* sampler)
    {
        try
        {
            if (config == null || sampler == null)
                return LastError.Fail(NativeStatus.NullArgument, "ms_sampler_create: config and sampler must not be NULL");
            *sampler = 0;
            var c = *config;
            if (c.SampleRate is < 8_000 or > 384_000)
                return LastError.Fail(NativeStatus.InvalidArgument, $"ms_sampler_create: sample_rate {c.SampleRate} is outside 8000..384000 Hz");
            if (c.Channels > 2)
                return LastError.Fail(NativeStatus.InvalidArgument, $"ms_sampler_create: channels {c.Channels} is not 1 or 2");
            if (c.MaxPolyphony > 8_192)
                return LastError.Fail(NativeStatus.InvalidArgument, $"ms_sampler_create: max_polyphony {c.MaxPolyphony} is above 8192");
            if (c.BufferSize > 16_384)
                return LastError.Fail(NativeStatus.InvalidArgument, $"ms_sampler_create: buffer_size {c.BufferSize} is above 16384 frames");
            int blockFrames = c.BufferSize == 0 ? DefaultBlockFrames : Math.Max(16, (int)c.BufferSize);
            var engine = new Sampler(new SamplerConfig
            {
                SampleRate = (int)c.SampleRate,
                OutputChannels = c.Channels == 0 ? 2 : (int)c.Channels,
                MaxPolyphony = c.MaxPolyphony == 0 ? 256 : (int)c.MaxPolyphony,
                MaxBlockFrames = blockFrames,
            });
            // Compile-free on a JIT runtime and cache-warm under NativeAOT: the first real block costs what later ones do.
            engine.WarmUp();
            nint handle = Registry.Samplers.Add(new NativeSampler(engine, blockFrames));
            if (handle == 0)
                return LastError.Fail(NativeStatus.Limit, "ms_sampler_create: too many live samplers (4096)");
            *sampler = handle;
            return 0;
        }
        catch (Exception e)
        {
            return Internal("ms_sampler_create", e);
        }
    }

    /// <summary>ms_sampler_enable_rt. The thread that will render (or the control thread, for memory locking).</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_sampler_enable_rt")]
    public static int SamplerEnableRt(nint sampler, int priority)
    {
        try
        {
            if (Registry.Samplers.Get(sampler) is null)
                return BadSampler("ms_sampler_enable_rt", sampler);
            if (priority is < 1 or > 99)
                return LastError.Fail(NativeStatus.InvalidArgument, $"ms_sampler_enable_rt: priority {priority} is outside 1..99");
            var result = Sampler.EnableRealtime(priority);
            return result.Success
                ? 0
                : LastError.Fail(NativeStatus.Realtime, "ms_sampler_enable_rt: " + string.Join("; ", result.Problems));
        }
        catch (Exception e)
        {
            return Internal("ms_sampler_enable_rt", e);
        }
    }

    /// <summary>ms_sampler_destroy. Control thread, with no other call on the sampler running.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_sampler_destroy")]
    public static int SamplerDestroy(nint sampler)
    {
        try
        {
            if (Registry.Samplers.Remove(sampler) is not { } s)
                return BadSampler("ms_sampler_destroy", sampler);
            foreach (var instrument in s.Instruments.ToList())
                Registry.Instruments.Remove(instrument.Handle);
            s.Engine.Dispose();
            return 0;
        }
        catch (Exception e)
        {
            return Internal("ms_sampler_destroy", e);
        }
    }

    /// <summary>ms_get_stats: frames rendered and xruns reported. Any thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_get_stats")]
    public static int GetStats(nint sampler, ulong* frames, uint* xruns)
    {
        try
        {
            if (Registry.Samplers.Get(sampler) is not { } s)
                return LastError.Fail(NativeStatus.InvalidHandle, "ms_get_stats: not a live sampler (NULL, never created, or destroyed)");
            var stats = s.Engine.GetStats();
            if (frames != null)
                *frames = (ulong)stats.FramesProcessed;
            if (xruns != null)
                *xruns = (uint)Math.Min(stats.Xruns, uint.MaxValue);
            return 0;
        }
        catch (Exception e)
        {
            return Internal("ms_get_stats", e);
        }
    }

    /// <summary>ms_get_stats_full. Any thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_get_stats_full")]
    public static int GetStatsFull(nint sampler, NativeStats* stats)
    {
        try
        {
            if (Registry.Samplers.Get(sampler) is not { } s)
                return LastError.Fail(NativeStatus.InvalidHandle, "ms_get_stats_full: not a live sampler (NULL, never created, or destroyed)");
            if (stats == null)
                return LastError.Fail(NativeStatus.NullArgument, "ms_get_stats_full: stats is NULL");
            var x = s.Engine.GetStats();
            *stats = new NativeStats
            {
                FramesProcessed = (ulong)x.FramesProcessed,
                BlocksProcessed = (ulong)x.BlocksProcessed,
                Xruns = (ulong)x.Xruns,
                DroppedEvents = (ulong)x.DroppedEvents,
                StolenVoices = (ulong)x.StolenVoices,
                ActiveVoices = (uint)x.ActiveVoices,
                PeakVoices = (uint)x.PeakVoices,
                LastBlockMicroseconds = x.LastBlockMicroseconds,
                MeanBlockMicroseconds = x.MeanBlockMicroseconds,
                MaxBlockMicroseconds = x.MaxBlockMicroseconds,
                DspLoad = x.DspLoad,
                PeakLevel = x.PeakLevel,
            };
            return 0;
        }
        catch (Exception e)
        {
            return Internal("ms_get_stats_full", e);
        }
    }

    /// <summary>ms_report_xrun. Any thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_report_xrun")]
    public static int ReportXrun(nint sampler)
    {
        if (Registry.Samplers.Get(sampler) is not { } s)
            return LastError.Fail(NativeStatus.InvalidHandle, "ms_report_xrun: not a live sampler (NULL, never created, or destroyed)");
        s.Engine.ReportXrun();
        return 0;
    }

    /// <summary>ms_set_gain_db. Control thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_set_gain_db")]
    public static int SetGainDb(nint sampler, double gainDb)
    {
        try
        {
            if (Registry.Samplers.Get(sampler) is not { } s)
                return BadSampler("ms_set_gain_db", sampler);
            if (!(gainDb >= -144 && gainDb <= 40))
                return LastError.Fail(NativeStatus.InvalidArgument, $"ms_set_gain_db: gain {gainDb} dB is outside -144..40");
            s.Engine.MasterGainDb = gainDb;
            return 0;
        }
        catch (Exception e)
        {
            return Internal("ms_set_gain_db", e);
        }
    }

    private static int BadSampler(string function, nint handle) =>
        LastError.Fail(NativeStatus.InvalidHandle, handle == 0
            ? $"{function}: sampler is NULL"
            : $"{function}: 0x{handle:x} is not a live sampler (never created, already destroyed, or not a sampler)");

    private static int BadInstrument(string function, nint handle) =>
        LastError.Fail(NativeStatus.InvalidHandle, handle == 0
            ? $"{function}: instrument is NULL"
            : $"{function}: 0x{handle:x} is not a live instrument (never created, already destroyed, its sampler destroyed, or not an instrument)");

    private static int Internal(string function, Exception e) =>
        LastError.Fail(NativeStatus.Internal, $"{function}: internal error: {e.GetType().Name}: {e.Message}");
}

using System.Runtime.InteropServices;

namespace MidiSampler.Native;

/// <summary>The rendering functions of the C API. Audio thread: no allocation, no lock; failures carry constant messages.</summary>
internal static unsafe partial class Exports
{
    /// <summary>ms_process: interleaved output. Calls longer than the sampler's block are rendered in pieces. Audio thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_process")]
    public static int Process(nint sampler, float* buffer, uint frames)
    {
        try
        {
            if (Registry.Samplers.Get(sampler) is not { } s)
                return LastError.Fail(NativeStatus.InvalidHandle, "ms_process: not a live sampler (NULL, never created, or destroyed)");
            if (buffer == null)
                return LastError.Fail(NativeStatus.NullArgument, "ms_process: buffer is NULL");
            var engine = s.Engine;
            int channels = engine.Config.OutputChannels;
            long done = 0;
            while (done < frames)
            {
                int piece = (int)Math.Min(frames - done, s.BlockFrames);
                engine.Process(new Span<float>(buffer + (done * channels), piece * channels), piece);
                done += piece;
            }

            return 0;
        }
        catch (Exception e)
        {
            return Internal("ms_process", e);
        }
    }

    /// <summary>ms_process_planar: one buffer per channel. Audio thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_process_planar")]
    public static int ProcessPlanar(nint sampler, float* left, float* right, uint frames)
    {
        try
        {
            if (Registry.Samplers.Get(sampler) is not { } s)
                return LastError.Fail(NativeStatus.InvalidHandle, "ms_process_planar: not a live sampler (NULL, never created, or destroyed)");
            var engine = s.Engine;
            bool stereo = engine.Config.OutputChannels == 2;
            if (left == null || (stereo && right == null))
                return LastError.Fail(NativeStatus.NullArgument, "ms_process_planar: left (and, for a stereo sampler, right) must not be NULL");
            long done = 0;
            while (done < frames)
            {
                int piece = (int)Math.Min(frames - done, s.BlockFrames);
                var r = stereo ? new Span<float>(right + done, piece) : default;
                engine.ProcessPlanar(new Span<float>(left + done, piece), r, piece);
                done += piece;
            }

            return 0;
        }
        catch (Exception e)
        {
            return Internal("ms_process_planar", e);
        }
    }
}

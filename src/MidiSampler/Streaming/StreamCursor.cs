using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MidiSampler.Streaming;

/// <summary>
/// A voice's side of streaming: holds its stream slot, publishes its position before each block and checks that the
/// block's frames are in memory. A field of the voice; audio thread only; allocation-free.
/// </summary>
/// <remarks>
/// Design: before a block the voice asks <see cref="Prepare"/> for the frames pointer. The frames the block can read
/// are bounded by its position, its increment and its length (plus the interpolation taps, and through the loop when
/// the loop plays); their chunks' states are checked with acquire loads. A missing chunk in live mode counts one
/// underrun and the block is rendered anyway: the missing frames read as zeros (silence), the voice is not stopped and
/// nothing waits. In offline mode (<see cref="StreamingOptions.Offline"/>) the render loop's thread waits for the
/// streamer instead, bounded by <see cref="StreamingOptions.OfflineWaitSeconds"/>, so that an offline render equals an
/// all-in-RAM one sample for sample.
/// </remarks>
internal unsafe struct StreamCursor
{
    private StreamedSampleData? _data;
    private Streamer? _streamer;
    private int _slot;
    private long _loopStart;
    private long _loopEnd;

    /// <summary>True while the voice plays a streamed sample.</summary>
    public readonly bool IsActive => _data is not null;

    /// <summary>Starts streaming <paramref name="data"/> from <paramref name="position"/> (32.32). Audio thread.</summary>
    public void Start(StreamedSampleData data, long position, long increment, long loopStart, long loopEnd, long end, bool loop, double outputRate)
    {
        Stop();
        _data = data;
        _loopStart = loopStart;
        _loopEnd = loopEnd;
        _streamer = data.Store!.Streamer;
        _slot = _streamer.Acquire();
        if (_slot >= 0)
            _streamer.Start(_slot, data.Index, position >> 32, increment, loopStart, loopEnd, end, loop, outputRate);
    }

    /// <summary>
    /// Publishes the position and returns the frames pointer for a block of <paramref name="frames"/> frames, after
    /// checking (live) or waiting for (offline) the frames it reads. Audio thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void* Prepare(long position, long increment, int frames, bool loop)
    {
        var data = _data!;
        if (_slot >= 0)
            _streamer!.Update(_slot, position >> 32, increment, loop);
        if (!Ready(data, position, increment, frames, loop))
            Missing(data, position, increment, frames, loop);
        return data.Frames;
    }

    /// <summary>Frees the slot. Audio thread.</summary>
    public void Stop()
    {
        if (_data is not null && _slot >= 0)
            _streamer!.Stop(_slot);
        _data = null;
        _streamer = null;
        _slot = -1;
    }

    private readonly void Missing(StreamedSampleData data, long position, long increment, int frames, bool loop)
    {
        var store = data.Store!;
        // Without a slot the streamer does not know this voice, so nothing would come: waiting would stall the render for
        // OfflineWaitSeconds per block (a heavy song whose stolen, fading voices outnumbered the slots did exactly that).
        if (store.Options.Offline && _slot >= 0)
        {
            long deadline = Stopwatch.GetTimestamp() + (long)(store.Options.OfflineWaitSeconds * Stopwatch.Frequency);
            var spin = default(SpinWait);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                spin.SpinOnce();
                if (Ready(data, position, increment, frames, loop))
                    return;
            }
        }

        _streamer!.CountUnderrun();
    }

    private readonly bool Ready(StreamedSampleData data, long position, long increment, int frames, bool loop)
    {
        long first = (position >> 32) - 1;
        long last = (position >> 32) + (long)(((ulong)increment * (ulong)frames) >> 32) + 3;
        if (loop && _loopEnd > _loopStart && last > _loopEnd)
        {
            long length = _loopEnd - _loopStart + 1;
            long over = last - _loopEnd;
            return Resident(data, first, _loopEnd + 2)
                && Resident(data, _loopStart, over >= length ? _loopEnd : _loopStart + over + 2);
        }

        return Resident(data, first, last);
    }

    private static bool Resident(StreamedSampleData data, long first, long last)
    {
        long max = data.FrameCount - 1;
        first = Math.Clamp(first, 0, max);
        last = Math.Clamp(last, 0, max);
        var states = data.State;
        for (long c = first >> data.ChunkShift; c <= last >> data.ChunkShift; c++)
        {
            if (Volatile.Read(ref states[c]) == StreamedSampleData.Absent)
                return false;
        }

        return true;
    }
}

using MidiSampler.Collections;
using MidiSampler.Formats;

namespace MidiSampler.Streaming;

/// <summary>
/// The background thread that keeps every streaming voice's upcoming frames in memory, and the cache they live in.
/// </summary>
/// <remarks>
/// Design: the audio thread and the streamer share only preallocated memory. A voice takes a slot from a fixed pool
/// (<see cref="StreamingOptions.MaxStreams"/>), fills in its mailbox (<see cref="StreamSlot"/>) and announces itself on
/// a bounded SPSC request ring; every block it publishes its play position with a release store. The streamer never
/// answers through a queue: it answers by writing chunks into the sample's mapping and publishing each chunk's state
/// (<see cref="StreamedSampleData.State"/>), which the audio thread checks with acquire loads before it renders a block.
/// Nothing the audio thread does can block: a full ring drops the request (counted; the streamer still finds the voice,
/// because it scans the slot table every pass), a missing chunk is counted as an underrun and read as zeros.
/// Each pass the streamer walks every active voice's window, from its position forward by
/// <see cref="StreamingOptions.ReadAheadSeconds"/> of output times its pitch ratio (so a voice an octave up gets twice
/// the frames), through the loop when the loop plays (the chunks around the seam are fetched before the voice wraps),
/// and over the reversed copy for direction=reverse (read from the file's end backwards). Chunks found in memory are
/// touched in the LRU list; missing ones are collected with their deadline (output frames until the voice reaches
/// them), sorted, and read most urgent first, a few per pass so that a new voice never waits behind a long backlog.
/// The cache is bounded by <see cref="StreamingOptions.MemoryBudgetBytes"/>: to make room, the least recently needed
/// chunk is given back (MADV_DONTNEED), but never one that some voice needs in this pass. Heads are never evicted.
/// Idle, the streamer sleeps 1 ms: the audio thread never makes a system call to wake it (a futex wake from the audio
/// callback is a syscall and can take the scheduler's locks). Allocation-free in steady state.
/// Threads: the Acquire/Start/Update/Stop members run on the one audio thread that plays this store's samples; the rest
/// on the streamer thread, except construction and disposal (control thread).
/// </remarks>
internal sealed class Streamer : IDisposable
{
    private const int MaxFillsPerPass = 16;
    private const int MaxChunksPerWindow = 256;

    private readonly StreamingOptions _options;
    private readonly SampleStore _store;
    private readonly StreamSlot[] _slots;
    private readonly int[] _freeSlots;
    private readonly int[] _countedGeneration;
    private readonly long[] _countedChunk;
    private readonly int[] _countedSample;
    private readonly SpscRing<StreamRequest> _requests;
    private readonly long[] _needDeadlines;
    private readonly long[] _needNodes;
    private readonly StreamSource?[] _openFiles;
    private readonly Thread _thread;
    private byte[] _scratch;
    private int _freeCount;
    private int _openNext;
    private int _needCount;
    private long _pass;
    private long _lruHead = -1;
    private long _lruTail = -1;
    private volatile bool _stopping;

    // Counters: the audio thread writes the first two, the streamer the rest; any thread reads.
    private long _underruns;
    private long _droppedRequests;
    private long _bytesRead;
    private long _cacheHits;
    private long _cacheMisses;
    private long _cachedBytes;
    private long _budgetStalls;
    private long _readErrors;
    private int _activeStreams;

    public Streamer(SampleStore store, StreamingOptions options)
    {
        _store = store;
        _options = options;
        _slots = new StreamSlot[options.MaxStreams];
        _freeSlots = new int[options.MaxStreams];
        for (int i = 0; i < _freeSlots.Length; i++)
            _freeSlots[i] = _freeSlots.Length - 1 - i;
        _freeCount = _freeSlots.Length;
        _countedGeneration = new int[options.MaxStreams];
        _countedChunk = new long[options.MaxStreams];
        _countedSample = new int[options.MaxStreams];
        _requests = new SpscRing<StreamRequest>(options.RequestRingCapacity);
        int maxNeeds = Math.Min(options.MaxStreams * MaxChunksPerWindow, 1 << 20);
        _needDeadlines = new long[maxNeeds];
        _needNodes = new long[maxNeeds];
        _openFiles = new StreamSource?[options.MaxOpenFiles];
        _scratch = new byte[options.ChunkFrames * 2 * sizeof(double)];
        _thread = new Thread(Run) { IsBackground = true, Name = "midi-sampler streamer" };
        _thread.Start();
    }

    public long Underruns => Volatile.Read(ref _underruns);

    public long DroppedRequests => Volatile.Read(ref _droppedRequests);

    public long BytesRead => Volatile.Read(ref _bytesRead);

    public long CacheHits => Volatile.Read(ref _cacheHits);

    public long CacheMisses => Volatile.Read(ref _cacheMisses);

    public long CachedBytes => Volatile.Read(ref _cachedBytes);

    public long BudgetStalls => Volatile.Read(ref _budgetStalls);

    public long ReadErrors => Volatile.Read(ref _readErrors);

    public int ActiveStreams => Volatile.Read(ref _activeStreams);

    /// <summary>For tests: each chunk read takes at least this long (a slow disk). Any thread.</summary>
    public int SimulatedReadDelayMilliseconds { get; set; }

    /// <summary>Takes a free slot, or -1 when every slot streams. Audio thread.</summary>
    public int Acquire() => _freeCount == 0 ? -1 : _freeSlots[--_freeCount];

    /// <summary>Fills in a slot's mailbox and announces the voice. Audio thread.</summary>
    public void Start(int slot, int sampleIndex, long positionFrame, long increment, long loopStart, long loopEnd, long end, bool loop, double outputRate)
    {
        ref var s = ref _slots[slot];
        s.SampleIndex = sampleIndex;
        s.PositionFrame = positionFrame;
        s.Increment = increment;
        s.LoopStart = loopStart;
        s.LoopEnd = loopEnd;
        s.End = end;
        s.LoopActive = loop ? 1 : 0;
        s.OutputRate = outputRate;
        s.Generation++;
        Volatile.Write(ref s.Active, 1);
        Interlocked.Increment(ref _activeStreams);
        if (!_requests.TryWrite(new StreamRequest(slot, s.Generation)))
            Interlocked.Increment(ref _droppedRequests);
    }

    /// <summary>Publishes the voice's position, speed and loop state for the coming block. Audio thread.</summary>
    public void Update(int slot, long positionFrame, long increment, bool loop)
    {
        ref var s = ref _slots[slot];
        Volatile.Write(ref s.Increment, increment);
        Volatile.Write(ref s.LoopActive, loop ? 1 : 0);
        Volatile.Write(ref s.PositionFrame, positionFrame);
    }

    /// <summary>Ends a voice's stream and frees its slot (its chunks stay cached until evicted). Audio thread.</summary>
    public void Stop(int slot)
    {
        Volatile.Write(ref _slots[slot].Active, 0);
        Interlocked.Decrement(ref _activeStreams);
        _freeSlots[_freeCount++] = slot;
    }

    /// <summary>Counts a voice block that found frames missing. Audio thread.</summary>
    public void CountUnderrun() => Interlocked.Increment(ref _underruns);

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        foreach (var f in _openFiles)
            f?.Close();
    }

    private void Run()
    {
        while (!_stopping)
        {
            bool worked;
            try
            {
                worked = Pass(_store.Published);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug here must not kill the process's audio: count it, keep the message, go on.
                Interlocked.Increment(ref _readErrors);
                _store.LastReadError = e.Message;
                worked = false;
            }

            if (!worked)
                Thread.Sleep(1);
        }
    }

    /// <summary>One pass: collect every voice's missing chunks, read the most urgent. Returns false when there was nothing to read.</summary>
    private bool Pass(StreamedSampleData[] samples)
    {
        _pass++;
        while (_requests.TryRead(out _))
        {
            // The ring says "someone started": the slot table scan below serves the voice; nothing else to do.
        }

        _needCount = 0;
        for (int slot = 0; slot < _slots.Length; slot++)
        {
            ref var s = ref _slots[slot];
            if (Volatile.Read(ref s.Active) == 0)
                continue;
            int index = Volatile.Read(ref s.SampleIndex);
            if ((uint)index >= (uint)samples.Length)
                continue;
            Collect(slot, ref s, samples[index]);
        }

        if (_needCount == 0)
            return false;
        Array.Sort(_needDeadlines, _needNodes, 0, _needCount);
        int filled = 0;
        for (int i = 0; i < _needCount && filled < MaxFillsPerPass; i++)
        {
            long node = _needNodes[i];
            var data = samples[(int)(node >> 32)];
            int chunk = (int)node;
            if (data.State[chunk] != StreamedSampleData.Absent)
                continue; // two voices needed it
            if (!MakeRoom(samples, data.ChunkBytes))
            {
                Interlocked.Increment(ref _budgetStalls);
                break;
            }

            FillChunk(data, chunk);
            filled++;
        }

        return filled > 0;
    }

    /// <summary>Walks one voice's window: touches what is cached, collects what is missing with its deadline.</summary>
    private void Collect(int slot, ref StreamSlot s, StreamedSampleData data)
    {
        long position = Volatile.Read(ref s.PositionFrame);
        double ratio = Math.Clamp(Volatile.Read(ref s.Increment) / 4294967296.0, 1.0 / 1024, 64);
        bool loop = Volatile.Read(ref s.LoopActive) != 0;
        long last = data.FrameCount - 1;
        long loopStart = Math.Clamp(s.LoopStart, 0, last), loopEnd = Math.Clamp(s.LoopEnd, 0, last);
        loop &= loopEnd > loopStart;
        long end = Math.Clamp(s.End, 0, last);
        long remaining = (long)(_options.ReadAheadSeconds * s.OutputRate * ratio) + 8;
        remaining = Math.Min(remaining, (long)MaxChunksPerWindow * data.ChunkFrames);
        int generation = s.Generation;
        if (_countedGeneration[slot] != generation || _countedSample[slot] != data.Index)
        {
            _countedGeneration[slot] = generation;
            _countedSample[slot] = data.Index;
            _countedChunk[slot] = -1;
        }

        // The interpolation reads one frame before and two after the position (4-point taps).
        long frame = Math.Clamp(position - 1, 0, last);
        long distance = 0;
        bool firstSegment = true;
        for (int segment = 0; remaining > 0 && segment < 3; segment++)
        {
            long segmentEnd = Math.Min(loop ? loopEnd + 2 : end + 2, last);
            if (frame > segmentEnd)
            {
                if (!loop)
                    return;
                frame = loopStart;
                continue;
            }

            long n = Math.Min(remaining, segmentEnd - frame + 1);
            int firstChunk = (int)(frame >> data.ChunkShift), lastChunk = (int)((frame + n - 1) >> data.ChunkShift);
            for (int c = firstChunk; c <= lastChunk; c++)
            {
                long ahead = distance + Math.Max(0, ((long)c << data.ChunkShift) - frame);
                Visit(slot, data, c, (long)(ahead / ratio), firstSegment);
            }

            remaining -= n;
            distance += n;
            firstSegment = false;
            if (!loop)
                return;
            frame = loopStart;
        }
    }

    private void Visit(int slot, StreamedSampleData data, int chunk, long deadline, bool countIt)
    {
        int state = data.State[chunk];
        if (countIt && chunk > _countedChunk[slot])
        {
            _countedChunk[slot] = chunk;
            if (state == StreamedSampleData.Absent)
                _cacheMisses++;
            else
                _cacheHits++;
        }

        if (state == StreamedSampleData.Resident)
            return;
        long node = ((long)data.Index << 32) | (uint)chunk;
        if (state == StreamedSampleData.Cached)
        {
            data.LastNeededPass[chunk] = _pass;
            LruRemove(node);
            LruPushFront(node);
            return;
        }

        if (_needCount < _needNodes.Length)
        {
            _needDeadlines[_needCount] = deadline;
            _needNodes[_needCount++] = node;
        }
    }

    /// <summary>Evicts least-recently-needed chunks until <paramref name="bytes"/> more fit the budget. False when all cached chunks are needed now.</summary>
    private bool MakeRoom(StreamedSampleData[] samples, int bytes)
    {
        while (_cachedBytes + bytes > _options.MemoryBudgetBytes)
        {
            long tail = _lruTail;
            if (tail < 0)
                return false;
            var data = samples[(int)(tail >> 32)];
            int chunk = (int)tail;
            if (data.LastNeededPass[chunk] >= _pass)
                return false;
            Volatile.Write(ref data.State[chunk], StreamedSampleData.Absent);
            LruRemove(tail);
            data.Release(chunk);
            Volatile.Write(ref _cachedBytes, _cachedBytes - data.ChunkBytes);
        }

        return true;
    }

    private void FillChunk(StreamedSampleData data, int chunk)
    {
        var source = data.Source;
        bool wasOpen = source.IsOpen;
        int needed = source.ScratchBytes(data.FramesIn(chunk));
        if (needed > _scratch.Length)
            _scratch = new byte[needed];
        if (SimulatedReadDelayMilliseconds > 0)
            Thread.Sleep(SimulatedReadDelayMilliseconds);
        try
        {
            data.Fill(chunk, _scratch);
            Volatile.Write(ref _bytesRead, _bytesRead + ((long)data.FramesIn(chunk) * data.Channels * sizeof(float)));
        }
        catch (Exception e) when (e is InstrumentLoadException or IOException or UnauthorizedAccessException)
        {
            // The chunk stays silent (zeros) until it is evicted and tried again.
            Interlocked.Increment(ref _readErrors);
            _store.LastReadError = e.Message;
            source.Close();
        }

        if (!wasOpen && source.IsOpen)
            RememberOpen(source);
        data.Unlock(chunk);
        data.LastNeededPass[chunk] = _pass;
        Volatile.Write(ref data.State[chunk], StreamedSampleData.Cached);
        LruPushFront(((long)data.Index << 32) | (uint)chunk);
        Volatile.Write(ref _cachedBytes, _cachedBytes + data.ChunkBytes);
    }

    /// <summary>Keeps at most MaxOpenFiles sources open: the oldest opened is closed to make room.</summary>
    private void RememberOpen(StreamSource source)
    {
        var previous = _openFiles[_openNext];
        if (previous is not null && !ReferenceEquals(previous, source))
            previous.Close();
        _openFiles[_openNext] = source;
        _openNext = (_openNext + 1) % _openFiles.Length;
    }

    private void LruPushFront(long node)
    {
        var data = _store.Published[(int)(node >> 32)];
        int chunk = (int)node;
        data.LruPrev[chunk] = -1;
        data.LruNext[chunk] = _lruHead;
        if (_lruHead >= 0)
            Node(_lruHead, out int headChunk).LruPrev[headChunk] = node;
        _lruHead = node;
        if (_lruTail < 0)
            _lruTail = node;
    }

    private void LruRemove(long node)
    {
        var data = Node(node, out int chunk);
        long prev = data.LruPrev[chunk], next = data.LruNext[chunk];
        if (prev >= 0)
            Node(prev, out int pc).LruNext[pc] = next;
        else if (_lruHead == node)
            _lruHead = next;
        else
            return; // not in the list
        if (next >= 0)
            Node(next, out int nc).LruPrev[nc] = prev;
        else
            _lruTail = prev;
        data.LruPrev[chunk] = -1;
        data.LruNext[chunk] = -1;
    }

    private StreamedSampleData Node(long node, out int chunk)
    {
        chunk = (int)node;
        return _store.Published[(int)(node >> 32)];
    }
}

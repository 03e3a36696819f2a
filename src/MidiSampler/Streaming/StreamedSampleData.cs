using System.Runtime.InteropServices;
using MidiSampler.Model;
using MidiSampler.Streaming.Native;

namespace MidiSampler.Streaming;

/// <summary>
/// The frames of one streamed sample: a reserved address range laid out exactly like an in-RAM sample's padded array,
/// of which only the head and the chunks the streamer has read are backed by memory.
/// </summary>
/// <remarks>
/// Design: the range is an anonymous private mapping (MAP_NORESERVE) of the whole decoded sample, so a voice reads a
/// streamed sample through the same pointer arithmetic, the same SIMD kernels, the same 32.32 positions and the same
/// wrapped taps at loop seams as an in-RAM one: the page tables are the indirection, and the output is identical
/// sample for sample. What costs memory is only what was touched: the head (decoded at load, locked) and the chunks
/// in the cache. Pages never written, or given back with MADV_DONTNEED on eviction, read as zeros: a voice that runs
/// ahead of the streamer plays silence, never stale or foreign data, and never faults on unmapped memory.
/// Frame 0 sits at the start of a page and a chunk is a whole number of pages, so a chunk can be given back alone; the
/// guard frames before frame 0 sit in one leading page, those after the end fall in the last chunk or one trailing page;
/// both guard pages are only ever read (mapped to the kernel's zero page at load: no memory, no fault later). Cost: address space of the decoded size (fine on 64-bit; on a 32-bit system a library of more than about
/// 1.5 GB decoded does not fit, see docs/streaming.md).
/// Chunk states: 0 absent, 1 cached (evictable), 2 resident for good (head). The streamer writes a chunk, then publishes
/// state 1 with a release store; the audio thread reads states with acquire loads. Threads: created on a loader or
/// control thread; <see cref="State"/> read by the audio thread; everything else streamer thread only once published.
/// </remarks>
internal sealed unsafe class StreamedSampleData : StreamedFrames, IDisposable
{
    public const int Absent = 0;
    public const int Cached = 1;
    public const int Resident = 2;

    private readonly byte* _mapping;
    private readonly nuint _mappingBytes;
    private readonly nuint _pageBytes;
    private long _residentBytes;

    public StreamedSampleData(StreamSource source, int chunkFrames, int preloadFrames)
    {
        Source = source;
        Channels = source.Channels;
        FrameCount = source.FrameCount;
        ChunkFrames = chunkFrames;
        ChunkShift = System.Numerics.BitOperations.Log2((uint)chunkFrames);
        Format = source.Format;
        ChunkBytes = chunkFrames * source.FrameBytes;
        ChunkCount = (int)((FrameCount + chunkFrames - 1) >> ChunkShift);
        HeadChunks = Math.Clamp((preloadFrames + chunkFrames - 1) >> ChunkShift, 1, ChunkCount);
        _pageBytes = (nuint)Environment.SystemPageSize;
        if (ChunkBytes % (int)_pageBytes != 0)
            throw new ArgumentException($"a chunk of {chunkFrames} frames is not a whole number of {_pageBytes}-byte pages", nameof(chunkFrames));

        // One leading page holds the guard frames before frame 0; one trailing page the guard frames after the end.
        _mappingBytes = _pageBytes + ((nuint)ChunkCount * (nuint)ChunkBytes) + _pageBytes;
        void* p = LibCMemory.mmap(null, _mappingBytes, LibCMemory.PROT_READ | LibCMemory.PROT_WRITE,
            LibCMemory.MAP_PRIVATE | LibCMemory.MAP_ANONYMOUS | LibCMemory.MAP_NORESERVE, -1, 0);
        if (p == LibCMemory.MAP_FAILED)
            throw new Formats.InstrumentLoadException(source.Name, "", $"cannot reserve {_mappingBytes} bytes of address space to stream it (mmap errno {Marshal.GetLastPInvokeError()})");
        _mapping = (byte*)p;
        // If the process already called mlockall(MCL_FUTURE), this new mapping is locked on fault: unlock it, so that
        // streamed chunks never count against RLIMIT_MEMLOCK (the head is locked again below, on purpose).
        _ = LibCMemory.munlock(_mapping, _mappingBytes);
        Frames = _mapping + _pageBytes - (Sample.PadFrames * source.FrameBytes);
        State = new int[ChunkCount];
        LastNeededPass = new long[ChunkCount];
        LruPrev = new long[ChunkCount];
        LruNext = new long[ChunkCount];
        Array.Fill(LruPrev, -1);
        Array.Fill(LruNext, -1);
    }

    /// <summary>Where frame -<see cref="Sample.PadFrames"/> is: the same layout as <see cref="Sample.Frames"/>.</summary>
    public override void* Frames { get; }

    /// <summary>The storage format of the values (the source's: 16-bit sources stay 16-bit).</summary>
    public override SampleFormat Format { get; }

    public StreamSource Source { get; }

    public override int Channels { get; }

    public override long FrameCount { get; }

    public int ChunkFrames { get; }

    public int ChunkShift { get; }

    public int ChunkBytes { get; }

    public int ChunkCount { get; }

    /// <summary>Chunks 0..HeadChunks-1 are the head: decoded at load, resident for good.</summary>
    public int HeadChunks { get; }

    /// <summary>Per chunk: <see cref="Absent"/>, <see cref="Cached"/> or <see cref="Resident"/>. Audio thread reads, streamer writes.</summary>
    public int[] State { get; }

    /// <summary>Per chunk, the streamer pass that last found a voice needing it (eviction spares this pass's chunks). Streamer only.</summary>
    public long[] LastNeededPass { get; }

    /// <summary>The cache's LRU links (node = sample index &lt;&lt; 32 | chunk, -1 for none). Streamer only.</summary>
    public long[] LruPrev { get; }

    /// <summary>See <see cref="LruPrev"/>.</summary>
    public long[] LruNext { get; }

    /// <summary>The store's index of this sample (set when registered).</summary>
    public int Index { get; set; } = -1;

    /// <summary>The store that streams it.</summary>
    public SampleStore? Store { get; set; }

    /// <summary>Bytes the resident (head and preloaded) chunks hold.</summary>
    public override long ResidentBytes => _residentBytes;

    /// <summary>direction=reverse: the store streams the same file backwards (null without a store). Control thread.</summary>
    public override Sample? CreateReversed(Sample forward) => Store?.CreateReversed(forward);

    /// <summary>True when the resident chunks are locked in RAM.</summary>
    public bool Locked { get; private set; } = true;

    /// <summary>Frames in chunk <paramref name="chunk"/> (the last one may be short).</summary>
    public int FramesIn(int chunk) => (int)Math.Min(ChunkFrames, FrameCount - ((long)chunk << ChunkShift));

    /// <summary>The first byte of chunk <paramref name="chunk"/> (page aligned).</summary>
    public byte* ChunkAddress(int chunk) => _mapping + _pageBytes + ((nuint)chunk * (nuint)ChunkBytes);

    /// <summary>Decodes the head (and any other chunks in [firstFrame, firstFrame + frames)) for good. Loader or control thread, before publication.</summary>
    public void MakeResident(long firstFrame, long frames, byte[] scratch, bool lockPages)
    {
        int first = (int)(Math.Clamp(firstFrame, 0, FrameCount - 1) >> ChunkShift);
        int last = (int)(Math.Clamp(firstFrame + frames - 1, 0, FrameCount - 1) >> ChunkShift);
        for (int c = first; c <= last; c++)
        {
            if (State[c] == Resident)
                continue;
            Fill(c, scratch);
            State[c] = Resident;
            _residentBytes += ChunkBytes;
            if (lockPages)
                Locked &= LibCMemory.mlock(ChunkAddress(c), (nuint)ChunkBytes) == 0;
        }

        if (first == 0)
        {
            // The guard pages: never written, so reading them now maps the kernel's shared zero page (no memory of ours,
            // where locking them would allocate 8 KiB per sample), and reading the taps around the ends never faults.
            _ = Volatile.Read(ref *_mapping);
            _ = Volatile.Read(ref *(_mapping + _mappingBytes - _pageBytes));
        }
    }

    /// <summary>Decodes chunk <paramref name="chunk"/> into its place. Streamer thread (or loader before publication).</summary>
    public void Fill(int chunk, byte[] scratch)
    {
        int frames = FramesIn(chunk);
        Source.Read((long)chunk << ChunkShift, frames, new Span<byte>(ChunkAddress(chunk), frames * Source.FrameBytes), scratch);
    }

    /// <summary>Gives a cached chunk's memory back (it then reads as zeros). Streamer thread, after its state went to absent.</summary>
    public void Release(int chunk)
    {
        byte* address = ChunkAddress(chunk);
        _ = LibCMemory.munlock(address, (nuint)ChunkBytes); // a locked page cannot be dropped (mlockall may have locked it)
        _ = LibCMemory.madvise(address, (nuint)ChunkBytes, LibCMemory.MADV_DONTNEED);
    }

    /// <summary>Unlocks every chunk after the head (see <see cref="SampleStore.ExcludeStreamedMemoryFromLock"/>); returns 1 on failure. Control thread.</summary>
    public int UnlockStreamedPart()
    {
        // Resident chunks past the head (preloaded offsets) are re-locked one by one below.
        int failures = LibCMemory.munlock(ChunkAddress(HeadChunks), (nuint)(ChunkCount - HeadChunks) * (nuint)ChunkBytes) == 0 ? 0 : 1;
        for (int c = HeadChunks; c < ChunkCount; c++)
        {
            if (State[c] == Resident)
                _ = LibCMemory.mlock(ChunkAddress(c), (nuint)ChunkBytes);
        }

        return failures;
    }

    /// <summary>Unlocks a freshly written cached chunk (mlockall(MCL_FUTURE|MCL_ONFAULT) locks pages as they are first written). Streamer thread.</summary>
    public void Unlock(int chunk) => _ = LibCMemory.munlock(ChunkAddress(chunk), (nuint)ChunkBytes);

    /// <inheritdoc/>
    public void Dispose()
    {
        _ = LibCMemory.munmap(_mapping, _mappingBytes);
        Source.Dispose();
    }
}

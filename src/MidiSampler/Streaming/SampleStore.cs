using System.Collections.Concurrent;
using MidiSampler.Formats;
using MidiSampler.Formats.SndFile;
using MidiSampler.Model;

namespace MidiSampler.Streaming;

/// <summary>
/// Loads instruments whose samples are either decoded whole into RAM or held as a head in RAM plus a stream from disk,
/// and runs the streamer that feeds the streamed ones (see docs/streaming.md).
/// </summary>
/// <remarks>
/// Design: the store owns everything streaming needs, sized once from <see cref="StreamingOptions"/>: the stream slot
/// pool, the request ring, the chunk cache under its memory budget, and the streamer thread. Samples it streams carry a
/// reference to it, so a voice reaches its streamer through the sample it plays; the engine needs no extra wiring.
/// An instrument is loaded by <see cref="InstrumentLoader.Load"/> with this store as its sample loader: the SFZ is parsed
/// once, then all its sample paths come here together and are probed and decoded on
/// <see cref="StreamingOptions.LoadThreads"/> threads (heads only when streaming), and the regions are built from them. In <see cref="StreamMode.Auto"/> the decoded size of the whole instrument picks
/// RAM or streaming, so small instruments keep the plain in-RAM path (no streaming cost at all) and big ones load in
/// the time it takes to read their heads. A sample no longer than its head is always held in RAM.
/// One audio thread plays a store's streamed samples (the slot pool is that thread's). Dispose the store after the
/// engine that plays its samples has stopped. Threads: the load and stats members from the control thread (or any
/// non-audio thread); the streaming itself runs on the store's own thread.
/// </remarks>
public sealed class SampleStore : ISampleLoader, ISampleRangeLoader, IDisposable
{
    private readonly Lock _registerLock = new();
    private readonly List<StreamedSampleData> _all = [];
    private StreamedSampleData[] _published = [];
    private long _headBytes;
    private bool _headsLocked = true;
    private long _lastStatsBytes;
    private long _lastStatsTicks = Environment.TickCount64;
    private readonly Lock _loadLock = new();
    private bool _disposed;
    private bool _loadingInstrument;

    /// <summary>Creates a store and starts its streamer thread. Control thread.</summary>
    public SampleStore(StreamingOptions? options = null)
    {
        Options = options ?? new StreamingOptions();
        Options.Validate();
        if ((Options.ChunkFrames * sizeof(float)) % Environment.SystemPageSize != 0)
            throw new ArgumentOutOfRangeException(nameof(options), Options.ChunkFrames, $"ChunkFrames × 4 bytes must be a multiple of the {Environment.SystemPageSize}-byte page");
        Streamer = new Streamer(this, Options);
    }

    /// <summary>The store's limits and mode.</summary>
    public StreamingOptions Options { get; }

    /// <summary>The last chunk read error's message (the frames stayed silent), or null. Any thread.</summary>
    public string? LastReadError { get; internal set; }

    /// <summary>For tests: makes every chunk read take at least this long, as a slow disk would. Any thread.</summary>
    internal int SimulatedReadDelayMilliseconds
    {
        get => Streamer.SimulatedReadDelayMilliseconds;
        set => Streamer.SimulatedReadDelayMilliseconds = value;
    }

    internal Streamer Streamer { get; }

    /// <summary>The samples the streamer may serve, indexed by <see cref="StreamedSampleData.Index"/> (replaced whole on publication).</summary>
    internal StreamedSampleData[] Published => Volatile.Read(ref _published);

    /// <summary>
    /// Decodes an instrument's sample files on <see cref="StreamingOptions.LoadThreads"/> threads, in RAM or as heads to
    /// stream, by this store's mode (the <see cref="ISampleLoader"/> that <see cref="InstrumentLoader.Load"/> calls with
    /// <c>InstrumentLoadOptions.Samples</c> set to this store; load instruments through it). The new samples are handed
    /// to the streamer in <see cref="Complete"/>. One instrument loads at a time per store. Control thread (decoding
    /// runs on loader threads).
    /// </summary>
    public IReadOnlyDictionary<string, SampleLoadResult> LoadAll(IReadOnlyList<string> fullPaths, ICollection<string> warnings, IProgress<LoadProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(fullPaths);
        ArgumentNullException.ThrowIfNull(warnings);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_loadLock)
        {
            _loadingInstrument = true;
            var loadWarnings = new List<string>();
            var decoded = Decode(fullPaths, loadWarnings, progress);
            foreach (string w in loadWarnings)
                warnings.Add(w);
            return decoded;
        }
    }

    /// <summary>
    /// The instrument whose samples <see cref="LoadAll"/> decoded is built (null: building it failed): makes each region's
    /// start resident (a region that starts past its sample's head), then hands the new samples to the streamer. Control thread.
    /// </summary>
    public void Complete(Instrument? instrument)
    {
        lock (_loadLock)
        {
            try
            {
                if (instrument is not null)
                    PreloadOffsets(instrument);
            }
            finally
            {
                _loadingInstrument = false;
                Publish();
            }
        }
    }

    /// <summary>
    /// The side of <see cref="LoadAll"/> for samples inside a larger file (a SoundFont's): in <see cref="StreamMode.Auto"/>
    /// their decoded size picks RAM or streaming; when streaming, every sample longer than its head is registered with
    /// the head decoded (read straight into the mapping) and the rest streamed from the file. Returns the streamed
    /// samples; the format's loader decodes the others into RAM. Control thread.
    /// </summary>
    IReadOnlyDictionary<int, Sample> ISampleRangeLoader.StreamRanges(IReadOnlyList<PcmRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_loadLock)
        {
            _loadingInstrument = true;
            var streamed = new Dictionary<int, Sample>();
            long decoded = ranges.Sum(r => r.Frames * (r.LowBytesOffset >= 0 || !CompactStreams ? sizeof(float) : sizeof(short)));
            bool stream = Options.Mode == StreamMode.Stream || (Options.Mode == StreamMode.Auto && decoded >= Options.AutoStreamThresholdBytes);
            if (!stream)
                return streamed;
            for (int i = 0; i < ranges.Count; i++)
            {
                var r = ranges[i];
                if (r.SampleRate is < 1 or > 1_536_000 || r.Frames <= PreloadFramesFor(r.SampleRate) + Options.ChunkFrames)
                    continue; // short: the plain in-RAM path, no streaming cost
                var data = Register(new PcmRangeStreamSource(r, CompactStreams), r.Path);
                streamed[i] = Sample.FromStream(r.Name, r.SampleRate, data, SampleMetadata.None);
            }

            return streamed;
        }
    }

    /// <summary>The instruments whose samples <see cref="ISampleRangeLoader.StreamRanges"/> streamed are built. Control thread.</summary>
    void ISampleRangeLoader.Complete(IReadOnlyList<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        lock (_loadLock)
        {
            try
            {
                foreach (var instrument in instruments)
                    PreloadOffsets(instrument);
            }
            finally
            {
                _loadingInstrument = false;
                Publish();
            }
        }
    }

    /// <summary>
    /// Loads one sample file for streaming (head only) or whole (when no longer than its head, when the store's mode is
    /// <see cref="StreamMode.Ram"/>, or when the file cannot be streamed). Control or loader thread.
    /// </summary>
    public Sample LoadSample(string path, ICollection<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var sample = LoadOne(Path.GetFullPath(path), Options.Mode != StreamMode.Ram, warnings);
        Publish();
        return sample;
    }

    /// <summary>
    /// Call after mlockall(MCL_CURRENT...): takes the streamed (non-head) part of every mapping back out of the lock, so
    /// that only the heads stay locked and streamed chunks never count against RLIMIT_MEMLOCK nor pin the cache's pages.
    /// Returns how many ranges could not be unlocked. Control thread.
    /// </summary>
    public int ExcludeStreamedMemoryFromLock()
    {
        int failures = 0;
        lock (_registerLock)
        {
            foreach (var d in _all)
                failures += d.UnlockStreamedPart();
        }

        return failures;
    }

    /// <summary>A snapshot of the streaming figures; the read rate is measured since the previous call. Control thread.</summary>
    public StreamingStats GetStats()
    {
        var s = Streamer;
        long bytes = s.BytesRead, now = Environment.TickCount64;
        double seconds = Math.Max(0.001, (now - _lastStatsTicks) / 1000.0);
        double rate = (bytes - _lastStatsBytes) / seconds;
        _lastStatsBytes = bytes;
        _lastStatsTicks = now;
        int streamed;
        lock (_registerLock)
            streamed = _all.Count;
        return new StreamingStats(s.Underruns, bytes, rate, s.CacheHits, s.CacheMisses, Interlocked.Read(ref _headBytes), s.CachedBytes,
            Options.MemoryBudgetBytes, s.ActiveStreams, s.DroppedRequests, s.BudgetStalls, s.ReadErrors, streamed, _headsLocked);
    }

    /// <summary>Stops the streamer and frees every mapping. Call only when no engine plays this store's samples. Control thread.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Streamer.Dispose();
        lock (_registerLock)
        {
            foreach (var d in _all)
                d.Dispose();
            _all.Clear();
        }

        Volatile.Write(ref _published, []);
    }

    /// <summary>direction=reverse of a streamed sample: a second streamed sample over the same file, read backwards. Control thread.</summary>
    internal Sample CreateReversed(Sample sample)
    {
        var forward = (StreamedSampleData)sample.Stream!;
        var data = Register(new ReversedStreamSource(forward.Source), sample.Name + " (reversed)");
        var reversed = Sample.FromStream(sample.Name + " (reversed)", forward.Source.SampleRate, data, SampleMetadata.None);
        if (!_loadingInstrument)
            Publish(); // inside an instrument load (LoadAll to Complete), publication waits for the offsets to be preloaded
        return reversed;
    }

    private static long DecodedBytes(StreamSource s) => s.FrameCount * s.FrameBytes;

    /// <summary>
    /// Whether 16-bit sources may stream as 16-bit: a chunk must be a whole number of pages (with 1,024-frame chunks,
    /// 2 KiB of mono 16-bit is not, so such a store streams them as float).
    /// </summary>
    internal bool CompactStreams => (Options.ChunkFrames * sizeof(short)) % Environment.SystemPageSize == 0;

    private int PreloadFramesFor(int sampleRate) =>
        Options.PreloadFrames > 0 ? Options.PreloadFrames : (int)Math.Ceiling(0.2 * sampleRate);

    /// <summary>Probes (Auto), then decodes every distinct path on the loader threads. Errors are kept per path.</summary>
    private Dictionary<string, SampleLoadResult> Decode(IReadOnlyList<string> paths, List<string> warnings, IProgress<LoadProgress>? progress)
    {
        var distinct = paths.Distinct(StringComparer.Ordinal).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.LoadThreads };
        bool stream = Options.Mode == StreamMode.Stream;
        if (Options.Mode == StreamMode.Auto)
        {
            // The instrument's decoded size, from the headers alone.
            long total = 0;
            Parallel.ForEach(distinct, parallel, p =>
            {
                long bytes = ProbeDecodedBytes(p);
                Interlocked.Add(ref total, bytes);
            });
            stream = total >= Options.AutoStreamThresholdBytes;
        }

        var results = new ConcurrentDictionary<string, SampleLoadResult>(StringComparer.Ordinal);
        var collected = new ConcurrentQueue<string>();
        int done = 0;
        long decodedBytes = 0;
        progress?.Report(new LoadProgress(0, distinct.Length, 0));
        Parallel.ForEach(distinct, parallel, p =>
        {
            var local = new List<string>();
            try
            {
                var sample = LoadOne(p, stream, local);
                results[p] = new SampleLoadResult(sample, null);
                Interlocked.Add(ref decodedBytes, sample.ResidentBytes);
            }
            catch (InstrumentLoadException e)
            {
                results[p] = new SampleLoadResult(null, e);
            }

            foreach (string w in local)
                collected.Enqueue(w);
            int n = Interlocked.Increment(ref done);
            progress?.Report(new LoadProgress(n, distinct.Length, Interlocked.Read(ref decodedBytes)));
        });

        // Workers report in whatever order they finish, so the last report from a worker may carry a smaller count
        // than another's: one final report states the finished total.
        progress?.Report(new LoadProgress(distinct.Length, distinct.Length, Interlocked.Read(ref decodedBytes)));
        warnings.AddRange(collected);
        return results.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    private static long ProbeDecodedBytes(string path)
    {
        try
        {
            using var source = OpenSource(path, null, compact: true);
            return source is null ? new FileInfo(path).Length * 4 : DecodedBytes(source);
        }
        catch (InstrumentLoadException)
        {
            return 0; // reported when it is loaded
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>A streaming source for the file, or null when it can only be decoded whole.</summary>
    private static StreamSource? OpenSource(string path, ICollection<string>? warnings, bool compact)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".wav" or ".wave")
            return WavStreamSource.Open(path, warnings, compact);
        if (extension is not (".flac" or ".ogg" or ".oga" or ".opus" or ".aif" or ".aiff" or ".aifc" or ".caf" or ".w64"))
            return null;
        Span<byte> head = stackalloc byte[12];
        int got;
        try
        {
            using var f = File.OpenRead(path);
            got = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InstrumentLoadException(path, "", "cannot read the file: " + e.Message, e);
        }

        return SndFileReader.Sniff(head[..got]) switch
        {
            SndFileReader.Container.Wave => WavStreamSource.Open(path, warnings, compact),
            SndFileReader.Container.LibSndFile => SndFileStreamSource.TryOpen(path, warnings),
            _ => null,
        };
    }

    private Sample LoadOne(string path, bool stream, ICollection<string>? warnings)
    {
        if (!stream)
            return SampleFile.LoadWithWarnings(path, warnings);
        var source = OpenSource(path, warnings, CompactStreams);
        if (source is null)
            return SampleFile.LoadWithWarnings(path, warnings);
        int preload = PreloadFramesFor(source.SampleRate);
        if (source.FrameCount <= preload + Options.ChunkFrames)
        {
            // Short enough to hold whole: the plain in-RAM path, no streaming cost.
            source.Dispose();
            return SampleFile.LoadWithWarnings(path, warnings);
        }

        var data = Register(source, path);
        return Sample.FromStream(path, source.SampleRate, data, source.Metadata);
    }

    /// <summary>Maps a sample, decodes its head and registers it (published later). Loader or control thread.</summary>
    private StreamedSampleData Register(StreamSource source, string name)
    {
        StreamedSampleData data;
        try
        {
            data = new StreamedSampleData(source, Options.ChunkFrames, PreloadFramesFor(source.SampleRate));
        }
        catch
        {
            source.Dispose();
            throw;
        }

        try
        {
            var scratch = new byte[Math.Max(1, source.ScratchBytes(Options.ChunkFrames))];
            data.MakeResident(0, (long)data.HeadChunks * data.ChunkFrames, scratch, Options.LockHeads);
            source.Close();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            data.Dispose();
            throw new InstrumentLoadException(name, "", "cannot read the file: " + e.Message, e);
        }
        catch
        {
            data.Dispose();
            throw;
        }

        data.Store = this;
        lock (_registerLock)
        {
            data.Index = _all.Count;
            _all.Add(data);
        }

        Interlocked.Add(ref _headBytes, data.ResidentBytes);
        if (Options.LockHeads && !data.Locked)
            _headsLocked = false;
        return data;
    }

    /// <summary>
    /// A region that starts past its sample's head (offset) would begin in an underrun: its start is made resident too,
    /// as sfizz preloads from the offset. Before publication, so the streamer never sees these chunks change state.
    /// </summary>
    private void PreloadOffsets(Instrument instrument)
    {
        byte[]? scratch = null;
        foreach (var region in instrument.Regions)
        {
            if (region.Sample.Stream is not StreamedSampleData data || data.Index < Published.Length)
                continue;
            long offset = Math.Clamp(region.Offset, 0, data.FrameCount - 1);
            if (offset < (long)data.HeadChunks * data.ChunkFrames)
                continue;
            int needed = Math.Max(1, data.Source.ScratchBytes(Options.ChunkFrames));
            if (scratch is null || scratch.Length < needed)
                scratch = new byte[needed];
            long before = data.ResidentBytes;
            data.MakeResident(offset, PreloadFramesFor(data.Source.SampleRate), scratch, Options.LockHeads);
            data.Source.Close();
            Interlocked.Add(ref _headBytes, data.ResidentBytes - before);
        }
    }

    /// <summary>Hands every registered sample to the streamer (one atomic swap of the array it reads).</summary>
    private void Publish()
    {
        lock (_registerLock)
            Volatile.Write(ref _published, [.. _all]);
    }
}

using System.Runtime;

namespace MidiSampler.Fuzz;

/// <summary>
/// While held, <see cref="GC.GetAllocatedBytesForCurrentThread"/> moves only when this thread allocates: background
/// (concurrent) garbage collection is off (<see cref="GCLatencyMode.Batch"/>), so every collection is a blocking one.
/// </summary>
/// <remarks>
/// Why: a background collection, started by any thread, suspends the others at points that
/// <see cref="GC.CollectionCount(int)"/> does not count, and there the per-thread counter of a thread that allocates
/// nothing can jump by the unused rest of its allocation context (up to one 8 KB quantum). In the soak (issue 20) that
/// showed as the audio path "allocating" 2-26 KB in 1-6 blocks a few seconds of audio after a collection, and only
/// where other threads allocate (the test host): measured here with a loop that cannot allocate, 3 jumps of 7,944 to
/// 8,072 bytes in 4,000 1-ms spans across 18 background collections, none with <see cref="GCLatencyMode.Batch"/> or
/// <c>DOTNET_gcConcurrent=0</c> (docs/hardening.md, "The soak's allocation count"). Blocking collections retire the
/// allocation context with its accounting, so they never move the count. Nested and overlapping scopes share one
/// saved mode. A collection already running when the scope begins is waited for (a blocking full collection).
/// Control thread only; the mode is process-wide, which costs a measuring run nothing but pause length.
/// </remarks>
internal readonly struct ExactAllocationCount : IDisposable
{
    private static readonly Lock Gate = new();
    private static int s_depth;
    private static GCLatencyMode s_saved;

    private readonly bool _held;

    private ExactAllocationCount(bool held) => _held = held;

    /// <summary>Turns background collection off until <see cref="Dispose"/> (or the last of overlapping scopes ends).</summary>
    public static ExactAllocationCount Begin()
    {
        lock (Gate)
        {
            if (s_depth++ == 0)
            {
                s_saved = GCSettings.LatencyMode;
                GCSettings.LatencyMode = GCLatencyMode.Batch;
            }
        }

        // A background collection that was already running could still suspend this thread at an uncounted point.
        GC.Collect();
        return new ExactAllocationCount(held: true);
    }

    /// <summary>Whether background collection is off now (what the soak prints).</summary>
    public static bool IsExact => GCSettings.LatencyMode == GCLatencyMode.Batch;

    public void Dispose()
    {
        if (!_held)
            return;
        lock (Gate)
        {
            if (--s_depth == 0)
                GCSettings.LatencyMode = s_saved;
        }
    }
}

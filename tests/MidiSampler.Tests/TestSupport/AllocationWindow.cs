using MidiSampler.Fuzz;

namespace MidiSampler.Tests.TestSupport;

/// <summary>
/// The measuring window of the zero-allocation tests: warm up (JIT and tiering), then count what the measured blocks
/// allocate on this thread and the collections the process makes meanwhile.
/// </summary>
internal static class AllocationWindow
{
    /// <summary>
    /// Calls <paramref name="runBlock"/> with 0..<paramref name="warmUpBlocks"/>−1, then with 0..<paramref name="blocks"/>−1
    /// inside the window. Returns the bytes this thread allocated in the window and the gen 0/1/2 collections counted in it.
    /// </summary>
    /// <remarks>
    /// The window starts with an empty gen0 budget: the collection count is process-wide, and a collection that the rest
    /// of the test process (threads left by earlier tests, the runtime's own) brings due would otherwise be counted against
    /// the engine. The window holds an <see cref="ExactAllocationCount"/>: a background collection another thread starts
    /// could otherwise move this thread's count by up to 8 KB while it allocates nothing (what the soak once "found").
    /// </remarks>
    public static (long Bytes, int Gen0, int Gen1, int Gen2) Measure(Action<int> runBlock, int warmUpBlocks, int blocks)
    {
        for (int b = 0; b < warmUpBlocks; b++)
            runBlock(b);
        using var exact = ExactAllocationCount.Begin();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int b = 0; b < blocks; b++)
            runBlock(b);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        return (bytes, GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
    }
}

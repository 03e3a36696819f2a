namespace MidiSampler.Model;

/// <summary>
/// Counted references to the native buffers of the samples one compiled instrument plays: taken when it is built,
/// given back by <see cref="Release"/> when the engine retires it and no voice plays it any more.
/// </summary>
/// <remarks>
/// Design: if the holder is dropped without <see cref="Release"/> (an engine never disposed), the finalizer gives the
/// references back, and runs before the buffers' own (critical) finalizers, so native memory never leaks. Threads:
/// created and released on the control thread (or the finalizer thread).
/// </remarks>
internal sealed class SampleMemoryLease
{
    private SampleBuffer[]? _buffers;

    /// <summary>Takes one reference on each distinct buffer. Throws <see cref="ObjectDisposedException"/> when one was already freed.</summary>
    public SampleMemoryLease(IEnumerable<SampleBuffer> buffers)
    {
        var taken = new List<SampleBuffer>();
        try
        {
            foreach (var b in buffers.Distinct())
            {
                bool added = false;
                b.DangerousAddRef(ref added);
                taken.Add(b);
            }
        }
        catch
        {
            foreach (var b in taken)
                b.DangerousRelease();
            GC.SuppressFinalize(this);
            throw;
        }

        _buffers = [.. taken];
    }

    /// <summary>Gives the references back (idempotent). Control thread, never the audio thread (it may free memory).</summary>
    public void Release()
    {
        var buffers = Interlocked.Exchange(ref _buffers, null);
        if (buffers is null)
            return;
        foreach (var b in buffers)
            b.DangerousRelease();
        GC.SuppressFinalize(this);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "MA0055:Do not use finalizer",
        Justification = "The safety net for an engine never disposed: gives native-memory references back (see the remarks).")]
    ~SampleMemoryLease() => Release();
}

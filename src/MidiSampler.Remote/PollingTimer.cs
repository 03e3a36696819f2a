namespace MidiSampler.Remote;

/// <summary>
/// Runs an action every interval on the thread pool, never two at once: a timer callback that comes while the previous
/// one still runs (it ran late) is skipped. For the remote's single readers of the audio thread's rings and counters.
/// </summary>
public sealed class PollingTimer : IDisposable
{
    private readonly Action _poll;
    private readonly Timer _timer;
    private int _running;

    /// <summary>Starts calling <paramref name="poll"/> every <paramref name="interval"/>. Control thread.</summary>
    public PollingTimer(Action poll, TimeSpan interval)
    {
        _poll = poll;
        _timer = new Timer(_ => Tick(), null, interval, interval);
    }

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
            return;
        try
        {
            _poll();
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}

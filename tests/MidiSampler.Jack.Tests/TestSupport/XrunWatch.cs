namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// Counts the xruns the server reported from the moment it is watched (see <see cref="XrunRetry"/>), through the
/// in-process host or, when the sampler runs as a child process, through the test's own capture client.
/// </summary>
internal sealed class XrunWatch
{
    private Func<long>? _count;
    private long _before;

    public void Watch(JackSamplerHost host) => Watch(() => host.GetStats().Xruns);

    public void Watch(CaptureClient capture) => Watch(() => capture.Xruns);

    public bool SawXrun => _count is not null && _count() > _before;

    private void Watch(Func<long> count)
    {
        _count = count;
        _before = count();
    }
}

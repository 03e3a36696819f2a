namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>Counts the xruns a host saw from the moment it is watched (see <see cref="XrunRetry"/>).</summary>
internal sealed class XrunWatch
{
    private JackSamplerHost? _host;
    private long _before;

    public void Watch(JackSamplerHost host)
    {
        _host = host;
        _before = host.GetStats().Xruns;
    }

    public bool SawXrun => _host is not null && _host.GetStats().Xruns > _before;
}

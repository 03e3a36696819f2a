namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// A fact that needs root (network namespaces and veth pairs need CAP_NET_ADMIN): skipped, with the reason,
/// when the test process is not privileged, so that a non-root CI runner does not report a false failure.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RootFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute; sets <see cref="FactAttribute.Skip"/> when not running as root.</summary>
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
            Skip = "needs root: creates network namespaces (ip netns) for a netJACK master and slave";
    }
}

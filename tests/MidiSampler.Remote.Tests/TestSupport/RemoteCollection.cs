namespace MidiSampler.Remote.Tests.TestSupport;

/// <summary>The end-to-end tests share one <see cref="RemoteRig"/> (one jackd, one program): a few seconds, not a few per test.</summary>
[CollectionDefinition(Name)]
public sealed class RemoteCollection : ICollectionFixture<RemoteRig>
{
    public const string Name = "remote";
}

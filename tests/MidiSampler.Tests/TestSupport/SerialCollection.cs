namespace MidiSampler.Tests.TestSupport;

/// <summary>
/// Tests that count process-wide events (garbage collections) or measure time: they run alone,
/// after the parallel tests, so that other tests' allocations do not trigger collections in their window.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (no parallel tests)";
}

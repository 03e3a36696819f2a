namespace MidiSampler.Tests.TestSupport;

/// <summary>
/// A fact that reads the project's shared data (<see cref="SharedData"/>): skipped, with the reason, in a fresh clone
/// with no <c>shared/</c> beside it; run (and failing if the data is missing) in CI.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute; sets <see cref="FactAttribute.Skip"/> when the data is absent outside CI.</summary>
    public SharedDataFactAttribute()
    {
        if (SharedData.SkipWithoutIt)
            Skip = SharedData.SkipReason;
    }
}

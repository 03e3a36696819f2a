namespace MidiSampler.Tests.TestSupport;

/// <summary>
/// Finds the project's shared test data (<c>shared/</c> beside the clone: the ganjo WAVs, the SFZ opcode database,
/// the SoundFont bank and FluidSynth's dump of it) and the repository root, by walking up from the test assembly.
/// </summary>
/// <remarks>
/// Design: a fresh clone has no <c>shared/</c> beside it, and its <c>bash .ci/run</c> must still pass (README quick
/// start, scripts/fresh-clone-check.sh), so the tests that need that data are <see cref="SharedDataFactAttribute"/>s:
/// skipped there, with the reason. In CI (<c>CI=true</c>) the data is always laid beside the clone, so a missing
/// folder is a failure there, never a silent skip.
/// </remarks>
internal static class SharedData
{
    /// <summary>The nearest <c>shared/</c> above the test assembly that holds the ganjo instrument, or null.</summary>
    public static string? Directory { get; } = FindUp(d => Path.Combine(d, "shared"), p => File.Exists(Path.Combine(p, "instruments", "ganjo", "ganjo.sfz")));

    /// <summary>True when the shared data is absent and this is not CI: the tests that need it are skipped.</summary>
    public static bool SkipWithoutIt => Directory is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The reason a test that needs the shared data is skipped.</summary>
    public const string SkipReason = "needs the project's shared data (shared/ beside the clone), which a fresh clone does not have";

    /// <summary>The repository's root (the folder holding MidiSampler.slnx).</summary>
    public static string RepositoryRoot { get; } = FindUp(d => d, p => File.Exists(Path.Combine(p, "MidiSampler.slnx")))
        ?? throw new InvalidOperationException($"no MidiSampler.slnx above {AppContext.BaseDirectory}");

    /// <summary>The shared folder, or a clear failure naming what is missing (CI, where it must be there).</summary>
    public static string Require() => Directory
        ?? throw new DirectoryNotFoundException($"shared/instruments/ganjo/ganjo.sfz not found in any folder above {AppContext.BaseDirectory}: "
            + "lay the project's shared data beside the repository (../shared)");

    private static string? FindUp(Func<string, string> candidateOf, Func<string, bool> accept)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = candidateOf(dir.FullName);
            if (accept(candidate))
                return candidate;
        }

        return null;
    }
}

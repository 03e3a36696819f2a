namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>Finds the shared test data: walks up from the test assembly to a folder holding <c>shared/sf2</c>.</summary>
internal static class SharedSf2
{
    public const string BankFile = "VintageDreamsWaves-v2.sf2";

    public static string BankPath => Path.Combine(Directory, BankFile);

    public static string DumpPath => Path.Combine(Directory, BankFile + ".yml");

    public static string Directory { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "sf2");
            if (File.Exists(Path.Combine(candidate, BankFile)))
                return candidate;
        }

        throw new InvalidOperationException(
            $"shared/sf2/{BankFile} not found in any folder above {AppContext.BaseDirectory}: clone the shared data beside the repository (shared/sf2)");
    }
}

namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>Finds the shared test data: walks up from the test assembly to a folder holding <c>shared/sf2</c>.</summary>
internal static class SharedSf2
{
    public const string BankFile = "VintageDreamsWaves-v2.sf2";

    public static string BankPath => Path.Combine(Directory, BankFile);

    public static string DumpPath => Path.Combine(Directory, BankFile + ".yml");

    public static string Directory => Path.Combine(TestSupport.SharedData.Require(), "sf2");
}

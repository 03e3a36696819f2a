namespace MidiSampler.Cli;

/// <summary>Entry point of the <c>midi-sampler</c> program.</summary>
internal static class Program
{
    private static int Main(string[] args) => args.Length >= 0 ? 0 : 2;
}

namespace MidiSampler.Fuzz;

/// <summary>
/// <c>MidiSampler.Fuzz fuzz TARGET</c>: the afl++ harness (SharpFuzz, out of process: afl-fuzz runs it, see scripts/fuzz.sh).
/// <c>MidiSampler.Fuzz run TARGET FILE...</c>: runs inputs once each, without afl (replaying findings).
/// <c>MidiSampler.Fuzz soak SECONDS [SEED]</c>: the random-play soak (see <see cref="Soak"/>, scripts/soak.sh).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "fuzz")
        {
            string target = args[1];
            SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                FuzzTargets.Run(target, copy.ToArray());
            });
            return 0;
        }

        if (args.Length >= 3 && args[0] == "run")
        {
            foreach (string file in args.Skip(2))
            {
                FuzzTargets.Run(args[1], File.ReadAllBytes(file));
                Console.WriteLine($"ok: {file}");
            }

            return 0;
        }

        if (args.Length >= 2 && args[0] == "soak")
            return Soak.Run(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1, Console.Out);

        Console.Error.WriteLine("usage: MidiSampler.Fuzz fuzz TARGET | run TARGET FILE... | soak SECONDS [SEED]   (targets: " + string.Join(", ", FuzzTargets.Names) + ")");
        return 2;
    }
}

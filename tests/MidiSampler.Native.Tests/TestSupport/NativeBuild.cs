namespace MidiSampler.Native.Tests.TestSupport;

/// <summary>
/// The NativeAOT library and the C programs of these tests, built once per test run (the AOT publish takes a minute
/// or two on a small machine): <c>dotnet publish src/MidiSampler.Native -r linux-x64</c> into a temporary directory,
/// then each C program with gcc against include/midi_sampler.h and that libmidisampler.so (rpath set, so the
/// programs run as a C host would ship them).
/// </summary>
internal static class NativeBuild
{
    private static readonly Lazy<Outputs> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> Arm64Program = new(PublishArm64Program, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly string Root = Path.Combine(Path.GetTempPath(), $"midisampler-native-tests-{Environment.ProcessId}");

    static NativeBuild()
    {
        Directory.CreateDirectory(Root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // left in /tmp
            }
        };
    }

    /// <summary>The repository's root (where MidiSampler.slnx is).</summary>
    public static string RepositoryRoot { get; } = FindAbove(dir => File.Exists(Path.Combine(dir, "MidiSampler.slnx")), "");

    /// <summary>The directory holding the published libmidisampler.so.</summary>
    public static string LibraryDirectory => Built.Value.Library;

    /// <summary>The directory with the header.</summary>
    public static string IncludeDirectory => Path.Combine(RepositoryRoot, "src", "MidiSampler.Native", "include");

    /// <summary>
    /// The midi-sampler program cross-compiled for linux-arm64 with NativeAOT (Debian's clang and lld, linking against
    /// the arm64 cross C library), published once per test run.
    /// </summary>
    public static string Arm64MidiSampler => Arm64Program.Value;

    /// <summary>The path of a built C program (design_offline, design_jack, misuse, extras).</summary>
    public static string Program(string name) => Path.Combine(Built.Value.Programs, name);

    private static Outputs Build()
    {
        string root = Root;
        string library = Path.Combine(root, "lib");
        string programs = Path.Combine(root, "bin");
        Directory.CreateDirectory(programs);
        Run("dotnet", TimeSpan.FromMinutes(12), "publish", Path.Combine(RepositoryRoot, "src", "MidiSampler.Native", "MidiSampler.Native.csproj"),
            "-c", "Release", "-r", "linux-x64", "-o", library, "-nologo", "-v", "quiet");
        if (!File.Exists(Path.Combine(library, "libmidisampler.so")))
            throw new InvalidOperationException($"the publish wrote no libmidisampler.so into {library}");

        string sources = Path.Combine(AppContext.BaseDirectory, "CPrograms");
        string[] strict = ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-I", IncludeDirectory];
        string[] link = ["-L", library, "-lmidisampler", $"-Wl,-rpath,{library}"];

        // The design's offline example, verbatim; its two placeholders come from the force-included header.
        Gcc([.. strict, "-include", Path.Combine(sources, "design_offline_placeholders.h"), Path.Combine(sources, "design_offline.c"),
            .. link, "-o", Path.Combine(programs, "design_offline")]);

        // The design's JACK example, verbatim: its callback leaves `arg` unused and its main (renamed example_main by the
        // prelude) ends at "... rest of application" without a return, so those two warnings are the design's, not errors.
        string jackObject = Path.Combine(programs, "design_jack.o");
        Gcc([.. strict, "-Wno-unused-parameter", "-Wno-return-type", "-include", Path.Combine(sources, "design_jack_prelude.h"),
            "-c", Path.Combine(sources, "design_jack.c"), "-o", jackObject]);
        Gcc([.. strict, Path.Combine(sources, "design_jack_host.c"), jackObject, .. link, "-ljack", "-o", Path.Combine(programs, "design_jack")]);

        Gcc([.. strict, Path.Combine(sources, "misuse.c"), .. link, "-lpthread", "-o", Path.Combine(programs, "misuse")]);
        Gcc([.. strict, Path.Combine(sources, "extras.c"), .. link, "-o", Path.Combine(programs, "extras")]);
        return new Outputs(library, programs);
    }

    private static string PublishArm64Program()
    {
        string output = Path.Combine(Root, "arm64");
        Run("dotnet", TimeSpan.FromMinutes(15), "publish", Path.Combine(RepositoryRoot, "src", "MidiSampler.Cli", "MidiSampler.Cli.csproj"),
            "-c", "Release", "-r", "linux-arm64", "-p:PublishAot=true", "-p:LinkerFlavor=lld", "-p:ObjCopyName=aarch64-linux-gnu-objcopy",
            "-o", output, "-nologo", "-v", "quiet");
        return Path.Combine(output, "midi-sampler");
    }

    private static void Gcc(string[] args) => Run("gcc", TimeSpan.FromMinutes(2), args);

    private static void Run(string tool, TimeSpan timeout, params string[] args)
    {
        var (exit, output) = NativeRun.Run(tool, RepositoryRoot, null, timeout, args);
        if (exit != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({exit}):\n{output}");
    }

    private static string FindAbove(Func<string, bool> holds, string child)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (holds(dir.FullName))
                return Path.Combine(dir.FullName, child);
        }

        throw new DirectoryNotFoundException($"nothing above {AppContext.BaseDirectory} holds what the tests need ({(child.Length == 0 ? "MidiSampler.slnx" : child)})");
    }

    private sealed record Outputs(string Library, string Programs);
}

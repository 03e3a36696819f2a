using MidiSampler.Formats.Wav;
using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// <c>midi-sampler play --outputs N</c> as a child process against a private jackd: the per-output ports exist (and no
/// more), the startup lines name them, an instrument using more outputs than there are is reported once, and
/// <c>--outputs</c> with <c>--multi-out</c> is refused before touching JACK.
/// </summary>
public sealed class PlayOutputsCommandTests : IDisposable
{
    private const int SIGTERM = 15;
    private readonly string _directory = Directory.CreateTempSubdirectory("ms-play-outputs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Play_registers_one_pair_per_output_and_reports_outputs_beyond_them()
    {
        using var server = JackServer.Start(256);
        WavWriter.WriteFile(Path.Combine(_directory, "sine.wav"), server.SampleRate, 1, WavSampleFormat.Float32, TestInstruments.SineCycles(0.5f, 100));
        string sfz = Path.Combine(_directory, "kit.sfz");
        File.WriteAllText(sfz, "<region> sample=sine.wav key=36\n<region> sample=sine.wav key=38 output=5\n");

        using var play = ChildProcess.Start(MidiSamplerPath(), "play", sfz, "--client-name", "X", "--no-start-server", "--outputs", "2");

        Assert.True(play.WaitForOutput("per-output out: X:output00_L ... X:output01_R", TimeSpan.FromSeconds(20)), play.Output);
        Assert.True(play.WaitForOutput("outputs 2..5 play on output 1", TimeSpan.FromSeconds(5)), play.Output);
        string ports = JackServer.RunTool("jack_lsp", TimeSpan.FromSeconds(5)).Output;
        Assert.Contains("X:output00_L", ports, StringComparison.Ordinal);
        Assert.Contains("X:output01_R", ports, StringComparison.Ordinal);
        Assert.DoesNotContain("X:output02_L", ports, StringComparison.Ordinal);
        Assert.DoesNotContain("X:ch01_L", ports, StringComparison.Ordinal);
        play.Signal(SIGTERM);
        Assert.True(play.Process.WaitForExit(10_000), "play did not exit after SIGTERM");
        play.Process.WaitForExit();
        Assert.Equal(0, play.Process.ExitCode);
    }

    [Fact]
    public void Outputs_with_multi_out_is_refused_with_a_message()
    {
        File.WriteAllText(Path.Combine(_directory, "kit.sfz"), "<region> sample=sine.wav\n");
        WavWriter.WriteFile(Path.Combine(_directory, "sine.wav"), 48_000, 1, WavSampleFormat.Float32, TestInstruments.SineCycles(0.5f, 100));

        using var play = ChildProcess.Start(MidiSamplerPath(), "play", Path.Combine(_directory, "kit.sfz"), "--no-start-server", "--outputs", "2", "--multi-out");

        Assert.True(play.Process.WaitForExit(20_000), "play did not exit");
        play.Process.WaitForExit();
        Assert.NotEqual(0, play.Process.ExitCode);
        Assert.Contains("--outputs and --multi-out exclude each other", play.Output, StringComparison.Ordinal);
    }

    /// <summary>The midi-sampler program built beside the tests (the project references the CLI).</summary>
    private static string MidiSamplerPath()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "midi-sampler");
        Assert.True(File.Exists(path), $"{path} is missing: build tests/MidiSampler.Jack.Tests");
        return path;
    }
}

using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Wav;
using MidiSampler.Native.Tests.TestSupport;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Native.Tests;

/// <summary>
/// The midi-sampler program cross-compiled for linux-arm64 (a Raspberry Pi 4/5 or any 64-bit ARM board) runs under
/// qemu-user and renders the banjo example; its output must match the x64 program's render of the same song.
/// </summary>
/// <remarks>
/// The bound: every sample within 1e-6 (−120 dBFS) of the x64 render, and the RMS difference below −140 dBFS (measured:
/// 1.2e-7, one float step at the signal's level, −138 dBFS; RMS −167 dBFS). The two
/// runs differ only in floating-point rounding: x64 mixes with AVX2 and FMA (fused multiply-add rounds once), arm64 with
/// the scalar kernels (each multiply and add rounded). Any real divergence (a wrong loop point, a missed event, a
/// different voice) is orders of magnitude above that.
/// </remarks>
public sealed class Arm64RenderTests
{
    private const double MaxSampleDifference = 1e-6;

    /// <summary>
    /// The example banjo with its FLAC samples converted to WAV by sox: under qemu the arm64 program has no arm64
    /// libsndfile to decode FLAC, and WAV it reads itself.
    /// </summary>
    private static string WavCopyOfTheExample(TempDirectory dir)
    {
        string example = Path.Combine(NativeBuild.RepositoryRoot, "examples", "ganjo");
        string copy = Directory.CreateDirectory(dir.File("ganjo")).FullName;
        foreach (string flac in Directory.GetFiles(example, "*.flac", SearchOption.AllDirectories))
        {
            string wav = Path.Combine(copy, Path.ChangeExtension(Path.GetRelativePath(example, flac), ".wav"));
            Directory.CreateDirectory(Path.GetDirectoryName(wav)!);
            var (exit, output) = NativeRun.Run("sox", copy, null, TimeSpan.FromSeconds(60), flac, wav);
            Assert.True(exit == 0, $"sox could not convert {flac}: {output}");
        }

        string sfz = Path.Combine(copy, "ganjo.sfz");
        File.WriteAllText(sfz, File.ReadAllText(Path.Combine(example, "ganjo.sfz")).Replace(".flac", ".wav", StringComparison.Ordinal));
        return sfz;
    }

    [Fact]
    public void Arm64_program_under_qemu_renders_the_banjo_example_like_x64()
    {
        string song = Path.Combine(NativeBuild.RepositoryRoot, "examples", "banjo-rolls.mid");
        using var dir = new TempDirectory();
        string instrument = WavCopyOfTheExample(dir);
        string arm64Wav = dir.File("arm64.wav");
        string x64Wav = dir.File("x64.wav");

        // The arm64 binary's interpreter and C library come from Debian's cross packages (libc6-arm64-cross).
        var (armExit, armOutput) = NativeRun.Run("qemu-aarch64-static", dir.Path, null, TimeSpan.FromMinutes(5),
            "-L", "/usr/aarch64-linux-gnu", NativeBuild.Arm64MidiSampler, "render", instrument, song, "-o", arm64Wav, "--format", "float32");
        Assert.True(armExit == 0, $"the arm64 render failed ({armExit}):\n{armOutput}");

        string x64 = Path.Combine(AppContext.BaseDirectory, "midi-sampler");
        var (x64Exit, x64Output) = NativeRun.Run(x64, dir.Path, null, TimeSpan.FromMinutes(2), "render", instrument, song, "-o", x64Wav, "--format", "float32");
        Assert.True(x64Exit == 0, $"the x64 render failed ({x64Exit}):\n{x64Output}");

        var arm = WavReader.Load(arm64Wav);
        var reference = WavReader.Load(x64Wav);
        Assert.Equal(reference.FrameCount, arm.FrameCount);
        Assert.Equal(reference.Channels, arm.Channels);
        Assert.True(reference.FrameCount > 48_000 * 15, "the banjo render is shorter than 15 s");

        double worst = 0, sumSquares = 0, signal = 0;
        for (int i = 0; i < reference.FrameCount; i++)
        {
            for (int c = 0; c < reference.Channels; c++)
            {
                double d = arm[i, c] - reference[i, c];
                worst = Math.Max(worst, Math.Abs(d));
                sumSquares += d * d;
                signal += reference[i, c] * (double)reference[i, c];
            }
        }

        long samples = (long)reference.FrameCount * reference.Channels;
        Assert.True(Signals.Db(Math.Sqrt(signal / samples)) > -40, "the x64 render is nearly silent");
        Assert.True(worst <= MaxSampleDifference, $"largest sample difference {worst:E2} ({Signals.Db(worst):0.0} dBFS) is above {MaxSampleDifference:E0}");
        Assert.True(Signals.Db(Math.Sqrt(sumSquares / samples)) < -140, $"RMS difference {Signals.Db(Math.Sqrt(sumSquares / samples)):0.0} dBFS");
    }
}

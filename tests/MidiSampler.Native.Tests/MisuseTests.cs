using MidiSampler.Cli.Tests.TestSupport;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MidiSampler.Native.Tests.TestSupport;

namespace MidiSampler.Native.Tests;

/// <summary>
/// CPrograms/misuse.c, a C program that misuses the API in every way the header warns about (NULL, forged, destroyed
/// and wrong-kind handles, bad files, values out of range, a full queue, two producers at once): each call must return
/// its error code with a message naming the function, and the process must not crash.
/// </summary>
public sealed partial class MisuseTests
{
    [Fact]
    public void Every_misuse_returns_its_error_code_and_nothing_crashes()
    {
        using var dir = new TempDirectory();
        TestAudio.WriteSine(dir.File("tone.wav"));
        var (exit, output) = NativeRun.Run(NativeBuild.Program("misuse"), dir.Path, null, TimeSpan.FromSeconds(120), dir.Path);

        var summary = Summary().Match(output);
        Assert.True(summary.Success, $"misuse did not finish (exit {exit}; a crash ends it early):\n{output}");
        Assert.True(exit == 0 && summary.Groups[2].Value == "0", $"some misuse was not caught:\n{output}");
        Assert.InRange(int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 80, 1000);
    }

    [Fact]
    public void The_header_structs_have_the_layout_the_library_reads()
    {
        using var dir = new TempDirectory();
        TestAudio.WriteSine(dir.File("tone.wav"));
        var (_, output) = NativeRun.Run(NativeBuild.Program("misuse"), dir.Path, null, TimeSpan.FromSeconds(120), dir.Path);
        var sizes = Sizes().Match(output);
        Assert.True(sizes.Success, output);
        Assert.Equal(Unsafe.SizeOf<AudioConfig>(), int.Parse(sizes.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Unsafe.SizeOf<SampleMapping>(), int.Parse(sizes.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Unsafe.SizeOf<NativeStats>(), int.Parse(sizes.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^checks: (\d+) passed, (\d+) failed$", RegexOptions.Multiline)]
    private static partial Regex Summary();

    [GeneratedRegex(@"^sizes config=(\d+) meta=(\d+) stats=(\d+)$", RegexOptions.Multiline)]
    private static partial Regex Sizes();
}

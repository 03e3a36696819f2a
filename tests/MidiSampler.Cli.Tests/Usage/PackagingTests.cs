using System.Text.RegularExpressions;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Cli.Tests.Usage;

/// <summary>
/// The service files keep what a service needs (issue 19, item 3). Without Nix or systemd here, these read the files
/// themselves: the unit's documentation exists where publishing puts it, and the NixOS module passes --connect, starts
/// jackd so that it can run headless and bridge MIDI, depends on it with Wants= and After=, and has a start timeout.
/// </summary>
public sealed partial class PackagingTests
{
    private static string Root => SharedData.RepositoryRoot;

    [Fact]
    public void The_units_documentation_path_exists_in_the_published_program()
    {
        string unit = File.ReadAllText(Path.Combine(Root, "packaging", "midi-sampler.service"));
        var documentation = DocumentationLine().Match(unit);
        Assert.True(documentation.Success, "no Documentation=file:///opt/midi-sampler/... line");

        // /opt/midi-sampler is the publish folder; the build output beside these tests is the same set of files.
        string relative = documentation.Groups[1].Value;
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, relative)), $"{relative} is not copied beside the program");
        Assert.Contains("--connect", unit, StringComparison.Ordinal);
        Assert.Contains("Wants=jack.service", unit, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^Requires=", unit);
    }

    [Fact]
    public void The_nixos_module_connects_reconnects_and_runs_jackd_headless_with_midi()
    {
        string module = File.ReadAllText(Path.Combine(Root, "packaging", "nix", "module.nix"));

        Assert.Contains("lib.optional cfg.connect \"--connect\"", module, StringComparison.Ordinal);
        Assert.Contains("\"--reconnect\"", module, StringComparison.Ordinal);
        Assert.Contains("environment.JACK_NO_AUDIO_RESERVATION = \"1\"", module, StringComparison.Ordinal);
        Assert.Contains(" -X ${cfg.jack.midi}", module, StringComparison.Ordinal);
        Assert.Contains("wants = lib.optional cfg.jack.enable \"midi-sampler-jackd.service\"", module, StringComparison.Ordinal);
        Assert.Contains("after = [ \"sound.target\" ] ++ lib.optional cfg.jack.enable \"midi-sampler-jackd.service\"", module, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s*requires\s*=", module);
        Assert.Contains("TimeoutStartSec = cfg.startTimeoutSec", module, StringComparison.Ordinal);
        Assert.Contains("documentation = [ \"file://${cfg.package}/lib/midi-sampler/docs/jack.md\" ]", module, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)^Documentation=file:///opt/midi-sampler/(\S+)$")]
    private static partial Regex DocumentationLine();
}

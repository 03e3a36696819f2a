using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MidiSampler.Remote.Tests;

/// <summary>The systemd units and the NixOS module pass the remote options, in forms the program accepts.</summary>
public sealed partial class PackagingTests
{
    [Theory]
    [InlineData("midi-sampler.service")]
    [InlineData("midi-sampler-alsa.service")]
    public void The_units_serve_the_panel_and_OSC_on_the_loopback_and_keep_the_token_in_their_state_directory(string unit)
    {
        string text = File.ReadAllText(Path.Join(Root(), "packaging", unit));
        string exec = ExecStart().Match(text).Groups[1].Value;
        var web = RemoteOptions.ParseEndpoint(Argument(exec, "--web"), "--web");
        var osc = RemoteOptions.ParseEndpoint(Argument(exec, "--osc"), "--osc");
        Assert.True(RemoteOptions.IsLoopback(web) && RemoteOptions.IsLoopback(osc), exec);
        Assert.Equal("/var/lib/midi-sampler/instruments", Argument(exec, "--library"));
        Assert.Contains("StateDirectory=midi-sampler-remote", text, StringComparison.Ordinal);

        // The program itself knows these options (its help lists them).
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "midi-sampler"), "play --help") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        string help = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        foreach (string option in new[] { "--web", "--osc", "--library", "--token-file" })
            Assert.Contains(option, help, StringComparison.Ordinal);
    }

    [Fact]
    public void The_nixos_module_passes_every_remote_option()
    {
        string module = File.ReadAllText(Path.Join(Root(), "packaging", "nix", "module.nix"));
        Assert.Contains("[ \"--web\" cfg.remote.web ]", module, StringComparison.Ordinal);
        Assert.Contains("[ \"--osc\" cfg.remote.osc ]", module, StringComparison.Ordinal);
        Assert.Contains("[ \"--library\" (toString d) ]", module, StringComparison.Ordinal);
        Assert.Contains("[ \"--token-file\" (toString cfg.remote.tokenFile) ]", module, StringComparison.Ordinal);
        Assert.Contains("StateDirectory = \"midi-sampler-remote\"", module, StringComparison.Ordinal);
    }

    private static string Argument(string exec, string option)
    {
        var m = Regex.Match(exec, Regex.Escape(option) + @"\s+(\S+)");
        Assert.True(m.Success, $"{option} missing from: {exec}");
        return m.Groups[1].Value;
    }

    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Join(d.FullName, "MidiSampler.slnx")))
                return d.FullName;
        }

        throw new DirectoryNotFoundException("the repository root (MidiSampler.slnx) is not above the test's folder");
    }

    [GeneratedRegex(@"(?m)^ExecStart=(.*)$")]
    private static partial Regex ExecStart();
}

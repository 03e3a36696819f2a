using System.Reflection;
using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Cli.Tests.Usage;

/// <summary>Exit codes, error messages and help that agree with themselves (issue 19, items 7 and 8).</summary>
public sealed class UsageAndHelpTests
{
    [Fact]
    public void An_unknown_option_among_play_instruments_is_a_usage_error_with_the_usage()
    {
        var (exit, _, stderr) = CliRunner.Run("play", "--bogus", "x.sfz");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("unknown option '--bogus'", stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
        Assert.Contains(" play <INSTRUMENT>... [options]", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("no such file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_sfz_whose_regions_all_fail_is_refused_by_play_with_the_reasons()
    {
        using var dir = new TempDirectory();
        string sfz = dir.File("broken.sfz");
        File.WriteAllText(sfz, "<region> sample=missing-one.wav lokey=60 hikey=60\n<region> sample=missing-two.wav lokey=61 hikey=61\n");

        // Loading comes before JACK: no server is needed to see this.
        var (exit, stdout, stderr) = CliRunner.Run("play", sfz, "--no-start-server");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("broken.sfz", stderr, StringComparison.Ordinal);
        Assert.Contains("no region can play", stderr, StringComparison.Ordinal);
        Assert.Contains("missing-one.wav", stderr, StringComparison.Ordinal);
        Assert.Contains("missing-two.wav", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("JACK client", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_into_a_missing_folder_names_the_folder_not_a_hidden_partial_file()
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir), song = Fixtures.TwoNotesWithTempoChange(dir);
        string missing = Path.Combine(dir.Path, "missing-dir");

        var (exit, _, stderr) = CliRunner.Run("render", wav, song, "-o", Path.Combine(missing, "x.wav"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains($"the folder '{missing}' does not exist", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("partial", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void The_command_list_shows_optional_and_repeated_arguments_as_each_command_does()
    {
        var (exit, stdout, _) = CliRunner.Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("  check [<INSTRUMENT>]  ", stdout, StringComparison.Ordinal);
        Assert.Contains("  play <INSTRUMENT>...  ", stdout, StringComparison.Ordinal);
        Assert.Contains("  render <INSTRUMENT> <SONG>  ", stdout, StringComparison.Ordinal);
        Assert.Contains(" check [<INSTRUMENT>] [options]", CliRunner.Run("check", "--help").Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bench")]
    [InlineData("render")]
    public void Interpolation_values_read_the_same_lowercase_everywhere(string command)
    {
        string help = CliRunner.Run(command, "--help").Output;
        Assert.Contains("--interpolation <cubic|linear>", help, StringComparison.Ordinal);
        Assert.Contains("[default: cubic]", help, StringComparison.Ordinal);
        Assert.DoesNotContain("Cubic|Linear", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_takes_sample_rate_like_the_other_commands_and_still_accepts_rate()
    {
        string help = CliRunner.Run("latency", "--help").Output;
        Assert.Contains("-r, --sample-rate", help, StringComparison.Ordinal);
        Assert.DoesNotContain("--rate", help, StringComparison.Ordinal);

        var root = Program.BuildRoot();
        Assert.Empty(root.Parse(["latency", "--sample-rate", "44100"]).Errors);
        Assert.Empty(root.Parse(["latency", "--rate", "44100"]).Errors);
        Assert.Empty(root.Parse(["bench", "--interpolation", "linear"]).Errors);
        Assert.NotEmpty(root.Parse(["bench", "--interpolation", "Linear"]).Errors);
    }

    [Fact]
    public void Play_has_g_in_decibels_like_render_and_its_help_mentions_soundfonts()
    {
        string play = CliRunner.Run("play", "--help").Output;
        string render = CliRunner.Run("render", "--help").Output;
        foreach (string help in new[] { play, render })
        {
            Assert.Contains("-g, --gain <DB>", help, StringComparison.Ordinal);
            Assert.Contains("in dB, not a linear factor", help, StringComparison.Ordinal);
        }

        Assert.Contains("SoundFont", play, StringComparison.Ordinal);
        Assert.Contains(".sf2", play, StringComparison.Ordinal);
        Assert.Empty(Program.BuildRoot().Parse(["play", "x.sfz", "-g", "-6"]).Errors);
    }

    [Fact]
    public void The_program_and_the_nix_package_take_their_version_from_one_file()
    {
        string version = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "VERSION")).Trim();
        // What --version prints: the program assembly's informational version (in-process, the entry assembly is the test host's).
        string? printed = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        Assert.NotNull(printed);
        Assert.True(printed == version || printed.StartsWith(version + "+", StringComparison.Ordinal), $"the program says {printed}, VERSION says {version}"); // +commit when built in git
        string flake = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "packaging", "nix", "flake.nix"));
        Assert.Contains("builtins.readFile ../../VERSION", flake, StringComparison.Ordinal);
        Assert.DoesNotContain("version = \"", flake, StringComparison.Ordinal);
    }
}

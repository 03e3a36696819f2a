using MidiSampler.Alsa.Tests.TestSupport;
using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Alsa.Tests;

/// <summary><c>midi-sampler play</c> on ALSA end to end, as a child process with the private ALSA configuration.</summary>
public sealed class AlsaPlayCommandTests
{
    private const int SIGHUP = 1;

    [Fact]
    public void A_missing_device_exits_1_with_a_message_naming_it()
    {
        using var dir = new TempFolder();
        string wav = dir.Tone();
        using var play = ChildProcess.Start(MidiSamplerPath(), AlsaRig.ChildEnvironment(), "play", wav, "--audio", "alsa", "--device", "no_such_device", "--midi", "none");
        Assert.True(play.Process.WaitForExit(20_000), play.Output);
        play.Process.WaitForExit();
        Assert.Equal(1, play.Process.ExitCode);
        Assert.Contains("cannot open ALSA playback device 'no_such_device'", play.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", play.Output, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public void Without_a_jack_server_the_automatic_choice_is_alsa_and_says_why_and_a_song_plays_to_its_end_and_exits_0()
    {
        using var dir = new TempFolder();
        string wav = dir.Tone();
        string song = Songs.Save(Songs.Clicks(10, 60, 110), dir.File("song.mid"));
        var environment = AlsaRig.ChildEnvironment();
        environment["JACK_DEFAULT_SERVER"] = "no-such-server-for-midi-sampler";
        environment["JACK_NO_START_SERVER"] = "1";
        using var play = ChildProcess.Start(MidiSamplerPath(), environment, "play", wav, "--device", "ms_s16", "--song", song, "--exit-at-end", "--midi", "none");
        Assert.True(play.Process.WaitForExit(30_000), play.Output);
        play.Process.WaitForExit();
        Assert.Contains("midi-sampler: audio: ALSA (no JACK server is running", play.Output, StringComparison.Ordinal);
        Assert.Contains("format S16_LE (the device offers S16_LE)", play.Output, StringComparison.Ordinal);
        Assert.Contains("the song has ended (--exit-at-end)", play.Output, StringComparison.Ordinal);
        Assert.Equal(0, play.Process.ExitCode);
    }

    [Fact]
    public void A_device_that_disappears_ends_the_program_with_exit_1_and_a_clear_message()
    {
        using var dir = new TempFolder();
        string wav = dir.Tone();
        using var play = ChildProcess.Start(MidiSamplerPath(), AlsaRig.ChildEnvironment(), "play", wav, "--audio", "alsa", "--device", "ms_gone", "--midi", "none");
        Assert.True(play.Process.WaitForExit(30_000), play.Output);
        play.Process.WaitForExit();
        Assert.Equal(1, play.Process.ExitCode);
        Assert.Contains("the ALSA device 'ms_gone' failed (No such device (unplugged?)); exiting", play.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void With_reconnect_a_device_that_disappears_is_opened_again_when_it_is_back()
    {
        using var dir = new TempFolder();
        string wav = dir.Tone();
        using var play = ChildProcess.Start(MidiSamplerPath(), AlsaRig.ChildEnvironment(), "play", wav, "--audio", "alsa", "--device", "ms_gone", "--midi", "none", "--reconnect");
        Assert.True(play.WaitForOutput("reconnected as ALSA device 'ms_gone'", TimeSpan.FromSeconds(30)), play.Output);
        Assert.Contains("reconnecting when it is back", play.Output, StringComparison.Ordinal);
        play.Signal(15);
        Assert.True(play.Process.WaitForExit(10_000), play.Output);
        Assert.Equal(0, play.Process.ExitCode);
    }

    [Fact]
    public void The_console_status_and_sighup_reload_work_on_alsa_as_on_jack()
    {
        using var server = JackServer.Start(periodFrames: 256, family: "midisampler-alsa");
        using var dir = new TempFolder();
        string wav = dir.Tone();
        using var play = ChildProcess.Start(MidiSamplerPath(), AlsaRig.ChildEnvironment(), "play", wav, "--audio", "alsa", "--device", "ms_jack_cli", "--midi", "none");
        Assert.True(play.WaitForOutput("console:", TimeSpan.FromSeconds(20)), play.Output);
        Assert.Contains("format FLOAT_LE", play.Output, StringComparison.Ordinal);
        play.Process.StandardInput.WriteLine("stats");
        Assert.True(play.WaitForOutput("xruns 0", TimeSpan.FromSeconds(10)), play.Output);
        Assert.Contains("ms_jack_cli: 48000 Hz, period 256 frames", play.Output, StringComparison.Ordinal);
        play.Signal(SIGHUP);
        Assert.True(play.WaitForOutput("reloaded 1 of 1 instrument(s)", TimeSpan.FromSeconds(20)), play.Output);
        play.Process.StandardInput.WriteLine("quit");
        Assert.True(play.Process.WaitForExit(10_000), play.Output);
        Assert.Equal(0, play.Process.ExitCode);
        Assert.Contains("stopped after", play.Output, StringComparison.Ordinal);
    }

    private static string MidiSamplerPath()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "midi-sampler");
        Assert.True(File.Exists(path), $"{path} is missing: build tests/MidiSampler.Alsa.Tests");
        return path;
    }
}

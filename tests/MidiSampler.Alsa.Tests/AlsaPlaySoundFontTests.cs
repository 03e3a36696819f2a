using MidiSampler.Alsa.Tests.TestSupport;
using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Alsa.Tests;

/// <summary>
/// <c>play BANK.sf2</c> on ALSA installs every preset at its own bank and program, as <c>render</c> does: the song's
/// program change, bank select (CC0) and channel-10 drums, played by <c>--song</c> into a capture device, sound as the
/// offline render of the same file (issue 15).
/// </summary>
public sealed class AlsaPlaySoundFontTests
{
    [Fact]
    public void Program_change_bank_select_and_drums_sound_on_alsa_as_the_offline_render()
    {
        string bank = BankProgramSong.FluidR3;
        Assert.True(File.Exists(bank), $"{bank} is missing (apt install fluid-soundfont-gm)");
        using var dir = new TempFolder();
        int bank8 = BankProgramSong.Bank8Program(bank);
        string midiSampler = Path.Combine(AppContext.BaseDirectory, "midi-sampler");
        string song = BankProgramSong.Save(BankProgramSong.Messages(bank8), dir.File("song.mid"));
        float[] offline = BankProgramSong.Render(midiSampler, bank, song, dir.File("song.wav"));
        float[] firstOnly = BankProgramSong.Render(midiSampler, bank, BankProgramSong.Save(BankProgramSong.Messages(bank8, firstPresetOnly: true), dir.File("first.mid")), dir.File("first.wav"));

        using var play = ChildProcess.Start(midiSampler, AlsaRig.ChildEnvironment(), "play", bank, "--audio", "alsa", "--device", "ms_null_sf2",
            "--song", song, "--exit-at-end", "--midi", "none", "--no-effects");
        Assert.True(play.Process.WaitForExit(120_000), play.Output);
        play.Process.WaitForExit();
        Assert.True(play.Process.ExitCode == 0, play.Output);
        Assert.Contains("bank 128 = drum kits, on channel 10", play.Output, StringComparison.Ordinal);

        double worst = BankProgramSong.AssertSameSound(Captures.LeftFloat(AlsaRig.Capture("ms_null_sf2")), offline, firstOnly);
        Console.WriteLine(FormattableString.Invariant($"ALSA live vs render: worst 10 ms window {worst:0.000} dB"));
    }
}

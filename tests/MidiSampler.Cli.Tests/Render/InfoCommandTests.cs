using System.Text.Json;
using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Cli.Tests.Render;

/// <summary><c>midi-sampler info</c>: the mapping as a table and as JSON with SFZ opcode names.</summary>
public sealed class InfoCommandTests
{
    [Fact]
    public void Json_lists_every_region_with_sfz_opcode_names()
    {
        using var dir = new TempDirectory();
        Fixtures.ToneWav(dir, "a tone #1.wav");
        string sfz = dir.File("inst.sfz");
        File.WriteAllText(sfz, """
            <group> ampeg_release=0.5 seq_length=2
            <region> sample=a tone #1.wav lokey=c4 hikey=e4 pitch_keycenter=d4 seq_position=1 group=3 off_by=4 tune=-7 volume=-6 pan=20
            <region> sample=a tone #1.wav key=70 lovel=64 seq_position=2 trigger=release loop_mode=one_shot
            """);

        var (exit, stdout, stderr) = CliRunner.Run("info", sfz, "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var regions = doc.RootElement.GetProperty("regions");
        Assert.Equal(2, regions.GetArrayLength());
        var a = regions[0];
        Assert.Equal("a tone #1.wav", a.GetProperty("sample").GetString());
        Assert.Equal(60, a.GetProperty("lokey").GetInt32());
        Assert.Equal(64, a.GetProperty("hikey").GetInt32());
        Assert.Equal(62, a.GetProperty("pitch_keycenter").GetInt32());
        Assert.Equal(-7, a.GetProperty("tune").GetDouble());
        Assert.Equal(-6, a.GetProperty("volume").GetDouble());
        Assert.Equal(20, a.GetProperty("pan").GetDouble());
        Assert.Equal("loop_continuous", a.GetProperty("loop_mode").GetString()); // the file's smpl loop
        Assert.Equal(44_099, a.GetProperty("loop_end").GetInt64());
        Assert.Equal((3, 4, 2, 1), (a.GetProperty("group").GetInt32(), a.GetProperty("off_by").GetInt32(), a.GetProperty("seq_length").GetInt32(), a.GetProperty("seq_position").GetInt32()));
        Assert.Equal(0.5, a.GetProperty("ampeg_release").GetDouble());
        var b = regions[1];
        Assert.Equal((70, 70, 70, 64), (b.GetProperty("lokey").GetInt32(), b.GetProperty("hikey").GetInt32(), b.GetProperty("pitch_keycenter").GetInt32(), b.GetProperty("lovel").GetInt32()));
        Assert.Equal("release", b.GetProperty("trigger").GetString());
        Assert.Equal("one_shot", b.GetProperty("loop_mode").GetString());
        Assert.Equal(JsonValueKind.Null, b.GetProperty("off_by").ValueKind);
        Assert.Empty(doc.RootElement.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Json_shows_the_effect_buses_and_the_region_sends()
    {
        using var dir = new TempDirectory();
        Fixtures.ToneWav(dir, "t.wav");
        string sfz = dir.File("fx.sfz");
        File.WriteAllText(sfz, """
            <region> sample=t.wav effect1=40 effect3=10
            <effect> type=eq eq_gain=3 directtomain=80
            <effect> bus=fx1 type=fverb fx1tomain=50 fx3tomix=20
            """);

        var (exit, stdout, stderr) = CliRunner.Run("info", sfz, "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var region = doc.RootElement.GetProperty("regions")[0];
        Assert.Equal((40.0, 0.0, 10.0), (region.GetProperty("effect1").GetDouble(), region.GetProperty("effect2").GetDouble(), region.GetProperty("effect3").GetDouble()));
        var fx = doc.RootElement.GetProperty("effects");
        Assert.Equal((80.0, 50.0, 20.0, 0.0), (fx.GetProperty("directtomain").GetDouble(), fx.GetProperty("fx1tomain").GetDouble(), fx.GetProperty("fx3tomix").GetDouble(), fx.GetProperty("fx2tomain").GetDouble()));
        var chain = fx.GetProperty("chain");
        Assert.Equal(2, chain.GetArrayLength());
        Assert.Equal(("main", "eq"), (chain[0].GetProperty("bus").GetString(), chain[0].GetProperty("type").GetString()));
        Assert.Equal(("fx1", "fverb"), (chain[1].GetProperty("bus").GetString(), chain[1].GetProperty("type").GetString()));
        Assert.Contains("fx.sfz:3:", chain[1].GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Empty(doc.RootElement.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void A_single_wav_takes_its_root_key_from_the_smpl_chunk_or_the_option()
    {
        using var dir = new TempDirectory();
        string wav = Fixtures.ToneWav(dir);

        var (exit, stdout, _) = CliRunner.Run("info", wav, "--json");
        var (exit2, stdout2, _) = CliRunner.Run("info", wav, "--json", "--root-note", "57");

        Assert.Equal((0, 0), (exit, exit2));
        using var doc = JsonDocument.Parse(stdout);
        using var doc2 = JsonDocument.Parse(stdout2);
        Assert.Equal(69, doc.RootElement.GetProperty("regions")[0].GetProperty("pitch_keycenter").GetInt32());
        Assert.Equal(57, doc2.RootElement.GetProperty("regions")[0].GetProperty("pitch_keycenter").GetInt32());
        Assert.Equal((0, 127), (doc.RootElement.GetProperty("regions")[0].GetProperty("lokey").GetInt32(), doc.RootElement.GetProperty("regions")[0].GetProperty("hikey").GetInt32()));
    }

    [Fact]
    public void A_missing_sample_is_a_warning_and_the_table_lists_what_loaded()
    {
        using var dir = new TempDirectory();
        Fixtures.ToneWav(dir);
        string sfz = dir.File("inst.sfz");
        File.WriteAllText(sfz, "<region> sample=tone.wav key=60\n<region> sample=missing.wav key=61\n");

        var (exit, stdout, stderr) = CliRunner.Run("info", sfz);

        Assert.Equal(0, exit);
        Assert.Contains("missing.wav", stderr, StringComparison.Ordinal);
        Assert.Contains("1 regions", stdout, StringComparison.Ordinal);
        Assert.Contains("tone.wav", stdout, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void A_soundfont_lists_every_preset_with_bank_program_name_and_regions()
    {
        string bank = Path.Combine(Fixtures.SharedDirectory(), "sf2", "VintageDreamsWaves-v2.sf2");

        var (exit, stdout, stderr) = CliRunner.Run("info", bank, "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var presets = doc.RootElement.GetProperty("presets");
        Assert.Equal(136, presets.GetArrayLength()); // as FluidSynth's dump of the bank lists them
        var first = presets[0];
        Assert.Equal((0, 0, "FM Bells 1"), (first.GetProperty("bank").GetInt32(), first.GetProperty("program").GetInt32(), first.GetProperty("name").GetString()));
        Assert.Equal(first.GetProperty("region_count").GetInt32(), first.GetProperty("regions").GetArrayLength());
        Assert.All(presets.EnumerateArray(), p => Assert.True(p.GetProperty("regions").GetArrayLength() > 0, p.GetProperty("name").GetString()));
    }

    [Fact]
    public void Not_a_wav_is_bad_input_naming_the_file_and_reason()
    {
        using var dir = new TempDirectory();
        string bad = dir.File("text.wav");
        File.WriteAllText(bad, "this is not audio at all");
        var (exit, _, stderr) = CliRunner.Run("info", bad);
        Assert.Equal(1, exit);
        Assert.Contains("text.wav", stderr, StringComparison.Ordinal);
        Assert.Contains("RIFF", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_prints_the_cost_per_voice_sample_and_the_voices_per_core()
    {
        var (exit, stdout, stderr) = CliRunner.Run("bench", "--voices", "16", "--seconds", "0.05");
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"mono samples: \d+\.\d\d ns per voice-sample", stdout);
        Assert.Matches(@"stereo samples: \d+\.\d\d ns per voice-sample", stdout);
        Assert.Matches(@"voices one core sustains in real time at 48000 Hz, 128-frame blocks: \d+", stdout);
    }
}

using MidiSampler.Formats;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;

namespace MidiSampler.Tests.Formats.Sfz;

public sealed class SfzLoaderTests
{
    [Fact]
    public void Opcodes_are_inherited_global_master_group_region_and_later_levels_win()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("a.wav", "b.wav", "c.wav");

        var inst = dir.Load("""
            <global> volume=-12 pan=-50 ampeg_release=0.5
            <master> volume=-6 tune=10
            <group> lokey=60 hikey=72 tune=20
            <region> sample=a.wav
            <region> sample=b.wav volume=3 hikey=64
            <master>
            <group> transpose=2
            <region> sample=c.wav
            """);

        Assert.Empty(inst.Warnings);
        Assert.Equal(3, inst.Regions.Count);
        var (a, b, c) = (inst.Regions[0], inst.Regions[1], inst.Regions[2]);
        Assert.Equal((-6.0, -50.0, 0.5, 20.0, 60, 72), (a.VolumeDb, a.Pan, a.AmpEnvelope.ReleaseSeconds, a.TuneCents, a.LoKey, a.HiKey));
        Assert.Equal((3.0, 60, 64), (b.VolumeDb, b.LoKey, b.HiKey));
        // A new <master> clears the previous master and group: only <global> remains inherited.
        Assert.Equal((-12.0, -50.0, 0.0, 2, 0, 127), (c.VolumeDb, c.Pan, c.TuneCents, c.Transpose, c.LoKey, c.HiKey));
    }

    [Fact]
    public void A_new_global_clears_master_and_group()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("a.wav");

        var inst = dir.Load("<global>volume=-1\n<master>pan=10\n<group>tune=5\n<global>\n<region>sample=a.wav\n");

        var r = Assert.Single(inst.Regions);
        Assert.Equal((0.0, 0.0, 0.0), (r.VolumeDb, r.Pan, r.TuneCents));
    }

    [Fact]
    public void Every_basic_opcode_maps_to_the_region_in_plain_units()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load("""
            <region> sample=s.wav lokey=10 hikey=20 lovel=5 hivel=100 lochan=2 hichan=3
              pitch_keycenter=15 pitch_keytrack=50 tune=-30 transpose=-12 volume=-3.5 pan=25 amp_veltrack=40
              loop_mode=loop_sustain loop_start=10 loop_end=500 offset=7 end=900
              ampeg_delay=0.1 ampeg_attack=0.2 ampeg_hold=0.3 ampeg_decay=0.4 ampeg_sustain=25 ampeg_release=0.6
              trigger=release seq_length=4 seq_position=3 group=7 off_by=9
            """);

        Assert.Empty(inst.Warnings);
        var r = Assert.Single(inst.Regions);
        Assert.Equal((10, 20, 5, 100, 2, 3), (r.LoKey, r.HiKey, r.LoVelocity, r.HiVelocity, r.LoChannel, r.HiChannel));
        Assert.Equal((15, 50.0, -30.0, -12), (r.PitchKeyCenter, r.PitchKeytrackCents, r.TuneCents, r.Transpose));
        Assert.Equal((-3.5, 25.0, 40.0), (r.VolumeDb, r.Pan, r.AmpVeltrackPercent));
        Assert.Equal((LoopMode.LoopSustain, 10L, 500L, 7L, 900L), (r.LoopMode, r.LoopStart, r.LoopEnd, r.Offset, r.End));
        Assert.Equal(new Envelope(0.1, 0.2, 0.3, 0.4, 0.25, 0.6), r.AmpEnvelope);
        Assert.Equal((TriggerMode.Release, 4, 3, 7L, (long?)9), (r.Trigger, r.SeqLength, r.SeqPosition, r.Group, r.OffBy));
        Assert.Equal("s.wav", r.SamplePath);
    }

    [Fact]
    public void Aliases_map_like_their_opcodes()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load("<region> sample=s.wav loopmode=one_shot loopstart=3 loopend=30 offby=4 polyphony_group=2 pitch=7 tune_keytrack=0 amp_attack=0.05");

        Assert.Empty(inst.Warnings);
        var r = Assert.Single(inst.Regions);
        Assert.Equal((LoopMode.OneShot, 3L, 30L, (long?)4, 2L), (r.LoopMode, r.LoopStart, r.LoopEnd, r.OffBy, r.Group));
        Assert.Equal((7.0, 0.0, 0.05), (r.TuneCents, r.PitchKeytrackCents, r.AmpEnvelope.AttackSeconds));
    }

    [Theory]
    [InlineData("attack", TriggerMode.Attack)]
    [InlineData("release", TriggerMode.Release)]
    [InlineData("first", TriggerMode.First)]
    [InlineData("legato", TriggerMode.Legato)]
    public void Trigger_values(string value, TriggerMode expected)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var r = Assert.Single(dir.Load($"<region> sample=s.wav trigger={value}").Regions);

        Assert.Equal(expected, r.Trigger);
    }

    [Theory]
    [InlineData("no_loop", LoopMode.NoLoop)]
    [InlineData("one_shot", LoopMode.OneShot)]
    [InlineData("loop_continuous", LoopMode.LoopContinuous)]
    [InlineData("loop_sustain", LoopMode.LoopSustain)]
    public void Loop_mode_values_override_the_file_loop(string value, LoopMode expected)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("loop.wav");

        var r = Assert.Single(dir.Load($"<region> sample=loop.wav loop_mode={value}").Regions);

        Assert.Equal(expected, r.LoopMode);
        Assert.Equal((100L, 899L), (r.LoopStart, r.LoopEnd));
    }

    [Theory]
    [InlineData("c4", 60)]
    [InlineData("C4", 60)]
    [InlineData("c#4", 61)]
    [InlineData("db4", 61)]
    [InlineData("Db4", 61)]
    [InlineData("C#-1", 1)]
    [InlineData("c-1", 0)]
    [InlineData("g9", 127)]
    [InlineData("a3", 57)]
    [InlineData("b#3", 60)]
    [InlineData("cb4", 59)]
    [InlineData("f#3", 54)]
    [InlineData("64", 64)]
    public void Note_names_are_read_wherever_a_key_is_expected(string name, int key)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load($"<region> sample=s.wav lokey={name} hikey={name} pitch_keycenter={name}\n<region> sample=s.wav key={name}");

        Assert.Empty(inst.Warnings);
        foreach (var r in inst.Regions)
            Assert.Equal((key, key, key), (r.LoKey, r.HiKey, r.PitchKeyCenter));
    }

    [Fact]
    public void Note_and_octave_offsets_from_control_shift_keys()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load("<control> note_offset=2 octave_offset=-1\n<region> sample=s.wav key=c4 lokey=50");

        var r = Assert.Single(inst.Regions);
        Assert.Equal((40, 50, 50), (r.LoKey, r.HiKey, r.PitchKeyCenter));
    }

    [Fact]
    public void Defaults_follow_the_spec_and_the_sample_file()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("plain.wav", "loop.wav");

        var inst = dir.Load("<region> sample=plain.wav\n<region> sample=loop.wav\n<region> sample=plain.wav loop_mode=loop_continuous");

        var (plain, looped, forced) = (inst.Regions[0], inst.Regions[1], inst.Regions[2]);
        Assert.Equal((0, 127, 0, 127, 1, 16, 60), (plain.LoKey, plain.HiKey, plain.LoVelocity, plain.HiVelocity, plain.LoChannel, plain.HiChannel, plain.PitchKeyCenter));
        Assert.Equal((100.0, 100.0, -1L, 0L), (plain.PitchKeytrackCents, plain.AmpVeltrackPercent, plain.End, plain.Offset));
        Assert.Equal(Envelope.Default, plain.AmpEnvelope);
        Assert.Equal(LoopMode.NoLoop, plain.LoopMode);
        Assert.Equal((LoopMode.LoopContinuous, 100L, 899L), (looped.LoopMode, looped.LoopStart, looped.LoopEnd));
        // An explicit loop on a file without loop points loops the whole sample.
        Assert.Equal((LoopMode.LoopContinuous, 0L, 999L), (forced.LoopMode, forced.LoopStart, forced.LoopEnd));
    }

    [Fact]
    public void Pitch_keycenter_sample_takes_the_root_key_of_the_file()
    {
        using var dir = new TempSfzDirectory();
        string sfz = dir.Write("t.sfz", "<region> sample=s.wav pitch_keycenter=sample");
        dir.Touch("s.wav");

        var inst = SfzLoader.Load(sfz, p => Sample.FromInterleaved(p, 44_100, 1, new float[10], new SampleMetadata(72, 5, null, null)));

        var r = Assert.Single(inst.Regions);
        Assert.Equal((72, 5.0), (r.PitchKeyCenter, r.TuneCents));
    }

    [Theory]
    [InlineData("end=0")]
    [InlineData("end=-1")]
    public void End_zero_or_minus_one_keeps_the_region_as_a_silent_choke_trigger(string end)
    {
        // sfizz "[Synth] end=-1 voices are immediately killed after triggering but they kill other voices": the region
        // stays, plays nothing, and its sample is not even loaded.
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load($"<region> sample=s.wav key=60\n<region> sample=missing.wav key=61 group=3 {end}\n<region> sample=s.wav key=62 {end}");

        Assert.Equal([60, 61, 62], inst.Regions.Select(r => r.LoKey));
        Assert.Equal(("*silence", 3L, LoopMode.OneShot), (inst.Regions[1].SamplePath, inst.Regions[1].Group, inst.Regions[1].LoopMode));
        Assert.Equal("*silence", inst.Regions[2].SamplePath);
        // Only the one without a group, which can choke nothing, is reported.
        var warning = Assert.Single(inst.Warnings);
        Assert.Contains(":3:1:", warning, StringComparison.Ordinal);
        Assert.Contains(end, warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lokey=200", "lokey=200")]
    [InlineData("hikey=abc", "hikey=abc")]
    [InlineData("key=-5", "key=-5")]
    [InlineData("lovel=128", "lovel=128")]
    [InlineData("lochan=0", "lochan=0")]
    [InlineData("seq_length=0", "seq_length=0")]
    [InlineData("offset=-3", "offset=-3")]
    [InlineData("loop_start=x1", "loop_start=x1")]
    [InlineData("transpose=NaN", "transpose=NaN")]
    [InlineData("volume=Infinity", "volume=Infinity")]
    [InlineData("trigger=sometimes", "trigger=sometimes")]
    [InlineData("loop_mode=forever", "loop_mode=forever")]
    [InlineData("pitch_keycenter=h4", "pitch_keycenter=h4")]
    public void Invalid_values_warn_with_place_opcode_and_value_and_keep_the_default(string opcode, string expectedInWarning)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load($"<region> sample=s.wav\n<region> sample=s.wav\n {opcode}");

        Assert.Equal(inst.Regions[0], inst.Regions[1]); // the first region has every default
        string warning = Assert.Single(inst.Warnings);
        Assert.Contains("test.sfz:3:2:", warning, StringComparison.Ordinal);
        Assert.Contains(expectedInWarning, warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("volume=60", 48.0)]
    [InlineData("volume=-1e30", -144.0)]
    [InlineData("pan=-300", -100.0)]
    [InlineData("ampeg_sustain=150", 1.0)]
    [InlineData("ampeg_attack=1e9", 100.0)]
    [InlineData("amp_veltrack=-101", -100.0)]
    public void Continuous_values_out_of_range_are_clamped_to_the_spec_range_with_a_warning(string opcode, double expected)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var r = dir.Load($"<region> sample=s.wav {opcode}");

        var region = Assert.Single(r.Regions);
        double actual = opcode.Split('=')[0] switch
        {
            "volume" => region.VolumeDb,
            "pan" => region.Pan,
            "ampeg_sustain" => region.AmpEnvelope.SustainLevel,
            "ampeg_attack" => region.AmpEnvelope.AttackSeconds,
            _ => region.AmpVeltrackPercent,
        };
        Assert.Equal(expected, actual);
        Assert.Contains("clamped", Assert.Single(r.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_paths_use_default_path_backslashes_spaces_hashes_and_ignore_case_when_needed()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("Samples/Piano C#4 take 2.wav", "Samples/sub/x.wav", "root.wav");

        var inst = dir.Load("""
            <control> default_path=Samples\
            <region> sample=Piano C#4 take 2.wav key=61
            <region> sample=SUB\X.WAV key=62
            <control>
            <region> sample=ROOT.wav key=63
            """);

        Assert.Empty(inst.Warnings);
        Assert.Equal(3, inst.Regions.Count);
        Assert.Equal(
            [Path.Combine(dir.Root, "Samples/Piano C#4 take 2.wav"), Path.Combine(dir.Root, "Samples/sub/x.wav"), Path.Combine(dir.Root, "root.wav")],
            dir.Loaded);
        Assert.Equal("Samples/SUB/X.WAV", inst.Regions[1].SamplePath);
    }

    [Fact]
    public void Each_distinct_sample_is_loaded_once_and_shared()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("a.wav", "b.wav");

        var inst = dir.Load("<group> sample=a.wav\n<region> key=1\n<region> key=2\n<region> sample=A.WAV key=3\n<region> sample=b.wav");

        Assert.Equal(4, inst.Regions.Count);
        Assert.Equal(2, dir.Loaded.Count);
        Assert.Same(inst.Regions[0].Sample, inst.Regions[1].Sample);
        Assert.Same(inst.Regions[0].Sample, inst.Regions[2].Sample);
        Assert.NotSame(inst.Regions[0].Sample, inst.Regions[3].Sample);
    }

    [Fact]
    public void Missing_and_unreadable_samples_skip_their_region_with_a_warning_naming_the_sample_and_line()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("good.wav", "bad.wav");

        var inst = dir.Load("<region> sample=good.wav key=60\n<region>\n  sample=gone away.wav key=61\n<region> sample=bad.wav key=62\n<region> sample=bad.wav key=63\n<region> key=64");

        Assert.Equal(60, Assert.Single(inst.Regions).LoKey);
        Assert.Contains(inst.Warnings, w => w.Contains(":3:3:", StringComparison.Ordinal) && w.Contains("'gone away.wav' not found", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains(":4:10:", StringComparison.Ordinal) && w.Contains("'bad.wav'", StringComparison.Ordinal) && w.Contains("not a RIFF file", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains(":5:10:", StringComparison.Ordinal) && w.Contains("'bad.wav'", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains(":6:1:", StringComparison.Ordinal) && w.Contains("no sample", StringComparison.Ordinal));
        Assert.Single(dir.Loaded, p => p.EndsWith("bad.wav", StringComparison.Ordinal)); // a failed file is not retried
    }

    [Fact]
    public void Unknown_and_unsupported_opcodes_are_reported_once_each_at_their_first_place()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load("<group> fil2_type=lpf fil2_gain=3 frobnicate=1\n<region> sample=s.wav on_lohdcc64=10 on_lohdcc65=1\n<region> sample=s.wav fil2_type=hpf frobnicate=2");

        Assert.Equal(2, inst.Regions.Count);
        Assert.Equal(4, inst.Warnings.Count);
        Assert.Contains(inst.Warnings, w => w.Contains(":1:9:", StringComparison.Ordinal) && w.Contains("'fil2_type' (SFZ v2) is not supported yet", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains(":1:23:", StringComparison.Ordinal) && w.Contains("'fil2_gain'", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains(":1:35:", StringComparison.Ordinal) && w.Contains("unknown opcode 'frobnicate'", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains(":2:23:", StringComparison.Ordinal) && w.Contains("'on_lohdcc64'", StringComparison.Ordinal));
    }

    [Fact]
    public void Headers_not_implemented_yet_are_reported_once_and_their_opcodes_do_not_leak()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load("<region> sample=s.wav\n<curve> curve_index=1 v000=0 volume=2\n<curve> curve_index=2\n<midi> volume=4\n<bogus> volume=3");

        var r = Assert.Single(inst.Regions);
        Assert.Equal(0.0, r.VolumeDb);
        Assert.DoesNotContain(inst.Warnings, w => w.Contains("<curve> is not supported yet", StringComparison.Ordinal)); // <curve> is implemented
        Assert.Single(inst.Warnings, w => w.Contains("'volume'", StringComparison.Ordinal)); // a region opcode in <curve> is reported, not applied
        Assert.Single(inst.Warnings, w => w.Contains("<midi> is not supported yet", StringComparison.Ordinal)); // (<effect> is implemented)
        Assert.Single(inst.Warnings, w => w.Contains("unknown header <bogus>", StringComparison.Ordinal));
    }

    [Fact]
    public void Regions_not_played_by_any_key_are_skipped_with_a_reason()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load("<region> sample=s.wav lokey=-1 hikey=-1 on_locc64=64\n<region> sample=s.wav key=-1");

        Assert.Equal(new CcRange(64, 64, 127), Assert.Single(Assert.Single(inst.Regions).OnCcRanges)); // kept: a controller starts it
        Assert.Contains(inst.Warnings, w => w.Contains("not played by any key", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_opcode_listed_as_implemented_is_mapped_without_an_unsupported_warning()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var builder = new System.Text.StringBuilder("<control> default_path= note_offset=0 octave_offset=0 set_cc1=3 set_hdcc2=0.5 set_realcc3=0.25\n<region> sample=s.wav\n");
        foreach (string opcode in SfzOpcodeCatalog.Implemented)
        {
            if (opcode is "sample" or "default_path" or "note_offset" or "octave_offset" or "set_ccN" or "set_hdccN"
                or "set_realccN" or "curve_index" or "vNNN")
                continue;
            string value = opcode switch
            {
                "loop_mode" or "loopmode" => "no_loop",
                "trigger" => "attack",
                "end" => "900",
                "fil_type" or "filtype" => "lpf_2p",
                "xf_keycurve" or "xf_velcurve" or "xf_cccurve" => "gain",
                "off_mode" => "normal",
                "note_selfmask" => "off",
                "direction" => "forward",
                "sw_vel" => "current",
                "sustain_sw" or "rt_dead" => "on",
                "sostenuto_sw" => "on",
                "loop_type" or "looptype" => "alternate",
                "eqN_type" => "peak",
                "phase" => "normal",
                "bend_step" or "bendstep" => "10",
                "md5" => "d41d8cd98f00b204e9800998ecf8427e", // the empty s.wav's
                _ => "1",
            };
            builder.Append(opcode.Replace('N', '1').Replace('X', '1')).Append('=').Append(value).Append('\n');
        }

        builder.Append("<curve> curve_index=1 v064=0.5\n"); // the <curve> opcodes, in their own header
        var inst = dir.Load(builder.ToString());

        Assert.Single(inst.Regions);
        Assert.True(inst.Warnings.Count == 0, string.Join("\n", inst.Warnings));
        Assert.All(SfzOpcodeCatalog.Implemented, o => Assert.NotNull(SfzOpcodeCatalog.SpecVersion(o.Replace('N', '1').Replace('X', '1'))));
    }

    [Fact]
    public void Instrument_carries_name_source_path_and_warnings()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load("<region> sample=s.wav\njunk", "My Banjo.sfz");

        Assert.Equal("My Banjo", inst.Name);
        Assert.Equal(Path.Combine(dir.Root, "My Banjo.sfz"), inst.SourcePath);
        Assert.Contains(inst.Warnings, w => w.Contains("My Banjo.sfz:2:1: unexpected text 'junk'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreadable_sfz_file_is_an_InstrumentLoadException()
    {
        using var dir = new TempSfzDirectory();

        var e = Assert.Throws<InstrumentLoadException>(() => SfzLoader.Load(Path.Combine(dir.Root, "missing.sfz"), dir.LoadSynthetic));

        Assert.EndsWith("missing.sfz", e.FilePath, StringComparison.Ordinal);
    }
}

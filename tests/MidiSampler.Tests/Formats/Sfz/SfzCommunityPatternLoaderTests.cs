namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>
/// Loader-level regressions for what published community instruments do (docs/sfz-community.md), with our own text.
/// </summary>
public sealed class SfzCommunityPatternLoaderTests
{
    [Fact]
    public void A_general_midi_style_bank_with_labels_and_includes_on_header_lines_loads_every_program()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("Melodic/piano/c4.wav", "Melodic/organ/c4.wav");
        dir.Write("Melodic/piano.sfz", "<group> trigger=attack\n<region> sample=piano/c4.wav lokey=0 hikey=127\n");
        dir.Write("Melodic/organ.sfz", "<region> sample=organ/c4.wav\n");

        var inst = dir.Load("""
            <control> default_path=Melodic/
            <master> loprog=0 hiprog=0 master_label=1:1 - Grand Piano - Someone's Piano #include "Melodic/piano.sfz"
            <master> loprog=16 hiprog=16 master_label=1:17 - Drawbar Organ (dark) #include "Melodic/organ.sfz"
            """);

        Assert.Equal(2, inst.Regions.Count);
        Assert.EndsWith("piano/c4.wav", inst.Regions[0].Sample.Name, StringComparison.Ordinal);
        Assert.EndsWith("organ/c4.wav", inst.Regions[1].Sample.Name, StringComparison.Ordinal);
        Assert.DoesNotContain(inst.Warnings, w => w.Contains("not found", StringComparison.Ordinal));
    }

    [Fact]
    public void One_region_per_line_templates_with_a_define_and_an_include_map_each_sample()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("Samples/n60.wav", "Samples/n62.wav", "Samples/n64.wav");
        dir.Write("Data/one.sfz", "sample=Samples/n$KEY.wav key=$KEY\n");
        dir.Write("Data/map.sfz", string.Join('\n', new[] { 60, 62, 64 }.Select(k => $"<region> #define $KEY {k} #include \"Data/one.sfz\"")));

        var inst = dir.Load("<group> amp_veltrack=80\n#include \"Data/map.sfz\"\n");

        Assert.Empty(inst.Warnings);
        Assert.Equal([60, 62, 64], inst.Regions.Select(r => r.LoKey));
        Assert.Equal([60, 62, 64], inst.Regions.Select(r => r.HiKey));
        Assert.All(inst.Regions, r => Assert.EndsWith($"n{r.LoKey}.wav", r.Sample.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Volume_above_six_decibels_is_kept_as_sfizz_does()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("kick.wav");

        var inst = dir.Load("<region> sample=kick.wav volume=15.5");

        Assert.Equal(15.5, Assert.Single(inst.Regions).VolumeDb);
        Assert.Empty(inst.Warnings);
    }

    [Theory]
    // As modulation sources (offset_oncc131, cutoff_oncc133) they are played: SfzAriaModulationPlaybackTests.
    [InlineData("locc131=10", "extended controller 131 (note-on velocity")]
    [InlineData("cutoff=500 xfin_locc133=10", "extended controller 133 (note number")]
    [InlineData("set_cc140=5", "extended controller 140 (key delta")]
    [InlineData("offset_oncc600=300", "names a controller outside 0..127")] // 142..511 are routed (SfzSfizzBehaviourTests)
    public void Extended_controllers_are_named_in_the_warning_instead_of_called_out_of_range(string opcodes, string expected)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load(opcodes.StartsWith("set_", StringComparison.Ordinal)
            ? $"<control> {opcodes}\n<region> sample=s.wav"
            : $"<region> sample=s.wav {opcodes}");

        Assert.Single(inst.Regions);
        string warning = Assert.Single(inst.Warnings);
        Assert.Contains(expected, warning, StringComparison.Ordinal);
        Assert.Contains("test.sfz:", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Capitalised_opcode_names_known_in_lower_case_are_read_with_a_warning()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("shn01.flac");

        var inst = dir.Load("<region> pitch_keycenter=c3 Lokey=c2 hikey=c#3 Sample=shn01.flac\n<region> Sampel=x.wav key=1\n<region> Sample=shn01.flac key=60");

        Assert.Equal(2, inst.Regions.Count);
        var region = inst.Regions[0];
        Assert.Equal((36, 49), (region.LoKey, region.HiKey));
        Assert.EndsWith("shn01.flac", region.Sample.Name, StringComparison.Ordinal);
        Assert.Single(inst.Warnings, w => w.Contains("'Sample' read as 'sample'", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains("'Lokey' read as 'lokey'", StringComparison.Ordinal));
        // A misspelling stays unknown rather than being guessed at.
        Assert.Contains(inst.Warnings, w => w.Contains("unknown opcode 'Sampel'", StringComparison.Ordinal));
    }

    [Fact]
    public void Naming_opcodes_for_a_user_interface_are_accepted_without_warnings()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("a.wav");

        var inst = dir.Load("""
            <control> label_cc7=Volume (7) label_cc64=Sus.Pedal set_cc7=100 label_key60=Middle C
            <global> global_label=All
            <master> master_label=1:1 - Piano sw_label=Sustain sw_lokey=24 sw_hikey=25 sw_last=24
            <group> group_label=pp
            <region> region_label=01 sample=a.wav label_output1=Main lokey=40 hikey=50
            """);

        Assert.Empty(inst.Warnings);
        var region = Assert.Single(inst.Regions);
        Assert.Equal((40, 50), (region.LoKey, region.HiKey));
        // A label-like name that is not one is still reported.
        Assert.Contains("unknown opcode 'label_ccx'", Assert.Single(dir.Load("<region> sample=a.wav label_ccx=1").Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Level_volumes_add_to_the_region_volume_and_level_amplitudes_multiply()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("a.wav", "b.wav");

        var inst = dir.Load("""
            <global> global_volume=-6
            <master> master_volume=7.5 master_amplitude=80
            <group> group_volume=-11 group_amplitude=50 volume=1
            <region> sample=a.wav volume=6.8
            <master>
            <group>
            <region> sample=b.wav
            """);

        Assert.Empty(inst.Warnings);
        var (a, b) = (inst.Regions[0], inst.Regions[1]);
        // The region's volume= replaces the group's volume=, but not the level volumes: -6 + 7.5 - 11 + 6.8.
        Assert.Equal(-2.7, a.VolumeDb, 9);
        Assert.Equal(40, a.AmplitudePercent, 9);
        // A new <master> clears master and group levels; only <global> remains.
        Assert.Equal(-6, b.VolumeDb, 9);
        Assert.Equal(100, b.AmplitudePercent, 9);
    }

    [Theory]
    [InlineData("set_cc41=63.5", 64, false)]
    [InlineData("set_cc41=100", 100, false)]
    [InlineData("set_cc41=126.6", 127, false)]
    [InlineData("set_cc41=300", 127, true)]
    public void Set_cc_accepts_fractional_values_and_rounds_them_to_the_7_bit_controller(string opcode, int expected, bool warns)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("a.wav");

        var inst = dir.Load($"<control> {opcode}\n<region> sample=a.wav");

        Assert.Equal(expected, Assert.Single(inst.InitialControllers, c => c.Controller == 41).Value);
        Assert.Equal(warns, inst.Warnings.Count > 0);
    }

    [Fact]
    public void Amplitude_cc_modulation_above_100_percent_is_kept()
    {
        // A resonance layer written as "200 % at full controller, controller preset to half" (100 % by default).
        using var dir = new TempSfzDirectory();
        dir.Touch("a.wav");

        var inst = dir.Load("<control> set_hdcc70=0.5\n<group> amplitude_oncc70=200\n<region> sample=a.wav");

        Assert.Empty(inst.Warnings);
        var modulation = Assert.Single(Assert.Single(inst.Regions).CcModulations);
        Assert.Equal((Model.ModulationTarget.AmplitudePercent, 70, 200.0), (modulation.Target, modulation.Controller, modulation.Amount));
    }

    [Fact]
    public void A_silent_end_minus_one_region_in_a_group_is_kept_and_chokes_the_open_hi_hat()
    {
        // The drum-kit idiom: the closed hi-hat key also starts a silent region in the group the open hi-hat's
        // off_by names. Dropping it as "end=-1 disables the region" would let the open hat ring on.
        using var dir = new TempSfzDirectory();
        var inst = dir.Load("""
            <region> sample=*sine key=46 off_by=10 loop_mode=loop_continuous
            <group> end=-1 sample=*silence
            <region> key=42 group=10
            <region> key=44
            """);

        Assert.Equal(3, inst.Regions.Count); // the silent region without a group is kept too (sfizz keeps it), and reported
        Assert.Single(inst.Warnings, w => w.Contains(":4:1:", StringComparison.Ordinal) && w.Contains("end=-1", StringComparison.Ordinal));

        using var sampler = TestSupport.Signals.NewSampler();
        sampler.SetInstrument(0, inst);
        sampler.NoteOn(0, 46, 127);
        var open = TestSupport.Signals.Channel(TestSupport.Signals.Render(sampler, 4800), 2, 0);
        sampler.NoteOn(0, 42, 127);
        var afterChoke = TestSupport.Signals.Channel(TestSupport.Signals.Render(sampler, 9600), 2, 0);

        Assert.True(TestSupport.Signals.Rms(open, 2400, 4800) > 0.05, "the open hi-hat did not sound");
        Assert.True(TestSupport.Signals.Rms(afterChoke, 4800, 9600) < 1e-4, "the open hi-hat was not choked");
    }
}

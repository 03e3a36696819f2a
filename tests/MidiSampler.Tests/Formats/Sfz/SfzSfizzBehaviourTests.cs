using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Tests.Formats.Wav.WavBytes;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>
/// Behaviours sfizz's own test suite specifies (tests/*.cpp in sfztools/sfizz, BSD-2-Clause; each test names the sfizz
/// test case it follows) and that issue 16 found different here. The SFZ text is our own.
/// </summary>
public sealed class SfzSfizzBehaviourTests
{
    [Fact]
    public void A_bare_control_header_keeps_note_and_octave_offsets()
    {
        // sfizz FilesT "[Files] Note and octave offsets": a new <control> resets default_path only.
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav", "sub/t.wav");

        var inst = dir.Load("""
            <control> default_path=sub/ note_offset=-1 octave_offset=-1
            <region> sample=t.wav key=63
            <control>
            <region> sample=s.wav key=63
            <control> note_offset=2
            <region> sample=s.wav lokey=60 hikey=61 pitch_keycenter=60
            """);

        Assert.Empty(inst.Warnings);
        Assert.Equal([(50, 50, 50), (50, 50, 50), (50, 51, 50)], inst.Regions.Select(r => (r.LoKey, r.HiKey, r.PitchKeyCenter)));
        Assert.Equal(["sub/t.wav", "s.wav"], inst.Regions.Take(2).Select(r => r.SamplePath)); // default_path did reset
    }

    [Fact]
    public void A_define_is_expanded_where_it_is_used()
    {
        // sfizz ParsingT "[Parsing] Recursive expansion".
        var r = RecordingSfzListener.Parse("#define $B foo-$A-baz\n#define $A bar\n<region> sample=$B.wav\n");

        Assert.Empty(r.Diagnostics);
        Assert.Equal(("sample", "foo-bar-baz.wav"), (r.Opcodes.Single().Name, r.Opcodes.Single().Value));
    }

    [Fact]
    public void A_define_that_names_itself_extends_its_previous_value_and_a_cycle_is_reported_not_followed()
    {
        var r = RecordingSfzListener.Parse("""
            #define $DIR Samples
            #define $DIR $DIR/Close
            #define $X <$Y>
            #define $Y <$X>
            <region> sample=$DIR/a.wav key=$X
            """);

        Assert.Equal(("sample", "Samples/Close/a.wav"), (r.Opcodes[0].Name, r.Opcodes[0].Value));
        Assert.Equal("<<$X>>", r.Opcodes[1].Value);
        var (location, message) = Assert.Single(r.Diagnostics);
        Assert.Equal(5, location.Line);
        Assert.Contains("'$X' refers to itself", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lazily_expanded_defines_that_double_at_each_level_stay_within_the_work_budget()
    {
        // Each variable names the previous one twice: 2^40 characters if expanded in full. The value cap and the
        // budget bound it; the load ends with a diagnostic instead of running out of memory.
        // Two-digit names, so that none is a prefix of another (the shortest defined prefix wins).
        var text = new System.Text.StringBuilder("#define $V00 xxxxxxxxxxxxxxxx\n");
        for (int i = 1; i <= 40; i++)
            text.Append($"#define $V{i:D2} $V{i - 1:D2}$V{i - 1:D2}\n");
        for (int i = 0; i < 2000; i++)
            text.Append("<region> sample=$V40\n");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var r = RecordingSfzListener.Parse(text.ToString());

        Assert.Contains(r.Diagnostics, d => d.Message.Contains("work in all", StringComparison.Ordinal));
        Assert.All(r.Opcodes, o => Assert.True(o.Value.Length <= SfzParser.MaxExpandedChars));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
    }

    [Theory]
    [InlineData("key=57Edge", 57, 57, "57")]
    [InlineData("lokey=10.5", 10, 127, "10")]
    [InlineData("key=c4", 60, 60, null)]
    [InlineData("key=60.0", 60, 60, null)]
    public void Keys_read_their_leading_number_as_sfizz_does(string opcode, int lo, int hi, string? readAs)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load($"<region> sample=s.wav {opcode}");

        var r = Assert.Single(inst.Regions);
        Assert.Equal((lo, hi), (r.LoKey, r.HiKey));
        if (readAs is null)
            Assert.Empty(inst.Warnings);
        else
            Assert.Contains(inst.Warnings, w => w.Contains($"read as {readAs}: the text after the number", StringComparison.Ordinal));
    }

    [Fact]
    public void Numbers_with_trailing_text_are_read_up_to_the_text_and_text_alone_is_still_refused()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load("<region> sample=s.wav lovel=10garbage hivel=x volume=-6dB tune=1e1cents pan=.5 ampeg_release=2.5.1 key=Edge");

        var r = Assert.Single(inst.Regions);
        Assert.Equal((10, 127, -6.0, 10.0, 0.5, 2.5), (r.LoVelocity, r.HiVelocity, r.VolumeDb, r.TuneCents, r.Pan, r.AmpEnvelope.ReleaseSeconds));
        Assert.Equal((0, 127), (r.LoKey, r.HiKey)); // key=Edge: no number, no note name
        Assert.Contains(inst.Warnings, w => w.Contains("hivel=x is not a number; ignored", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains("key=Edge is neither a key number nor a note name", StringComparison.Ordinal));
    }

    [Fact]
    public void A_region_keyed_57Edge_plays_only_on_key_57()
    {
        using var dir = new TempSfzDirectory();
        var inst = dir.Load("<region> sample=*sine key=57Edge");
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, inst);

        sampler.NoteOn(0, 60, 100);
        var other = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);
        sampler.NoteOn(0, 57, 100);
        var own = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);

        Assert.Equal(0, Signals.Rms(other, 0, 4800));
        Assert.True(Signals.Rms(own, 2400, 4800) > 0.05, "key 57 did not sound");
        // key= sets pitch_keycenter too; an oscillator sounds at its keycenter's own pitch (sfizz), A3 here.
        Assert.InRange(Signals.Cents(Signals.Frequency(own, 48_000, 1200, 4800), 220.0), -5, 5);
    }

    [Fact]
    public void Aliases_from_the_opcode_database_and_sfizz_map_like_their_opcodes()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load("""
            <control> set_realcc20=0.5
            <region> sample=s.wav gain=-7 offmode=normal volume_cc21=-12 lfo1_freq=2 lfo1_wave1=3 lfo1_pitch=50
            """);

        Assert.Empty(inst.Warnings);
        var r = Assert.Single(inst.Regions);
        Assert.Equal((-7.0, OffMode.Normal), (r.VolumeDb, r.OffMode));
        Assert.Contains(r.CcModulations, m => (m.Target, m.Controller, m.Amount) == (ModulationTarget.VolumeDb, 21, -12.0));
        Assert.Equal(3, Assert.Single(r.FlexLfos).Wave);
        Assert.Contains(new ControllerDefault(20, 64) { Normalized = 0.5 }, inst.InitialControllers);
    }

    [Fact]
    public void Lfo_sub_waveforms_two_to_eight_are_read_and_a_ninth_is_reported()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");

        var inst = dir.Load("<region> sample=s.wav lfo1_pitch=10 lfo1_wave2=3 lfo1_ratio4=2 lfo1_offset=0.5 lfo1_wave9=1");

        var lfo = Assert.Single(Assert.Single(inst.Regions).FlexLfos);
        // sub 1 is the LFO's own wave with its offset; sub 3 (never named) takes the defaults; sub 4 its ratio.
        Assert.Equal(
            [new FlexLfoSubWave(1, 1, 1, 0.5), new FlexLfoSubWave(3, 1, 1, 0), new FlexLfoSubWave(1, 1, 1, 0), new FlexLfoSubWave(1, 2, 1, 0)],
            lfo.SubWaves);
        Assert.Contains(inst.Warnings, w => w.Contains("lfo1_wave9", StringComparison.Ordinal) && w.Contains("outside 1..8", StringComparison.Ordinal));
    }

    [Fact]
    public void The_last_sw_default_in_the_file_wins()
    {
        // sfizz sets the current keyswitch from each region's sw_default in file order, so the last one stays.
        using var dir = new TempSfzDirectory();
        var inst = dir.Load("""
            <global> sw_lokey=36 sw_hikey=38 sw_default=36
            <region> sample=*sine key=60 sw_last=36
            <region> sample=*sine key=64 sw_last=37
            <global> sw_lokey=36 sw_hikey=38 sw_default=37
            <region> sample=*sine key=67 sw_last=38
            """);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, inst);

        sampler.NoteOn(0, 60, 100);
        var first = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);
        sampler.NoteOff(0, 60);
        Signals.Render(sampler, 48_000);
        sampler.NoteOn(0, 64, 100);
        var second = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);

        Assert.True(Signals.Rms(first, 0, 4800) < 1e-6, "sw_default=36, the first value, is in force");
        Assert.True(Signals.Rms(second, 2400, 4800) > 0.05, "sw_default=37, the last value, is not in force");
    }

    [Theory]
    [InlineData("end=-1")]
    [InlineData("end=0")]
    public void An_end_minus_one_or_zero_region_with_any_sample_chokes_its_group_and_stays_silent(string end)
    {
        // sfizz SynthT "[Synth] end=-1 voices are immediately killed after triggering but they kill other voices" (and
        // the end=0 case): key 63's region plays nothing but stops key 62's, whose off_by names its group.
        using var dir = new TempSfzDirectory();
        dir.Touch("kick.wav");
        var inst = dir.Load($"""
            <region> key=60 {end} sample=kick.wav
            <region> key=62 sample=*sine off_by=2 loop_mode=loop_continuous
            <region> key=63 {end} sample=*sine group=2
            """);
        Assert.Equal(3, inst.Regions.Count);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, inst);

        sampler.NoteOn(0, 60, 100);
        sampler.NoteOn(0, 63, 100);
        var silent = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);
        sampler.NoteOn(0, 62, 100);
        var playing = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);
        sampler.NoteOn(0, 63, 100);
        var choked = Signals.Channel(Signals.Render(sampler, 9600), 2, 0);

        Assert.Equal(0, Signals.Rms(silent, 0, 4800));
        Assert.True(Signals.Rms(playing, 2400, 4800) > 0.05, "key 62 did not sound");
        Assert.True(Signals.Rms(choked, 4800, 9600) < 1e-4, "key 63's silent region did not choke key 62");
    }

    [Fact]
    public void A_smpl_loop_ending_on_the_frame_count_is_clamped_and_sustains_the_note()
    {
        // sfizz FilePool clamps the loop end to the last frame. 0.1 s of a constant, looped over its second half with the
        // end written one past the last frame: the note must still sound after 1 s, not stop after 0.1 s.
        using var dir = new TempSfzDirectory();
        const int frames = 4800;
        var values = Enumerable.Repeat((short)16384, frames).ToArray();
        File.WriteAllBytes(Path.Combine(dir.Root, "held.wav"),
            Riff(Chunk("fmt ", Fmt(1, 1, 48_000, 16)), Chunk("data", Pcm16(values)), Chunk("smpl", Smpl(60, 0, (0, 2400, frames)))));

        var inst = SfzLoader.Load(dir.Write("held.sfz", "<region> sample=held.wav key=60 loop_mode=loop_sustain amp_veltrack=0"));

        var r = Assert.Single(inst.Regions);
        Assert.Equal((LoopMode.LoopSustain, 2400L, frames - 1L), (r.LoopMode, r.LoopStart, r.LoopEnd));
        Assert.Contains(inst.Warnings, w => w.Contains("one past the last of the 4800 frames of audio: clamped to 4799", StringComparison.Ordinal));
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, inst);
        sampler.NoteOn(0, 60, 127);
        var held = Signals.Channel(Signals.Render(sampler, 48_000), 2, 0);
        Assert.InRange(Signals.Db(Signals.Rms(held, 43_200, 48_000)), -9.5, -2.5); // 0.5 full scale panned centre
    }

    [Fact]
    public void Sw_lolast_and_sw_hilast_select_a_region_by_a_range_of_keyswitches_and_override_sw_last()
    {
        // sfizz RegionActivationT "[Keyswitches] sw_lolast and sw_hilast" (and "... with sw_last"): keyswitches 57..59
        // switch the first region on, 60..62 the second; sw_last is ignored once a range is given, in either order.
        using var dir = new TempSfzDirectory();
        var inst = dir.Load("""
            <region> sw_last=40 sw_lolast=57 sw_hilast=59 key=70 sample=*sine
            <region> sw_lolast=60 sw_hilast=62 sw_last=41 key=72 sample=*sine
            """);
        Assert.Empty(inst.Warnings);
        Assert.Equal([(57, 59), (60, 62)], inst.Regions.Select(r => (r.SwLast!.Value, r.SwHiLast!.Value)));
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, inst);

        bool Sounds(int keyswitch, int key)
        {
            sampler.NoteOn(0, keyswitch, 64);
            sampler.NoteOff(0, keyswitch);
            sampler.NoteOn(0, key, 100);
            var left = Signals.Channel(Signals.Render(sampler, 2400), 2, 0);
            sampler.NoteOff(0, key);
            Signals.Render(sampler, 4800);
            return Signals.Rms(left, 1200, 2400) > 0.01;
        }

        Assert.Equal((false, false), (Sounds(40, 70), Sounds(41, 72)));
        Assert.Equal((true, false), (Sounds(57, 70), Sounds(57, 72)));
        Assert.Equal((false, true), (Sounds(60, 70), Sounds(60, 72)));
        Assert.Equal((true, false), (Sounds(59, 70), Sounds(59, 72))); // both ends inclusive
        Assert.Equal((false, true), (Sounds(62, 70), Sounds(62, 72)));
    }

    [Fact]
    public void A_sample_header_embeds_a_base64_wav_that_regions_before_and_after_it_play()
    {
        // ARIA's <sample> header (sfizz: name= and base64data=, read over lines up to the next header, padding optional).
        var values = new short[4800];
        for (int i = 0; i < values.Length; i++)
            values[i] = (short)(16384 * Math.Sin(2 * Math.PI * 440 * i / 48_000.0));
        byte[] wav = Riff(Chunk("fmt ", Fmt(1, 1, 48_000, 16)), Chunk("data", Pcm16(values)));
        string base64 = Convert.ToBase64String(wav, Base64FormattingOptions.InsertLineBreaks).TrimEnd('=');
        using var dir = new TempSfzDirectory();

        var inst = dir.Load($"""
            <region> sample=Tone.wav key=60 loop_mode=loop_continuous
            <sample> name=Tone.wav base64data=
            {base64}
            <region> sample=Tone.wav key=72 pitch_keycenter=60 loop_mode=loop_continuous // after the data
            <region> sample=missing.wav key=50
            """);

        Assert.Equal([60, 72], inst.Regions.Select(r => r.LoKey));
        Assert.All(inst.Regions, r => Assert.Equal(4800, r.Sample.FrameCount));
        Assert.Single(inst.Warnings, w => w.Contains("sample 'missing.wav' not found; region skipped", StringComparison.Ordinal));
        Assert.Empty(dir.Loaded); // nothing read from disk
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, inst);
        sampler.NoteOn(0, 60, 127);
        var low = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);
        sampler.NoteOff(0, 60);
        Signals.Render(sampler, 4800);
        sampler.NoteOn(0, 72, 127);
        var high = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);
        Assert.InRange(Signals.Cents(Signals.Frequency(low, 48_000, 480, 4800), 440), -3, 3);
        Assert.InRange(Signals.Cents(Signals.Frequency(high, 48_000, 480, 4800), 880), -3, 3);
    }

    [Fact]
    public void Bad_sample_headers_are_reported_with_their_place()
    {
        using var dir = new TempSfzDirectory();

        var inst = dir.Load("""
            <sample> base64data=AAAA
            <sample> name=a.wav data=abc
            <sample> name=b.wav base64data=!!!!
            <sample> name=c.wav base64data=Zm9vYmFy
            """);

        Assert.Contains(inst.Warnings, w => w.Contains("test.sfz:1:1: <sample> without name= ignored", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains("test.sfz:2:1: <sample> 'a.wav': data= is not base64", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains("test.sfz:3:1: <sample> 'b.wav': base64data is not valid base64", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains("test.sfz:4:1: <sample> 'c.wav': not a WAV file", StringComparison.Ordinal));
    }

    [Fact]
    public void Conditions_on_controllers_above_141_are_decided_by_their_set_cc_defaults_at_full_precision()
    {
        // sfizz reads up to 512 controllers; MIDI reaches only 0..127, so set_ccN alone sets 142..511, once.
        using var dir = new TempSfzDirectory();
        var inst = dir.Load("""
            <region> sample=*sine key=60 locc142=64 hicc142=127
            <region> sample=*sine key=61 locc142=0 hicc142=63
            <region> sample=*sine key=62 locc300=16
            <region> sample=*sine key=63 locc300=15 hicc300=15
            <region> sample=*sine key=64 hicc400=0
            <control> set_cc142=64 set_hdcc300=0.1234
            """);

        // 0.1234 × 127 = 15.67: inside neither 16..127 nor 15..15 (a 7-bit 16 would have let key 62 play).
        Assert.Equal([60, 64], inst.Regions.Select(r => r.LoKey));
        Assert.Equal(3, inst.Warnings.Count(w => w.Contains("region never plays: controller", StringComparison.Ordinal)));
        Assert.Contains(inst.Warnings, w => w.Contains("test.sfz:3:1: region never plays: controller 300 is fixed at 15.672", StringComparison.Ordinal));
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, inst);
        sampler.NoteOn(0, 60, 100);
        sampler.NoteOn(0, 61, 100);
        var left = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, 48_000, 480, 4800), 261.63), -3, 3); // key 60 alone
    }

    [Fact]
    public void Routes_on_controllers_above_141_play_the_fixed_value_at_full_precision()
    {
        // sfizz routes every controller up to 511 (Region.cpp processGenericCc); with only set_ccN to set them, the value
        // never moves, so the loader adds it to the static opcode. 0.25 × 1200 = 300 cents; a 7-bit 32/127 would be 302.4.
        using var dir = new TempSfzDirectory();
        var inst = dir.Load("""
            <control> set_hdcc300=0.25 set_cc400=63.5 set_realcc500=0.5
            <region> sample=*sine key=69 pitch_oncc300=1200 volume_oncc400=-12 pan_oncc142=100 offset_oncc300=400
            <region> sample=*sine key=70 amplitude_oncc500=100 amplitude_curvecc500=7
            <curve> curve_index=7 v000=0 v127=1 v064=0.2
            """);

        Assert.True(inst.Warnings.Count == 0, string.Join("\n", inst.Warnings));
        var (a, b) = (inst.Regions[0], inst.Regions[1]);
        Assert.Empty(a.CcModulations);
        Assert.Equal(300, a.TuneCents - b.TuneCents + 100, 6); // each keycentre at its own pitch (100 cents apart), +300 on a
        Assert.Equal(-6, a.VolumeDb, 6);
        Assert.Equal(0, a.Pan); // controller 142 never set: 0
        Assert.Equal(100, a.Offset); // 0.25 × 400 frames
        // The curve at 63.5 of 127: halfway between v063 (0.2 × 63/64) and v064 (0.2).
        Assert.Equal(100 * (0.2 * 63 / 64 + 0.2) / 2, b.AmplitudePercent, 3);

        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, inst);
        sampler.NoteOn(0, 69, 127);
        var left = Signals.Channel(Signals.Render(sampler, 24_000), 2, 0);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, 48_000, 2400, 24_000), 440 * Math.Pow(2, 0.25)), -0.5, 0.5);
        Assert.InRange(Signals.Db(Signals.Rms(left, 2400, 24_000) / Math.Sqrt(0.5)), -6.1, -5.9);
    }

    [Fact]
    public void Envelope_routes_on_controllers_above_141_fold_into_the_envelope_and_lfo_routes_are_refused()
    {
        using var dir = new TempSfzDirectory();
        var inst = dir.Load("<control> set_cc300=127\n<region> sample=*sine ampeg_attack_oncc300=2 lfo1_pitch=10 lfo1_pitch_oncc300=5");

        Assert.Equal(2, Assert.Single(inst.Regions).AmpEnvelope.AttackSeconds);
        Assert.DoesNotContain(inst.Warnings, w => w.Contains("ampeg_attack_oncc300", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains("lfo1_pitch_oncc300", StringComparison.Ordinal));
    }
}

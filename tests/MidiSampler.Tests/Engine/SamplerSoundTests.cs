using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>Renders notes and checks the sound itself: pitch, onset frame, level, envelope, loops, clicks.</summary>
public class SamplerSoundTests
{
    [Theory]
    [InlineData(48_000, 44_100, 69, InterpolationMode.Cubic)]
    [InlineData(48_000, 44_100, 76, InterpolationMode.Cubic)]
    [InlineData(44_100, 48_000, 62, InterpolationMode.Cubic)]
    [InlineData(96_000, 44_100, 57, InterpolationMode.Linear)]
    [InlineData(48_000, 48_000, 81, InterpolationMode.Cubic)]
    public void Pitch_is_within_one_cent_at_any_output_rate(int outputRate, int sampleRate, int key, InterpolationMode mode)
    {
        var sample = Signals.Sine(440, sampleRate, 200);
        double sampleHz = Signals.SineHz(440, sampleRate, 200);
        using var sampler = Signals.NewSampler(sampleRate: outputRate, mode: mode);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1 }));
        sampler.NoteOn(0, key, 127);
        var left = Signals.Channel(Signals.Render(sampler, outputRate), 2, 0);
        double expected = sampleHz * Math.Pow(2, (key - 69) / 12.0);
        double measured = Signals.Frequency(left, outputRate, outputRate / 10, outputRate);
        Assert.InRange(Signals.Cents(measured, expected), -1, 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(37)]
    [InlineData(127)]
    [InlineData(200)]
    public void Note_starts_at_exactly_its_frame_offset(int offset)
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.5f, 48_000), PitchKeyCenter = 60 }));
        Signals.Render(sampler, 512); // some blocks before, so the note is not at the stream's start
        sampler.NoteOn(0, 60, 127, offset);
        var left = Signals.Channel(Signals.Render(sampler, 256, block: 256), 2, 0);
        Assert.Equal(offset, Signals.FirstNonZero(left));
        Assert.Equal(0.5f, left[offset], 3);
    }

    [Fact]
    public void Events_from_the_host_apply_at_their_frames_in_any_order()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.5f, 48_000) }));
        var buffer = new float[128 * 2];
        MidiEvent[] events = [MidiEvent.NoteOn(90, 0, 64, 127), MidiEvent.NoteOn(10, 0, 62, 127)];
        sampler.Process(buffer, 128, events);
        var left = Signals.Channel(buffer, 2, 0);
        Assert.Equal(10, Signals.FirstNonZero(left));
        Assert.Equal(0.5f, left[50], 3);
        Assert.Equal(1.0f, left[100], 3); // two voices sum from frame 90
    }

    [Fact]
    public void Velocity_follows_the_sfz_default_square_curve()
    {
        foreach (int velocity in new[] { 127, 100, 64, 20 })
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(1f, 48_000) }));
            sampler.NoteOn(0, 60, velocity);
            var left = Signals.Channel(Signals.Render(sampler, 1000), 2, 0);
            double expected = Math.Pow(velocity / 127.0, 2);
            Assert.Equal(expected, left[500], 4);
        }
    }

    [Fact]
    public void Volume_and_pan_are_applied_in_db_and_constant_power()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(1f, 48_000), VolumeDb = -6, Pan = 100 }));
        sampler.NoteOn(0, 60, 127);
        var output = Signals.Render(sampler, 1000);
        Assert.Equal(0, Signals.Channel(output, 2, 0)[500], 4);
        Assert.Equal(Math.Pow(10, -6 / 20.0) * Math.Sqrt(2), Signals.Channel(output, 2, 1)[500], 4);
    }

    [Fact]
    public void Envelope_attack_is_linear_and_release_decays_to_silence()
    {
        const int rate = 48_000;
        using var sampler = Signals.NewSampler();
        var env = new Envelope(0, 0.010, 0, 0, 1, 0.050);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(1f, rate * 2), AmpEnvelope = env }));
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, rate / 10), 2, 0);
        Assert.Equal(0.25, left[120], 2);   // a quarter into the 480-frame attack
        Assert.Equal(0.5, left[240], 2);
        Assert.Equal(1.0, left[600], 4);
        sampler.NoteOff(0, 60);
        var tail = Signals.Channel(Signals.Render(sampler, rate / 10), 2, 0);
        Assert.Equal(1.0, tail[0], 2);
        Assert.InRange(Signals.Db(tail[1200]), -48, -42);    // halfway through a 90 dB fall: about -45 dB
        Assert.Equal(0, tail[2500]);                           // finished and freed after 50 ms
        Assert.Equal(0, sampler.GetStats().ActiveVoices);
        Assert.True(Signals.MaxSecondDifference(tail, 0, tail.Length) < 1e-3, "release clicks");
    }

    [Fact]
    public void Delay_hold_decay_and_sustain_follow_their_times()
    {
        const int rate = 48_000;
        using var sampler = Signals.NewSampler();
        var env = new Envelope(0.005, 0, 0.005, 0.020, 0.25, 0.01);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(1f, rate), AmpEnvelope = env }));
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, rate / 10), 2, 0);
        Assert.Equal(0, left[239]);          // still in the 5 ms delay
        Assert.Equal(1, left[241], 4);       // attack 0: full level, then hold
        Assert.Equal(1, left[470], 4);
        Assert.InRange(left[480 + 480], 0.25, 1.0);   // decaying
        Assert.Equal(0.25, left[480 + 960 + 10], 3);  // sustain after 20 ms of decay
        Assert.Equal(0.25, left[4000], 4);
    }

    [Fact]
    public void Loop_is_seamless()
    {
        const int rate = 48_000;
        var sample = Signals.Sine(1000, rate, 3); // 144 frames, looped over all of it
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = sample, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1, PitchKeyCenter = 60 }));
        sampler.NoteOn(0, 61, 127); // a semitone up: positions fall between frames at the seam
        var left = Signals.Channel(Signals.Render(sampler, rate), 2, 0);
        double smooth = Signals.MaxSecondDifference(left, 10, left.Length);
        double sineBound = 0.5 * Math.Pow(2 * Math.PI * 1000 * Math.Pow(2, 1 / 12.0) / rate, 2);
        Assert.True(smooth < sineBound * 1.05, $"second difference {smooth} vs a pure sine's {sineBound}");
        Assert.Equal(Signals.Db(0.5 / Math.Sqrt(2)), Signals.Db(Signals.Rms(left, 1000, rate)), 1);
    }

    [Fact]
    public void Loop_sustain_loops_while_held_then_plays_to_the_end()
    {
        var data = new float[1000];
        Array.Fill(data, 0.5f, 0, 600);
        Array.Fill(data, -0.5f, 600, 400); // after the loop the sample turns negative
        var sample = Sample.FromInterleaved("s", 48_000, 1, data);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = sample, LoopMode = LoopMode.LoopSustain, LoopStart = 100, LoopEnd = 499, AmpEnvelope = Envelope.Default with { ReleaseSeconds = 1 } }));
        sampler.NoteOn(0, 60, 127);
        var held = Signals.Channel(Signals.Render(sampler, 5000), 2, 0);
        Assert.All(held[10..], v => Assert.True(v > 0.4f));
        sampler.NoteOff(0, 60);
        var after = Signals.Channel(Signals.Render(sampler, 2000), 2, 0);
        Assert.Contains(after, v => v < -0.3f); // went past the loop into the negative part
        Assert.Equal(0, sampler.GetStats().ActiveVoices); // and ended at the sample's end
    }

    [Fact]
    public void One_shot_ignores_note_off_and_no_loop_stops_at_the_end()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.5f, 4800), LoopMode = LoopMode.OneShot }));
        sampler.NoteOn(0, 60, 127);
        sampler.NoteOff(0, 60, 10);
        var left = Signals.Channel(Signals.Render(sampler, 6000), 2, 0);
        Assert.Equal(0.5f, left[4000], 3);
        Assert.Equal(0f, left[4900]);
        Assert.Equal(0, sampler.GetStats().ActiveVoices);
    }

    [Fact]
    public void Stealing_keeps_polyphony_and_never_clicks()
    {
        const int rate = 48_000;
        var sample = Signals.Sine(220, rate, 100);
        using var sampler = Signals.NewSampler(polyphony: 4);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = sample, LoopMode = LoopMode.LoopContinuous, LoopEnd = sample.FrameCount - 1, PitchKeyCenter = 60 }));
        var all = new List<float>();
        for (int n = 0; n < 12; n++)
        {
            sampler.NoteOn(0, 48 + n, 100, 17);
            all.AddRange(Signals.Channel(Signals.Render(sampler, 2400), 2, 0));
        }

        var stats = sampler.GetStats();
        Assert.Equal(8, stats.StolenVoices);
        Assert.True(stats.ActiveVoices <= 4 + 1);
        var x = all.ToArray();
        // The sum of 4 sines of up to ~440 Hz at this level changes slowly: a cut voice would jump by ~0.3.
        Assert.True(Signals.MaxSecondDifference(x, 2, x.Length) < 0.02, "a stolen voice clicked");
    }

    [Fact]
    public void Sustain_pedal_holds_released_notes_until_pedal_up()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.5f, 48_000) }));
        sampler.ControlChange(0, 64, 127);
        sampler.NoteOn(0, 60, 127);
        sampler.NoteOff(0, 60, 100);
        Signals.Render(sampler, 2000);
        Assert.Equal(1, sampler.GetStats().ActiveVoices);
        sampler.ControlChange(0, 64, 0);
        Signals.Render(sampler, 2000);
        Assert.Equal(0, sampler.GetStats().ActiveVoices);
    }

    [Fact]
    public void Restriking_a_held_key_releases_the_old_voice()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.5f, 48_000) }));
        sampler.NoteOn(0, 60, 127);
        Signals.Render(sampler, 256);
        sampler.NoteOn(0, 60, 127);
        Signals.Render(sampler, 2000);
        Assert.Equal(1, sampler.GetStats().ActiveVoices);
        sampler.NoteOff(0, 60);
        Signals.Render(sampler, 2000);
        Assert.Equal(0, sampler.GetStats().ActiveVoices); // never a stuck note
    }

    [Fact]
    public void Controllers_volume_expression_all_notes_off_and_all_sound_off()
    {
        using var sampler = Signals.NewSampler(gmDefaultVolume: true);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(1f, 96_000) }));
        sampler.NoteOn(0, 60, 127);
        var before = Signals.Channel(Signals.Render(sampler, 1000), 2, 0);
        double defaultGain = Math.Pow(100 / 127.0, 2); // CC7 defaults to 100
        Assert.Equal(defaultGain, before[999], 4);
        sampler.ControlChange(0, 7, 127);
        sampler.ControlChange(0, 11, 64);
        var after = Signals.Channel(Signals.Render(sampler, 1000), 2, 0);
        Assert.Equal(Math.Pow(64 / 127.0, 2), after[999], 4);
        Assert.True(Signals.MaxSecondDifference(after, 2, 1000) < 0.01, "gain change zippered");
        sampler.ControlChange(0, 123, 0);
        Signals.Render(sampler, 1000);
        Assert.Equal(0, sampler.GetStats().ActiveVoices);
        sampler.NoteOn(0, 60, 127);
        Signals.Render(sampler, 100);
        sampler.ControlChange(0, 120, 0);
        var faded = Signals.Channel(Signals.Render(sampler, 1000), 2, 0);
        Assert.Equal(0, faded[999]);
        Assert.Equal(0, sampler.GetStats().ActiveVoices);
    }

    [Fact]
    public void Pitch_bend_uses_the_rpn_range()
    {
        const int rate = 48_000;
        var sample = Signals.Sine(440, rate, 200);
        double hz = Signals.SineHz(440, rate, 200);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopEnd = sample.FrameCount - 1 }));
        sampler.NoteOn(0, 69, 127);
        sampler.PitchBend(0, 16383);
        var up2 = Signals.Channel(Signals.Render(sampler, rate / 2), 2, 0);
        Assert.InRange(Signals.Cents(Signals.Frequency(up2, rate, 2000, up2.Length), hz), 199, 201);
        sampler.ControlChange(0, 101, 0);
        sampler.ControlChange(0, 100, 0);
        sampler.ControlChange(0, 6, 12);
        sampler.ControlChange(0, 38, 0);
        sampler.PitchBend(0, 0);
        var down12 = Signals.Channel(Signals.Render(sampler, rate / 2), 2, 0);
        Assert.InRange(Signals.Cents(Signals.Frequency(down12, rate, 2000, down12.Length), hz), -1201, -1199);
        sampler.ControlChange(0, 121, 0); // reset controllers: bend back to centre
        var centre = Signals.Channel(Signals.Render(sampler, rate / 2), 2, 0);
        Assert.InRange(Signals.Cents(Signals.Frequency(centre, rate, 2000, centre.Length), hz), -1, 1);
    }

    [Fact]
    public void Program_change_selects_among_loaded_instruments_per_channel()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.25f, 48_000) }));
        sampler.SetInstrument(5, Signals.Single(new Region { Sample = Signals.Constant(0.75f, 48_000) }));
        sampler.ProgramChange(1, 5);
        sampler.ProgramChange(2, 99); // empty slot: channel keeps program 0
        sampler.NoteOn(1, 60, 127);
        var a = Signals.Channel(Signals.Render(sampler, 100), 2, 0);
        Assert.Equal(0.75f, a[50], 3);
        sampler.NoteOff(1, 60);
        Signals.Render(sampler, 1000);
        sampler.NoteOn(2, 60, 127);
        var b = Signals.Channel(Signals.Render(sampler, 100), 2, 0);
        Assert.Equal(0.25f, b[50], 3);
    }

    [Fact]
    public void Swapping_an_instrument_keeps_sounding_notes_and_new_notes_use_the_new_one()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.25f, 96_000) }));
        sampler.NoteOn(0, 60, 127);
        Signals.Render(sampler, 256);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = Signals.Constant(0.5f, 96_000) }));
        var during = Signals.Channel(Signals.Render(sampler, 1024), 2, 0);
        Assert.All(during, v => Assert.Equal(0.25f, v, 4)); // no gap, no change for the held note
        Assert.Equal(1, sampler.CollectRetired());            // old one still in use
        sampler.NoteOn(0, 62, 127);
        var both = Signals.Channel(Signals.Render(sampler, 256), 2, 0);
        Assert.Equal(0.75f, both[100], 3);
        sampler.NoteOff(0, 60);
        Signals.Render(sampler, 2000);
        Assert.Equal(0, sampler.CollectRetired());
    }

    [Fact]
    public void Round_robin_alternates_and_release_trigger_sounds_at_note_off()
    {
        using var sampler = Signals.NewSampler();
        Region[] regions =
        [
            new() { Sample = Signals.Constant(0.1f, 48_000), SeqLength = 2, SeqPosition = 1 },
            new() { Sample = Signals.Constant(0.2f, 48_000), SeqLength = 2, SeqPosition = 2 },
            new() { Sample = Signals.Constant(0.4f, 2_400), Trigger = TriggerMode.Release, LoopMode = LoopMode.OneShot },
        ];
        sampler.SetInstrument(0, new Instrument("rr", regions));
        var levels = new List<float>();
        for (int i = 0; i < 4; i++)
        {
            sampler.NoteOn(0, 60, 127);
            levels.Add(Signals.Channel(Signals.Render(sampler, 100), 2, 0)[50]);
            sampler.NoteOff(0, 60);
            var release = Signals.Channel(Signals.Render(sampler, 3000), 2, 0);
            Assert.Equal(0.4f, release[2000], 3); // the release region, alone once the note has released
        }

        Assert.Equal([0.1f, 0.2f, 0.1f, 0.2f], levels.Select(l => MathF.Round(l, 3)));
    }

    [Fact]
    public void Group_off_by_silences_the_other_region()
    {
        using var sampler = Signals.NewSampler();
        Region[] regions =
        [
            new() { Sample = Signals.Constant(0.3f, 48_000), LoKey = 42, HiKey = 42, Group = 1, OffBy = 2 }, // open hi-hat
            new() { Sample = Signals.Constant(0.6f, 48_000), LoKey = 44, HiKey = 44, Group = 2 },           // pedal hi-hat
        ];
        sampler.SetInstrument(0, new Instrument("hats", regions));
        sampler.NoteOn(0, 42, 127);
        Signals.Render(sampler, 500);
        sampler.NoteOn(0, 44, 127);
        var left = Signals.Channel(Signals.Render(sampler, 1000), 2, 0);
        Assert.Equal(0.9f, left[0], 2);    // the open hat fades (3 ms) rather than being cut
        Assert.InRange(left[72], 0.6f, 0.9f);
        Assert.Equal(0.6f, left[900], 3);  // then only the pedal hat sounds
    }

    [Fact]
    public void Layers_of_one_note_in_a_self_silencing_group_do_not_silence_each_other()
    {
        // An SF2 stereo pair sharing exclusive class 1 (FluidR3's closed hi-hat): both layers of a note-on sound, as in
        // FluidSynth; the next note of the class silences both.
        using var sampler = Signals.NewSampler();
        Region[] regions =
        [
            new() { Sample = Signals.Constant(0.25f, 48_000), LoKey = 42, HiKey = 42, Group = 1, OffBy = 1, Pan = -100 },
            new() { Sample = Signals.Constant(0.5f, 48_000), LoKey = 42, HiKey = 42, Group = 1, OffBy = 1, Pan = 100 },
        ];
        sampler.SetInstrument(0, new Instrument("hat", regions));
        sampler.NoteOn(0, 42, 127);
        var first = Signals.Render(sampler, 500);
        Assert.True(Signals.Channel(first, 2, 0)[400] > 0.2f, "the left layer was silenced by its own note's right layer");
        Assert.True(Signals.Channel(first, 2, 1)[400] > 0.4f);
        Assert.Equal(2, sampler.GetStats().ActiveVoices);
        sampler.NoteOn(0, 42, 127);
        Signals.Render(sampler, 1000);
        Assert.Equal(2, sampler.GetStats().ActiveVoices); // the first note's two faded out; the new note's two play
    }
}

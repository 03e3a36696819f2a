using MidiSampler.Engine;
using MidiSampler.Formats.Midi;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>Banks (CC0), the drum channel, FluidSynth's program fallbacks, GM/GS resets, RPN tuning and the effect sends.</summary>
public sealed class BankAndGeneralMidiTests
{
    private static Instrument Level(float value) =>
        Signals.Single(new Region { Sample = Signals.Constant(value, 4800), LoopMode = LoopMode.LoopContinuous, LoopEnd = 4799 });

    /// <summary>The steady level a note reaches on <paramref name="channel"/>, left side, at velocity 127 and CC7 127.</summary>
    private static double NoteLevel(Sampler sampler, int channel)
    {
        sampler.NoteOn(channel, 60, 127);
        var output = Signals.Channel(Signals.Render(sampler, 2048), 2, 0);
        sampler.ControlChange(channel, 120, 0); // all sound off
        Signals.Render(sampler, 1024);
        return output[1500];
    }

    private static Sampler WithBanks()
    {
        var sampler = Signals.NewSampler();
        sampler.SetInstruments([(0, 0, Level(0.05f)), (0, 5, Level(0.1f)), (8, 5, Level(0.2f)), (128, 0, Level(0.3f)), (128, 16, Level(0.4f))]);
        return sampler;
    }

    [Fact]
    public void Bank_select_picks_the_bank_and_a_missing_bank_falls_back_to_bank_0()
    {
        using var sampler = WithBanks();
        sampler.ProgramChange(0, 5);
        Assert.Equal(0.1, NoteLevel(sampler, 0), 3);
        sampler.ControlChange(0, 0, 8);
        Assert.Equal(0.1, NoteLevel(sampler, 0), 3); // bank select waits for the next program change (MIDI 1.0)
        sampler.ProgramChange(0, 5);
        Assert.Equal(0.2, NoteLevel(sampler, 0), 3);
        sampler.ControlChange(0, 0, 3);
        sampler.ProgramChange(0, 5);
        Assert.Equal(0.1, NoteLevel(sampler, 0), 3); // bank 3 has no program 5: FluidSynth falls back to bank 0
        Assert.Equal(0.2, sampler.GetInstrument(8, 5) is null ? 0 : 0.2);
    }

    [Fact]
    public void Channel_10_plays_bank_128_with_the_standard_kit_as_fallback_when_a_percussion_bank_is_installed()
    {
        using var sampler = WithBanks();
        Assert.Equal(0.3, NoteLevel(sampler, 9), 3);
        sampler.ProgramChange(9, 16);
        Assert.Equal(0.4, NoteLevel(sampler, 9), 3);
        sampler.ControlChange(9, 0, 8); // a drum channel ignores bank select (FluidSynth's gs style)
        sampler.ProgramChange(9, 99);
        Assert.Equal(0.3, NoteLevel(sampler, 9), 3); // no kit 99: the standard kit (128, 0)
        Assert.Equal(0.05, NoteLevel(sampler, 8), 3); // channel 9 is melodic
    }

    [Fact]
    public void Without_a_percussion_bank_channel_10_is_an_ordinary_channel()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Level(0.25f));
        Assert.Equal(0.25, NoteLevel(sampler, 9), 3);
    }

    [Theory]
    [InlineData(new byte[] { 0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7 })]
    [InlineData(new byte[] { 0xF0, 0x41, 0x10, 0x42, 0x12, 0x40, 0x00, 0x7F, 0x00, 0x41, 0xF7 })]
    [InlineData(new byte[] { 0xF0, 0x43, 0x10, 0x4C, 0x00, 0x00, 0x7E, 0x00, 0xF7 })]
    public void A_gm_gs_or_xg_reset_returns_every_channel_to_program_0_bank_0_and_default_controllers(byte[] message)
    {
        using var sampler = WithBanks();
        sampler.ControlChange(0, 0, 8);
        sampler.ProgramChange(0, 5);
        sampler.ControlChange(0, 7, 64);
        Assert.True(MidiEvent.TryParseSysEx(message, 0, out var reset));
        Assert.True(sampler.Send(reset));
        Signals.Render(sampler, 256);
        sampler.ControlChange(0, 7, 127); // only to read the level at unity; the reset put CC7 back to 100
        Assert.Equal(0.05, NoteLevel(sampler, 0), 3);
    }

    [Fact]
    public void A_gs_rhythm_part_message_makes_a_channel_play_drums()
    {
        using var sampler = WithBanks();
        Assert.True(MidiEvent.TryParseSysEx([0xF0, 0x41, 0x10, 0x42, 0x12, 0x40, 0x12, 0x15, 0x01, 0x18, 0xF7], 0, out var e));
        Assert.Equal((SysExKind.GsRhythmPart, 1), ((SysExKind)e.Data1, (int)e.Channel)); // part 2 is MIDI channel 2 (index 1)
        sampler.Send(e);
        Assert.Equal(0.3, NoteLevel(sampler, 1), 3);
    }

    [Fact]
    public void Unknown_or_malformed_sysex_is_not_an_engine_event()
    {
        Assert.False(MidiEvent.TryParseSysEx([0xF0, 0x7E, 0x7F, 0x09, 0x01], 0, out _)); // no F7
        Assert.False(MidiEvent.TryParseSysEx([0xF0, 0x7E, 0x7F, 0x09, 0x02, 0xF7], 0, out _)); // GM off
        Assert.False(MidiEvent.TryParseSysEx([0xF0, 0x41, 0x10, 0x42, 0x12, 0x40, 0x00, 0x05, 0x7F, 0x3C, 0xF7], 0, out _)); // GS master key shift
        Assert.False(MidiEvent.TryParseSysEx([], 0, out _));
    }

    [Fact]
    public void Rpn_coarse_and_fine_tuning_move_the_pitch()
    {
        using var sampler = Signals.NewSampler();
        var sine = Signals.Sine(440, 48_000, 200);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopEnd = sine.FrameCount - 1 }));
        // RPN 2 (coarse) = 66: +2 semitones; RPN 1 (fine) = 4096: -50 cents.
        foreach (var (cc, value) in new[] { (101, 0), (100, 2), (6, 66), (100, 1), (6, 32), (38, 0) })
            sampler.ControlChange(0, cc, value);
        sampler.NoteOn(0, 69, 100);
        var left = Signals.Channel(Signals.Render(sampler, 24_000), 2, 0);
        double hz = Signals.Frequency(left, 48_000, 4_000, 24_000);
        Assert.InRange(Signals.Cents(hz, Signals.SineHz(440, 48_000, 200)), 149, 151);
    }

    [Fact]
    public void Master_volume_sysex_scales_the_output_by_its_square_from_its_block_on_and_a_gm_reset_restores_it()
    {
        using var sampler = Signals.NewSampler(gmDefaultVolume: true); // a GM reset puts CC7 back to 100: compare like with like
        var sine = Signals.Sine(440, 48_000, 200);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopEnd = sine.FrameCount - 1 }));
        sampler.NoteOn(0, 69, 100);
        var full = Signals.Channel(Signals.Render(sampler, 9_600), 2, 0);
        Assert.True(sampler.SendMidi([0xF0, 0x7F, 0x7F, 0x04, 0x01, 0x00, 0x40, 0xF7])); // GM master volume 8192: (1/2)² = −12.04 dB
        var half = Signals.Channel(Signals.Render(sampler, 9_600), 2, 0);
        Assert.True(sampler.SendMidi([0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7])); // GM system on: back to full volume...
        sampler.NoteOn(0, 69, 100);                                          // ...and it silenced the held note
        var reset = Signals.Channel(Signals.Render(sampler, 9_600), 2, 0);

        double db = Signals.Db(Signals.Rms(half, 1_000, 9_600) / Signals.Rms(full, 1_000, 9_600));
        Assert.InRange(db, -12.04 - 0.1, -12.04 + 0.1);
        Assert.InRange(Signals.Db(Signals.Rms(reset, 4_800, 9_600) / Signals.Rms(full, 1_000, 9_600)), -0.1, 0.1);
    }

    [Fact]
    public void Rpn_bend_range_sent_as_one_running_status_stream_sets_the_range()
    {
        using var sampler = Signals.NewSampler();
        var sine = Signals.Sine(440, 48_000, 200);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopEnd = sine.FrameCount - 1 }));
        // RPN 0 = 12 semitones, then half a bend up: +6 semitones (the default range would give +1).
        Assert.True(sampler.SendMidi([0xB0, 101, 0, 100, 0, 6, 12, 38, 0, 0xE0, 0x00, 0x60, 0x90, 69, 100]));
        var left = Signals.Channel(Signals.Render(sampler, 24_000), 2, 0);
        double hz = Signals.Frequency(left, 48_000, 4_000, 24_000);
        Assert.InRange(Signals.Cents(hz, Signals.SineHz(440, 48_000, 200)), 600 - 1, 600 + 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Cc91_sends_to_a_reverb_whose_tail_outlasts_the_note_unless_effects_are_off(bool effects)
    {
        using var sampler = new Sampler(new SamplerConfig { EffectsEnabled = effects });
        var sine = Signals.Sine(440, 48_000, 20);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = sine, LoopMode = LoopMode.OneShot }));
        sampler.ControlChange(0, 91, 127);
        sampler.NoteOn(0, 60, 127);
        var output = Signals.Render(sampler, 48_000);
        var left = Signals.Channel(output, 2, 0);
        double tail = Signals.Rms(left, 4_800, 24_000); // the one-shot sine lasts 20 periods: ~1000 frames
        if (effects)
            Assert.InRange(Signals.Db(tail), -70, -10);
        else
            Assert.Equal(0, tail);
        Assert.All(output, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void A_midi_file_keeps_its_sysex_and_the_writer_writes_it()
    {
        var writer = new MidiFileWriter(format: 0);
        int track = writer.AddTrack();
        writer.AddSysEx(track, 0, [0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7]);
        writer.AddNote(track, 480, 480, 0, 60, 100);
        var file = MidiFile.Read(writer.ToArray(), "test.mid");
        var sysex = Assert.Single(file.SysEx);
        Assert.Equal(new byte[] { 0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7 }, sysex.Message.ToArray());
        Assert.Equal(0, sysex.Tick);
        Assert.Equal(2, file.Events.Count); // channel messages only, as before
    }
}

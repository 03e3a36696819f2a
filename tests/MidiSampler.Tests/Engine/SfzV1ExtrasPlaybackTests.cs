using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>SFZ v1 extras checked on the sound: on_loccN triggers, eqN_* bands, count, sw_vel, lobpm/hibpm.</summary>
public class SfzV1ExtrasPlaybackTests
{
    [Fact]
    public void A_controller_entering_an_on_cc_range_starts_the_region_at_the_events_exact_frame()
    {
        using var sampler = Signals.NewSampler();
        var click = Signals.Constant(0.5f, 4000);
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = click, OnCcRanges = [new CcRange(64, 100, 127)], AmpVeltrackPercent = 0,
        }));
        Signals.Render(sampler, 256);
        sampler.NoteOn(0, 60, 100); // notes do not start a controller-triggered region
        Assert.Equal(-1, Signals.FirstNonZero(Signals.Channel(Signals.Render(sampler, 256), 2, 0)));
        sampler.ControlChange(0, 64, 50, offsetFrames: 10); // outside the range
        sampler.ControlChange(0, 64, 127, offsetFrames: 77); // inside
        var left = Signals.Channel(Signals.Render(sampler, 256), 2, 0);
        Assert.Equal(77, Signals.FirstNonZero(left));
        sampler.NoteOff(0, 60); // nor does a note-off end it
        left = Signals.Channel(Signals.Render(sampler, 256), 2, 0);
        Assert.True(left[200] > 0.1f);
    }

    [Fact]
    public void Sfz_text_with_on_locc_loads_the_trigger_range()
    {
        using var dir = new MidiSampler.Tests.Formats.Sfz.TempSfzDirectory();
        var region = Assert.Single(dir.Load("<region> sample=*sine on_locc64=64 on_hicc64=127 start_locc1=3").Regions);
        Assert.Contains(new CcRange(64, 64, 127), region.OnCcRanges);
        Assert.Contains(new CcRange(1, 3, 127), region.OnCcRanges);
    }

    /// <summary>Steady level in dB of a sine through the region's EQ relative to no EQ.</summary>
    private static double EqGainDb(double toneHz, params EqBand[] bands)
    {
        var sine = Signals.Sine(toneHz, 48_000, 400);
        double Level(IReadOnlyList<EqBand> eq)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(new Region
            {
                Sample = sine, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1, AmpVeltrackPercent = 0,
                EqBands = eq,
            }));
            sampler.NoteOn(0, 60, 127);
            return Signals.Rms(Signals.Channel(Signals.Render(sampler, 24_000), 2, 0), 12_000, 24_000);
        }

        return Signals.Db(Level(bands) / Level([]));
    }

    [Fact]
    public void An_eq_band_boosts_or_cuts_its_frequency_by_its_gain_and_leaves_far_frequencies_alone()
    {
        Assert.InRange(EqGainDb(1000, new EqBand(1000, 1, 6)), 5.7, 6.3);
        Assert.InRange(EqGainDb(1000, new EqBand(1000, 1, -9)), -9.3, -8.7);
        Assert.InRange(EqGainDb(100, new EqBand(5000, 1, 12)), -0.2, 0.2);
        // Half the dB gain at the band edges: one octave wide = half an octave either side of 1 kHz.
        Assert.InRange(EqGainDb(1000 * Math.Sqrt(2), new EqBand(1000, 1, 12)), 5.0, 7.0);
    }

    [Fact]
    public void Count_plays_the_sample_that_many_times_then_stops()
    {
        using var sampler = Signals.NewSampler();
        var s = Signals.Constant(0.5f, 1000);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = s, PlayCount = 3, LoopMode = LoopMode.OneShot, AmpVeltrackPercent = 0 }));
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, 4000), 2, 0);
        Assert.True(left[2500] > 0.2f, "still sounding in the third pass");
        Assert.True(left[2990] > 0.2f);
        Assert.True(Math.Abs(left[3010]) < 1e-4f, "stopped after three passes");
        Assert.True(Math.Abs(left[1000]) > 0.2f, "no gap at the restart");
    }

    [Fact]
    public void Sw_vel_previous_takes_the_velocity_of_the_previous_note()
    {
        using var sampler = Signals.NewSampler();
        var s = Signals.Constant(0.5f, 48_000);
        sampler.SetInstrument(0, new Instrument("v",
        [
            new Region { Sample = s, LoKey = 40, HiKey = 40, AmpVeltrackPercent = 0 },
            new Region { Sample = s, LoKey = 60, HiKey = 60, SwVelocityPrevious = true, AmpVeltrackPercent = 100 },
        ]));
        sampler.NoteOn(0, 40, 32);
        sampler.NoteOff(0, 40);
        Signals.Render(sampler, 48_000);
        sampler.NoteOn(0, 60, 127);
        var quiet = Signals.Channel(Signals.Render(sampler, 512), 2, 0)[400];
        sampler.NoteOff(0, 60);
        Signals.Render(sampler, 48_000);
        sampler.NoteOn(0, 40, 127);
        sampler.NoteOff(0, 40);
        Signals.Render(sampler, 48_000);
        sampler.NoteOn(0, 60, 32);
        var loud = Signals.Channel(Signals.Render(sampler, 512), 2, 0)[400];
        // amp_veltrack 100: gain (v/127)²; velocity 32 against 127 is about -24 dB.
        Assert.InRange(Signals.Db(quiet / loud), -25, -23);
    }

    [Fact]
    public void Lobpm_and_hibpm_select_regions_by_tempo()
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, new Instrument("bpm",
        [
            new Region { Sample = Signals.Constant(0.25f, 48_000), HiBpm = 100, AmpVeltrackPercent = 0 },
            new Region { Sample = Signals.Constant(0.5f, 48_000), LoBpm = 100, AmpVeltrackPercent = 0 },
        ]));
        sampler.NoteOn(0, 60, 127); // default tempo 120
        Assert.Equal(0.5f, Signals.Channel(Signals.Render(sampler, 512), 2, 0)[400], 3);
        sampler.NoteOff(0, 60);
        Signals.Render(sampler, 48_000);
        sampler.TempoBpm = 90;
        sampler.NoteOn(0, 60, 127);
        Assert.Equal(0.25f, Signals.Channel(Signals.Render(sampler, 512), 2, 0)[400], 3);
    }

    [Fact]
    public void Sfz_text_maps_the_v1_extras_into_the_model()
    {
        using var dir = new MidiSampler.Tests.Formats.Sfz.TempSfzDirectory();
        dir.Touch("s.wav"); // a sample file: an oscillator (*sine) loops whatever count asks
        var r = Assert.Single(dir.Load(
            "<region> sample=s.wav count=2 sw_vel=previous lobpm=90 hibpm=140 effect1=30 effect2=45 output=2 eq2_freq=800 eq2_bw=2 eq2_gain=-4").Regions);
        Assert.Equal(2, r.PlayCount);
        Assert.Equal(LoopMode.OneShot, r.LoopMode);
        Assert.True(r.SwVelocityPrevious);
        Assert.Equal((90.0, 140.0), (r.LoBpm, r.HiBpm));
        Assert.Equal((30.0, 45.0, 2), (r.Effect1Percent, r.Effect2Percent, r.Output));
        Assert.Equal(new EqBand(800, 2, -4) { Number = 2 }, Assert.Single(r.EqBands));
    }

    [Fact]
    public void Sustain_sw_off_lets_a_region_release_under_the_pedal()
    {
        using var sampler = Signals.NewSampler();
        var s = Signals.Constant(0.5f, 48_000);
        sampler.SetInstrument(0, new Instrument("sw",
        [
            new Region { Sample = s, LoKey = 60, HiKey = 60, AmpVeltrackPercent = 0, AmpEnvelope = new Envelope(0, 0, 0, 0, 1, 0.001) },
            new Region { Sample = s, LoKey = 62, HiKey = 62, AmpVeltrackPercent = 0, AmpEnvelope = new Envelope(0, 0, 0, 0, 1, 0.001), SustainSwitch = false },
        ]));
        sampler.ControlChange(0, 64, 127);
        sampler.NoteOn(0, 60, 127);
        sampler.NoteOn(0, 62, 127);
        Signals.Render(sampler, 512);
        sampler.NoteOff(0, 60);
        sampler.NoteOff(0, 62);
        var left = Signals.Channel(Signals.Render(sampler, 4096), 2, 0);
        Assert.Equal(0.5f, left[4000], 2); // key 60 held by the pedal, key 62 released
    }

    [Fact]
    public void Rt_dead_off_skips_the_release_sample_of_a_note_that_has_ended()
    {
        Region[] Regions(bool dead) =>
        [
            new Region { Sample = Signals.Constant(0.25f, 480), LoKey = 60, HiKey = 60, AmpVeltrackPercent = 0 },
            new Region { Sample = Signals.Constant(0.5f, 4800), LoKey = 60, HiKey = 60, Trigger = TriggerMode.Release, AmpVeltrackPercent = 0, ReleaseWhenDead = dead },
        ];
        foreach (bool dead in new[] { false, true })
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, new Instrument("rt", Regions(dead)));
            sampler.NoteOn(0, 60, 127);
            Signals.Render(sampler, 2048); // the 10 ms attack sample has ended
            sampler.NoteOff(0, 60);
            var left = Signals.Channel(Signals.Render(sampler, 1024), 2, 0);
            Assert.Equal(dead ? 0.5f : 0f, left[500], 3);
        }
    }

    [Fact]
    public void Set_cc_from_control_sets_the_controllers_when_the_instrument_is_installed()
    {
        using var dir = new MidiSampler.Tests.Formats.Sfz.TempSfzDirectory();
        var inst = dir.Load("<control> set_cc7=64 set_hdcc11=0.5\n<region> sample=*silence");
        Assert.Equal([new ControllerDefault(7, 64), new ControllerDefault(11, 64) { Normalized = 0.5 }], inst.InitialControllers);

        // On the sound: volume_oncc20 = -12 dB at 127; set_cc20=127 makes the first note 12 dB down.
        using var sampler = Signals.NewSampler();
        var s = Signals.Constant(0.5f, 48_000);
        sampler.SetInstrument(0, new Instrument("cc", [new Region { Sample = s, AmpVeltrackPercent = 0, CcModulations = [new CcModulation(ModulationTarget.VolumeDb, 20, -12)] }])
        {
            InitialControllers = [new ControllerDefault(20, 127)],
        });
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, 4096), 2, 0);
        Assert.InRange(Signals.Db(left[4000] / 0.5), -12.2, -11.8);
    }
}

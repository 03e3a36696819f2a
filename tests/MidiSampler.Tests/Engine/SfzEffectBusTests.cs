using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// SFZ v2 &lt;effect&gt; buses played through the sampler: what each effect does to a sine, and the routing levels
/// (effectN sends, fxNtomain, directtomain, bypass_onccN, controllers, --no-effects).
/// </summary>
[Collection(SerialCollection.Name)]
public class SfzEffectBusTests
{
    private const int Rate = 48_000;
    private const int Frames = Rate / 2;

    [Fact]
    public void An_eq_band_of_plus_12_db_at_1_khz_on_fx1_makes_a_1_khz_sine_12_db_louder()
    {
        const string Region = "<region> sample=s.wav loop_mode=loop_continuous";
        double dry = SteadyRms(Render(Region, Sine(1000)));
        double wet = SteadyRms(Render(Region + " effect1=100\n<effect> bus=fx1 type=eq eq_freq=1000 eq_bw=1 eq_gain=12 fx1tomain=100 directtomain=0", Sine(1000)));

        Assert.Equal(12, Signals.Db(wet / dry), 0.3);
    }

    [Fact]
    public void A_low_shelf_lifts_the_lows_and_leaves_the_highs()
    {
        const string Effect = "\n<effect> type=eq eq_type=lshelf eq_freq=300 eq_gain=6";
        const string Region = "<region> sample=s.wav loop_mode=loop_continuous";
        double low = SteadyRms(Render(Region + Effect, Sine(50))) / SteadyRms(Render(Region, Sine(50)));
        double high = SteadyRms(Render(Region + Effect, Sine(8000))) / SteadyRms(Render(Region, Sine(8000)));

        Assert.Equal(6, Signals.Db(low), 0.5);
        Assert.Equal(0, Signals.Db(high), 0.3);
    }

    [Fact]
    public void A_lowpass_filter_effect_on_the_main_bus_attenuates_above_its_cutoff_and_passes_below()
    {
        const string Region = "<region> sample=s.wav loop_mode=loop_continuous";
        const string Effect = "\n<effect> type=filter filter_type=lpf_2p filter_cutoff=500";
        double above = SteadyRms(Render(Region + Effect, Sine(4000))) / SteadyRms(Render(Region, Sine(4000)));
        double below = SteadyRms(Render(Region + Effect, Sine(100))) / SteadyRms(Render(Region, Sine(100)));

        Assert.InRange(Signals.Db(above), -40, -30); // 2 poles: about 12 dB an octave, three octaves above
        Assert.Equal(0, Signals.Db(below), 0.5);
    }

    [Fact]
    public void A_filter_cutoff_controller_opens_the_filter()
    {
        const string Sfz = "<region> sample=s.wav loop_mode=loop_continuous\n<effect> type=filter filter_cutoff=500 filter_cutoff_oncc20=4800";
        double closed = SteadyRms(Render(Sfz, Sine(4000)));
        double open = SteadyRms(Render(Sfz, Sine(4000), s => s.ControlChange(0, 20, 127)));

        Assert.True(Signals.Db(open / closed) > 20, $"{Signals.Db(open / closed)} dB"); // +4 octaves of cutoff
    }

    [Fact]
    public void Bitred_quantises_the_output_to_steps_of_an_eighth_at_80()
    {
        var output = Render("<region> sample=s.wav loop_mode=loop_continuous\n<effect> type=lofi bitred=80", Sine(440));
        var levels = new HashSet<float>();
        for (int i = Rate / 10; i < Frames; i++)
        {
            float x = output[i];
            Assert.Equal(0, Math.IEEERemainder(x, 0.125), 6); // 4 bits: a step of 2^(1-4)
            levels.Add(x);
        }

        // A sine of peak 0.5 (unity at the centre pan): the steps -0.5..0.5, nine levels.
        Assert.Equal(9, levels.Count);
    }

    [Fact]
    public void Decim_at_50_holds_each_sample_for_two_frames()
    {
        var left = Signals.Channel(Render("<region> sample=s.wav loop_mode=loop_continuous\n<effect> type=lofi decim=50", Sine(440)), 2, 0);
        int changes = Changes(left, Rate / 10, Rate / 5);

        // A new value every second frame: half as many changes as frames (a sine never repeats a sample exactly).
        Assert.InRange(changes, (Rate / 20) - 2, Rate / 20);
        for (int i = Rate / 10; i < Rate / 5; i++)
            Assert.True(left[i] == left[i - 1] || left[i + 1] == left[i], $"frame {i} is not held");
    }

    [Fact]
    public void Fx1tomain_at_0_mutes_the_send_and_directtomain_at_0_leaves_only_the_wet_path()
    {
        const string Region = "<region> sample=s.wav loop_mode=loop_continuous effect1=100";
        double muted = SteadyRms(Render(Region + "\n<effect> bus=fx1 type=eq eq_gain=6 fx1tomain=0 directtomain=0", Sine(1000)));
        double wetOnly = SteadyRms(Render(Region + "\n<effect> bus=fx1 type=eq eq_gain=6 fx1tomain=100 directtomain=0", Sine(1000)));
        double dryOnly = SteadyRms(Render("<region> sample=s.wav loop_mode=loop_continuous effect1=0\n<effect> bus=fx1 type=eq eq_gain=6 fx1tomain=100 directtomain=100", Sine(1000)));
        double both = SteadyRms(Render(Region + "\n<effect> bus=fx1 type=eq eq_gain=6 fx1tomain=100 directtomain=100", Sine(1000)));
        double plain = SteadyRms(Render("<region> sample=s.wav loop_mode=loop_continuous", Sine(1000)));

        Assert.Equal(0, muted);
        Assert.Equal(6, Signals.Db(wetOnly / plain), 0.3);
        Assert.Equal(0, Signals.Db(dryOnly / plain), 0.01);
        // Dry and the in-phase +6 dB band add: 1 + 2 = 3 times the plain level.
        Assert.Equal(Signals.Db(3), Signals.Db(both / plain), 0.3);
    }

    [Fact]
    public void Effect3_and_effect4_feed_fx3_and_fx4()
    {
        const string Effects = "\n<effect> bus=fx3 type=eq eq_gain=0 fx3tomain=100 directtomain=0\n<effect> bus=fx4 type=eq eq_gain=-6 fx4tomix=100";
        double plain = SteadyRms(Render("<region> sample=s.wav loop_mode=loop_continuous", Sine(1000)));
        double fx3 = SteadyRms(Render("<region> sample=s.wav loop_mode=loop_continuous effect3=50" + Effects, Sine(1000)));
        double fx4 = SteadyRms(Render("<region> sample=s.wav loop_mode=loop_continuous effect4=100" + Effects, Sine(1000)));

        Assert.Equal(-6.02, Signals.Db(fx3 / plain), 0.05);
        Assert.Equal(-6.02, Signals.Db(fx4 / plain), 0.3);
    }

    [Fact]
    public void A_reverb_on_fx1_rings_on_after_the_note_and_stops_feeding_nothing_without_the_send()
    {
        var tone = Signals.Sine(440, Rate, 40);
        const string Effect = "\n<effect> bus=fx1 type=fverb reverb_type=mid_hall fx1tomain=100";
        var wet = Render("<region> sample=s.wav loop_mode=one_shot effect1=100" + Effect, tone);
        var dry = Render("<region> sample=s.wav loop_mode=one_shot effect1=0" + Effect, tone);
        int after = tone.FrameCount + (Rate / 20);

        Assert.Equal(0, Signals.Rms(dry, after * 2, Frames * 2));
        Assert.InRange(Signals.Db(Signals.Rms(wet, after * 2, Frames * 2)), -70, -10);
    }

    [Fact]
    public void An_instrument_swap_brings_a_fresh_rack_and_the_old_one_rings_out()
    {
        var tone = Signals.Sine(440, Rate, 40);
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var reverb = SfzLoader.Load(dir.Write("a.sfz", "<region> sample=s.wav loop_mode=one_shot effect1=100\n<effect> bus=fx1 type=fverb fx1tomain=100 directtomain=0"), _ => tone);
        var eq = SfzLoader.Load(dir.Write("b.sfz", "<region> sample=s.wav loop_mode=one_shot\n<effect> type=eq eq_freq=440 eq_gain=6"), _ => tone);
        using var sampler = new Sampler(new SamplerConfig { SampleRate = Rate, MaxBlockFrames = 256 });
        sampler.ControlChange(0, 7, 127);
        sampler.SetInstrument(0, reverb);
        sampler.NoteOn(0, 60, 127);
        var before = Signals.Render(sampler, Rate / 4);
        sampler.SetInstrument(0, eq); // the note is over; its reverb is still ringing
        var after = Signals.Render(sampler, Rate / 10);
        sampler.NoteOn(0, 60, 127);
        var fresh = Signals.Render(sampler, tone.FrameCount + 256);

        Assert.True(Signals.Rms(before, (tone.FrameCount + 500) * 2, before.Length) > 1e-4);
        // The old rack still rings after the swap, without a gap at the block boundary.
        Assert.InRange(Signals.Db(Signals.Rms(after, 0, 2_000) / Signals.Rms(before, before.Length - 2_000, before.Length)), -3, 3);
        // The new note plays through the new instrument's rack (+6 dB at its pitch), over the old rack's decaying tail.
        double plainRms = 0.5 / Math.Sqrt(2);
        Assert.InRange(Signals.Db(Signals.Rms(fresh, 0, tone.FrameCount * 2) / plainRms), 5.5, 7.5);
    }

    [Fact]
    public void A_bypass_controller_turns_the_effect_off_and_on()
    {
        const string Sfz = "<region> sample=s.wav loop_mode=loop_continuous\n<effect> type=eq eq_gain=12 bypass_oncc80=1";
        double plain = SteadyRms(Render("<region> sample=s.wav loop_mode=loop_continuous", Sine(1000)));
        double engaged = SteadyRms(Render(Sfz, Sine(1000), s => s.ControlChange(0, 80, 63)));
        double bypassed = SteadyRms(Render(Sfz, Sine(1000), s => s.ControlChange(0, 80, 64)));

        Assert.Equal(12, Signals.Db(engaged / plain), 0.3);
        Assert.Equal(0, Signals.Db(bypassed / plain), 0.01);
    }

    [Fact]
    public void Controllers_come_from_the_channel_of_the_latest_note()
    {
        const string Sfz = "<region> sample=s.wav loop_mode=loop_continuous\n<effect> type=eq eq_gain=0 eq_gain_oncc21=12";
        double plain = SteadyRms(Render("<region> sample=s.wav loop_mode=loop_continuous", Sine(1000)));
        double otherChannel = SteadyRms(Render(Sfz, Sine(1000), s => s.ControlChange(3, 21, 127)));
        double ownChannel = SteadyRms(Render(Sfz, Sine(1000), s => s.ControlChange(0, 21, 127)));

        Assert.Equal(0, Signals.Db(otherChannel / plain), 0.01);
        Assert.Equal(12, Signals.Db(ownChannel / plain), 0.3);
    }

    [Fact]
    public void A_controller_jump_glides_without_a_click()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var instrument = SfzLoader.Load(dir.Write("fx.sfz", "<region> sample=s.wav loop_mode=loop_continuous\n<effect> type=eq eq_gain=0 eq_gain_oncc21=12"), _ => Sine(1000));
        using var sampler = new Sampler(new SamplerConfig { SampleRate = Rate, MaxBlockFrames = 256 });
        sampler.ControlChange(0, 7, 127);
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, 60, 127);
        var before = Signals.Channel(Signals.Render(sampler, Rate / 5), 2, 0);
        sampler.ControlChange(0, 21, 127, offsetFrames: 100);
        var during = Signals.Channel(Signals.Render(sampler, Rate / 5), 2, 0);

        // The largest sample-to-sample curvature while the gain rises 12 dB is no more than the steady +12 dB tone's:
        // the band glides to its new setting instead of stepping.
        double steady = Signals.MaxSecondDifference(during, during.Length - 4_800, during.Length);
        double transition = Signals.MaxSecondDifference(during, 0, 4_800);
        int at = 0;
        for (int i = 2; i < 4_800; i++)
        {
            if (Math.Abs(during[i] - (2.0 * during[i - 1]) + during[i - 2]) == transition)
                at = i;
        }

        Assert.True(transition <= steady * 1.05, $"{transition} vs {steady} at {at}: {during[at - 2]} {during[at - 1]} {during[at]} {during[at + 1]}");
        Assert.Equal(12, Signals.Db(Signals.Rms(during, during.Length - 4_800, during.Length) / Signals.Rms(before, before.Length - 4_800, before.Length)), 0.5);
    }

    [Fact]
    public void With_effects_off_an_instrument_with_effect_buses_plays_dry()
    {
        const string Region = "<region> sample=s.wav loop_mode=loop_continuous effect1=100";
        var plain = Render("<region> sample=s.wav loop_mode=loop_continuous", Sine(1000), effects: false);
        var bypassed = Render(Region + "\n<effect> bus=fx1 type=fverb fx1tomain=100 directtomain=0", Sine(1000), effects: false);

        Assert.Equal(plain, bypassed);
    }

    [Fact]
    public void Without_effect_headers_effect1_still_feeds_the_built_in_reverb()
    {
        var tone = Signals.Sine(440, Rate, 40);
        var output = Render("<region> sample=s.wav loop_mode=one_shot effect1=100", tone);

        Assert.InRange(Signals.Db(Signals.Rms(output, (tone.FrameCount + (Rate / 20)) * 2, Frames * 2)), -70, -10);
    }

    [Fact]
    public void With_channel_buses_the_rack_output_goes_to_its_channel_bus()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var instrument = SfzLoader.Load(dir.Write("fx.sfz", "<region> sample=s.wav loop_mode=loop_continuous\n<effect> type=eq eq_gain=12"), _ => Sine(1000));
        using var sampler = new Sampler(new SamplerConfig { SampleRate = Rate, ChannelBuses = true, MaxBlockFrames = 256 });
        sampler.ControlChange(2, 7, 127);
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(2, 60, 127);
        const int Block = 256;
        var main = new float[Block * 2];
        var planes = new float[ChannelBusOutputs.Planes * Block];
        double busEnergy = 0, mainEnergy = 0, otherEnergy = 0;
        for (int b = 0; b < 40; b++)
        {
            unsafe
            {
                fixed (float* p = planes)
                {
                    var buses = default(ChannelBusOutputs);
                    for (int c = 0; c < 16; c++)
                        buses.SetChannel(c, p + (c * 2 * Block), p + (((c * 2) + 1) * Block), Block);
                    sampler.ProcessPlanar(main.AsSpan(0, Block), main.AsSpan(Block, Block), Block, default, buses);
                }
            }

            if (b < 20)
                continue;
            for (int i = 0; i < Block; i++)
            {
                busEnergy += planes[(2 * 2 * Block) + i] * planes[(2 * 2 * Block) + i];
                otherEnergy += planes[i] * planes[i];
                mainEnergy += main[i] * main[i];
            }
        }

        Assert.Equal(0, otherEnergy);
        Assert.Equal(1, busEnergy / mainEnergy, 3); // channel 3's bus carries the processed sound the main mix carries
        Assert.True(busEnergy > 0);
    }

    private static Sample Sine(double hz) => Signals.Sine(hz, Rate, (int)Math.Round(hz * 2));

    [Fact]
    public void A_tempo_synced_delay_follows_the_sampler_tempo()
    {
        // Half a beat at 100 BPM is 0.3 s; delay_timel (0.1 s) applies only while CC20 is off.
        var click = new float[64];
        click[0] = 1;
        const string Sfz = "<region> sample=s.wav loop_mode=one_shot\n"
            + "<effect> type=delay delay_timel=0.1 delay_timer=0.1 delay_syncl_oncc20=0.5 delay_syncr_oncc20=0.5 delay_dry=0 delay_wet=100";
        var output = Render(Sfz, Sample.FromInterleaved("click", Rate, 1, click), s =>
        {
            s.TempoBpm = 100;
            s.ControlChange(0, 20, 127);
        });
        var left = Signals.Channel(output, 2, 0);
        int loudest = 0;
        for (int i = 1; i < left.Length; i++)
        {
            if (Math.Abs(left[i]) > Math.Abs(left[loudest]))
                loudest = i;
        }

        Assert.InRange(loudest, (Rate * 3 / 10) - 2, (Rate * 3 / 10) + 2);
        Assert.True(Math.Abs(left[Rate / 10]) < 1e-4, "the unsynced 0.1 s echo must not sound");
    }

    private static float[] Render(string sfz, Sample sample, Action<Sampler>? before = null, bool effects = true)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var instrument = SfzLoader.Load(dir.Write("fx.sfz", sfz), _ => sample);
        Assert.DoesNotContain(instrument.Warnings, w => w.Contains("effect", StringComparison.OrdinalIgnoreCase));
        using var sampler = new Sampler(new SamplerConfig { SampleRate = Rate, MaxBlockFrames = 1024, EffectsEnabled = effects });
        for (int c = 0; c < 16; c++)
            sampler.ControlChange(c, 7, 127);
        sampler.SetInstrument(0, instrument);
        before?.Invoke(sampler);
        sampler.NoteOn(0, 60, 127);
        return Signals.Render(sampler, Frames);
    }

    /// <summary>RMS of the left channel once the filters have settled (the last 300 ms).</summary>
    private static double SteadyRms(float[] interleaved) => Signals.Rms(Signals.Channel(interleaved, 2, 0), Rate / 5, Frames);

    private static int Changes(float[] x, int from, int to)
    {
        int n = 0;
        for (int i = from + 1; i < to; i++)
        {
            if (x[i] != x[i - 1])
                n++;
        }

        return n;
    }
}

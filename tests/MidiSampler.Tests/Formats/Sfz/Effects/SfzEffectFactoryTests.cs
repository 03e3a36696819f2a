using MidiSampler.Dsp.Effects;
using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Formats.Sfz.Effects;

namespace MidiSampler.Tests.Formats.Sfz.Effects;

public sealed class SfzEffectFactoryTests
{
    private const string File = "/instruments/fx.sfz";

    /// <summary>An &lt;effect&gt; header at line 1 with one opcode per following line.</summary>
    private static (SfzEffectOpcodes Opcodes, List<(SfzLocation Where, string Message)> Warnings) Header(params (string Name, string Value)[] opcodes)
    {
        var warnings = new List<(SfzLocation, string)>();
        var list = opcodes.Select((o, i) => new SfzOpcode(o.Name, o.Value, new SfzLocation(File, i + 2, 1))).ToList();
        return (new SfzEffectOpcodes(new SfzLocation(File, 1, 1), list, (where, message) => warnings.Add((where, message))), warnings);
    }

    [Theory]
    [InlineData("delay", typeof(StereoDelay))]
    [InlineData("comp", typeof(Compressor))]
    [InlineData("gate", typeof(NoiseGate))]
    [InlineData("disto", typeof(Distortion))]
    [InlineData("phaser", typeof(Phaser))]
    [InlineData("apan", typeof(AutoPan))]
    [InlineData("static", typeof(StaticNoise))]
    [InlineData("strings", typeof(ResonantStrings))]
    [InlineData("DELAY", typeof(StereoDelay))]
    public void The_type_selects_the_effect(string type, Type expected)
    {
        var (opcodes, warnings) = Header(("type", type));

        var effect = EffectBuilder.Create(SfzEffectFactory.Prepare(opcodes)!, 48_000, 256);

        Assert.IsType(expected, effect);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Delay_opcodes_become_its_settings()
    {
        var (opcodes, warnings) = Header(
            ("type", "delay"), ("delay_mode", "ping"), ("delay_timel", "0.3"), ("delay_timel_oncc20", "0.2"),
            ("delay_feedback", "40"), ("delay_filter", "lpf_2p"), ("delay_cutoff", "800"), ("delay_panc", "25"),
            ("delay_levelc", "50"), ("delay_syncr_oncc64", "1.5"), ("delay_time_tap", "21"), ("delay_wet_cc11", "-30"));

        var s = SfzDelayEffectFactory.Settings(opcodes);

        Assert.Equal(DelayMode.PingPong, s.Mode);
        Assert.Equal(0.3, s.TimeLeftSeconds.BaseValue);
        Assert.Equal([20], s.TimeLeftSeconds.Controllers);
        Assert.Equal(0.5, s.TimeLeftSeconds.Highest, 9);
        Assert.Equal(40, s.FeedbackPercent.BaseValue);
        Assert.Equal(EffectFilterType.Lowpass2Pole, s.Filter);
        Assert.Equal(800, s.CutoffHz.BaseValue);
        Assert.Equal(25, s.PanCentrePercent.BaseValue);
        Assert.Equal(50, s.LevelCentrePercent);
        Assert.Equal([(64, 1.5)], s.SyncRight);
        Assert.Equal(21, s.TapController);
        Assert.Equal(70, s.WetPercent.Lowest, 9);
        Assert.Empty(warnings);
        Assert.Empty(opcodes.Unused());
    }

    [Fact]
    public void An_out_of_range_value_is_clamped_with_a_warning_naming_file_and_line()
    {
        var (opcodes, warnings) = Header(("type", "delay"), ("delay_timel", "0.1"), ("delay_feedback", "150"), ("delay_timer", "fast"));

        var s = SfzDelayEffectFactory.Settings(opcodes);

        Assert.Equal(100, s.FeedbackPercent.BaseValue);
        Assert.Equal(0.25, s.TimeRightSeconds.BaseValue); // not a number: the default
        var clamp = Assert.Single(warnings, w => w.Message.Contains("delay_feedback=150", StringComparison.Ordinal));
        Assert.Equal(new SfzLocation(File, 4, 1), clamp.Where);
        Assert.Contains("0..100", clamp.Message, StringComparison.Ordinal);
        Assert.Equal(5, Assert.Single(warnings, w => w.Message.Contains("delay_timer=fast", StringComparison.Ordinal)).Where.Line);
    }

    [Fact]
    public void Unknown_mode_filter_and_switch_words_warn_and_fall_back()
    {
        var (delay, delayWarnings) = Header(("type", "delay"), ("delay_mode", "wobble"), ("delay_filter", "lpf_9p"));
        var (comp, compWarnings) = Header(("type", "comp"), ("comp_stlink", "maybe"));

        var d = SfzDelayEffectFactory.Settings(delay);
        var c = SfzCompEffectFactory.Settings(comp);

        Assert.Equal(DelayMode.Stereo, d.Mode);
        Assert.Equal(EffectFilterType.None, d.Filter);
        Assert.Equal(2, delayWarnings.Count);
        Assert.Contains("delay_mode=wobble", delayWarnings[0].Message, StringComparison.Ordinal);
        Assert.False(c.StereoLink);
        Assert.Contains("comp_stlink=maybe", Assert.Single(compWarnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comp_and_gate_opcodes_become_their_settings()
    {
        var (comp, _) = Header(("type", "comp"), ("comp_attack", "0.01"), ("comp_release", "0.2"), ("comp_ratio", "4"),
            ("comp_threshold", "-24"), ("comp_gain", "6"), ("comp_stlink", "on"));
        var (gate, _) = Header(("type", "gate"), ("gate_attack", "0.002"), ("gate_release", "0.3"), ("gate_threshold", "-50"),
            ("gate_stlink", "on"), ("gate_oncc64", "100"));

        Assert.Equal(new CompressorSettings { AttackSeconds = 0.01, ReleaseSeconds = 0.2, Ratio = 4, ThresholdDb = -24, GainDb = 6, StereoLink = true },
            SfzCompEffectFactory.Settings(comp));
        var g = SfzGateEffectFactory.Settings(gate);
        Assert.Equal((0.002, 0.3, -50.0, true), (g.AttackSeconds, g.ReleaseSeconds, g.ThresholdDb, g.StereoLink));
        Assert.Equal([64], g.ManualPercent.Controllers);
        Assert.Equal(100, g.ManualPercent.Highest);
    }

    [Fact]
    public void Disto_phaser_and_apan_opcodes_become_their_settings()
    {
        var (disto, _) = Header(("type", "disto"), ("disto_depth", "70"), ("disto_tone", "30"), ("disto_stages", "3"),
            ("disto_wet", "80"), ("disto_dry", "20"), ("disto_depth_oncc1", "30"));
        var (phaser, _) = Header(("type", "phaser"), ("phaser_depth", "80"), ("phaser_feedback", "30"), ("phaser_freq", "2"),
            ("phaser_stages", "6"), ("phaser_waveform", "0"), ("phaser_wet", "60"), ("phaser_phase_oncc10", "100"));
        var (apan, _) = Header(("type", "apan"), ("apan_depth", "90"), ("apan_dry", "10"), ("apan_freq", "4"),
            ("apan_phase", "90"), ("apan_waveform", "1"), ("apan_wet", "90"), ("apan_freq_oncc2", "4"));

        var d = SfzDistoEffectFactory.Settings(disto);
        Assert.Equal((70.0, 30.0, 3, 80.0, 20.0, 100.0), (d.DepthPercent.BaseValue, d.TonePercent.BaseValue, d.Stages, d.WetPercent.BaseValue, d.DryPercent.BaseValue, d.DepthPercent.Highest));
        var p = SfzPhaserEffectFactory.Settings(phaser);
        Assert.Equal((80.0, 30.0, 2.0, 6, 0, 60.0), (p.DepthPercent.BaseValue, p.FeedbackPercent.BaseValue, p.FrequencyHz.BaseValue, p.Stages, p.Waveform, p.WetPercent.BaseValue));
        Assert.Equal([10], p.StereoPhasePercent.Controllers);
        var a = SfzApanEffectFactory.Settings(apan);
        Assert.Equal((90.0, 10.0, 4.0, 90.0, 1, 90.0, 8.0), (a.DepthPercent.BaseValue, a.DryPercent.BaseValue, a.FrequencyHz.BaseValue, a.PhaseDegrees.BaseValue, a.Waveform, a.WetPercent.BaseValue, a.FrequencyHz.Highest));
    }

    [Fact]
    public void Static_and_strings_opcodes_become_their_settings()
    {
        var (stat, statWarnings) = Header(("type", "static"), ("static_level", "30"), ("static_level_oncc7", "20"), ("static_filter", "hpf_2p"),
            ("static_tone", "40"), ("static_stereo", "off"), ("static_cyclic_level", "50"), ("static_cyclic_time", "1.2"),
            ("static_random_level", "25"), ("static_random_mintime", "0.3"), ("static_random_maxtime", "0.1"));
        var (strings, _) = Header(("type", "strings"), ("strings_number", "24"), ("strings_wet_oncc11", "60"));

        var s = SfzStaticEffectFactory.Settings(stat);
        Assert.Equal((30.0, 50.0, EffectFilterType.Highpass2Pole, 40.0, false), (s.LevelPercent.BaseValue, s.LevelPercent.Highest, s.Filter, s.TonePercent, s.Stereo));
        Assert.Equal((50.0, 1.2, 25.0, 0.3, 0.3), (s.CyclicLevelPercent, s.CyclicTimeSeconds, s.RandomLevelPercent, s.RandomMinTimeSeconds, s.RandomMaxTimeSeconds));
        Assert.Contains("static_random_maxtime", Assert.Single(statWarnings).Message, StringComparison.Ordinal);
        var t = SfzStringsEffectFactory.Settings(strings);
        Assert.Equal(24, t.Count);
        Assert.Equal((0.0, 60.0), (t.WetPercent.BaseValue, t.WetPercent.Highest));
        Assert.Equal([11], t.WetPercent.Controllers);
    }

    [Fact]
    public void Every_effect_opcode_is_read_by_its_factory_listed_as_implemented_and_known_to_the_database()
    {
        foreach (var (type, names) in SfzEffectOpcodeNames.ByType)
        {
            var ops = new List<(string, string)> { ("type", type) };
            foreach (string name in names)
            {
                string value = name switch
                {
                    "delay_mode" => "cross",
                    "delay_filter" => "hpf_1p",
                    "static_filter" => "bpf_2p",
                    "static_stereo" => "off",
                    "comp_stlink" or "gate_stlink" => "on",
                    "delay_cutoff" => "1000",
                    "comp_threshold" or "gate_threshold" => "-20",
                    _ => "1",
                };
                ops.Add((name.Replace("N", "1", StringComparison.Ordinal), value));
            }

            var (opcodes, warnings) = Header([.. ops]);
            var effect = EffectBuilder.Create(SfzEffectFactory.Prepare(opcodes)!, 48_000, 256);

            Assert.NotNull(effect);
            Assert.Empty(warnings);
            Assert.Empty(opcodes.Unused());
        }

        Assert.All(SfzEffectOpcodeNames.All, name =>
        {
            Assert.Contains(name, SfzOpcodeCatalog.ImplementedInEffect);
            Assert.Equal("SFZ v2", SfzOpcodeCatalog.SpecVersion(name.Replace("N", "1", StringComparison.Ordinal)));
        });
    }
}

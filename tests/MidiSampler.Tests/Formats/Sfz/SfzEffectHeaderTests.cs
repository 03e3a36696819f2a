using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Dsp.Effects;
using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>
/// &lt;effect&gt; headers in the SFZ loader: which opcodes are read, what is reported (with file and line) and what is
/// clamped; hostile headers never throw and always build a rack that plays finite sound.
/// </summary>
public sealed class SfzEffectHeaderTests : IDisposable
{
    private readonly TempSfzDirectory _dir = new();

    public SfzEffectHeaderTests() => _dir.Touch("s.wav");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Effect_headers_become_definitions_on_their_bus_with_the_bus_levels()
    {
        var inst = _dir.Load("""
            <region> sample=s.wav effect1=30 effect3=20 effect4=10
            <effect> type=eq eq_freq=800 eq_gain=3 directtomain=80
            <effect> bus=fx1 type=fverb reverb_size=40 fx1tomain=50 fx2tomix=25 bypass_oncc80=1
            <effect> bus=FX3 type=lofi bitred=20
            <region> sample=s.wav
            """);

        Assert.Empty(inst.Warnings);
        Assert.Equal(2, inst.Regions.Count); // the region after an <effect> is not swallowed by it
        Assert.Equal((30.0, 20.0, 10.0), (inst.Regions[0].Effect1Percent, inst.Regions[0].Effect3Percent, inst.Regions[0].Effect4Percent));
        var fx = Assert.IsType<InstrumentEffects>(inst.Effects);
        Assert.Equal([(EffectBus.Main, "eq"), (EffectBus.Fx1, "fverb"), (EffectBus.Fx3, "lofi")], fx.Effects.Select(e => (e.Bus, e.Type)));
        Assert.Equal(80, fx.DirectToMainPercent);
        Assert.Equal([50.0, 0, 0, 0], fx.FxToMainPercent);
        Assert.Equal([0, 25.0, 0, 0], fx.FxToMixPercent);
        Assert.Equal([new EffectBypass(80, 1)], fx.Effects[1].Bypass);
        Assert.EndsWith(":3:1", fx.Effects[1].Location, StringComparison.Ordinal);
        Assert.Equal([typeof(EqSettings), typeof(ReverbSettings), typeof(LofiSettings)], fx.Effects.Select(e => e.Settings.GetType()));
        Assert.IsType<EqEffect>(EffectBuilder.Create(fx.Effects[0].Settings, 44_100, 128));
    }

    [Fact]
    public void Without_effect_headers_the_instrument_has_no_effect_buses()
    {
        var inst = _dir.Load("<region> sample=s.wav effect1=50");

        Assert.Null(inst.Effects);
    }

    [Fact]
    public void Unknown_opcodes_in_an_effect_are_reported_once_with_their_line_and_the_effect_is_kept()
    {
        var inst = _dir.Load("<region> sample=s.wav\n<effect> type=eq\n eq_gain=3 eq_colour=warm\n<effect> type=eq eq_colour=cold");

        var warning = Assert.Single(inst.Warnings);
        Assert.Contains(":3:", warning, StringComparison.Ordinal);
        Assert.Contains("eq_colour", warning, StringComparison.Ordinal);
        Assert.Equal(2, inst.Effects!.Effects.Count);
    }

    [Fact]
    public void Out_of_range_values_are_clamped_with_a_warning_naming_the_line()
    {
        var inst = _dir.Load("<region> sample=s.wav\n<effect> type=eq eq_gain=100\n fx1tomain=150 directtomain=abc");

        Assert.Contains(inst.Warnings, w => w.Contains(":2:", StringComparison.Ordinal) && w.Contains("eq_gain=100", StringComparison.Ordinal) && w.Contains("using 24", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains(":3:", StringComparison.Ordinal) && w.Contains("fx1tomain=150", StringComparison.Ordinal) && w.Contains("using 100", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains("directtomain=abc", StringComparison.Ordinal) && w.Contains("not a number", StringComparison.Ordinal));
        Assert.Equal(100, inst.Effects!.FxToMainPercent[0]);
        Assert.Equal(100, inst.Effects.DirectToMainPercent); // the bad value kept the default
    }

    [Theory]
    [InlineData("<effect> bus=aux2 type=eq", "bus=aux2 is not supported")]
    [InlineData("<effect> type=mverb", "type 'mverb' is not supported")]
    [InlineData("<effect> eq_gain=3", "has no 'type'")]
    [InlineData("<effect> type=eq eq_type=notch", "eq_type=notch")]
    [InlineData("<effect> type=filter filter_type=warm", "filter_type=warm")]
    [InlineData("<effect> type=fverb reverb_type=cathedral", "reverb_type=cathedral")]
    public void Unsupported_buses_types_and_values_are_reported(string header, string expected)
    {
        var inst = _dir.Load("<region> sample=s.wav\n" + header);

        Assert.Contains(inst.Warnings, w => w.Contains(expected, StringComparison.Ordinal) && w.Contains(":2:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_header_with_only_bus_levels_is_not_reported()
    {
        var inst = _dir.Load("<region> sample=s.wav effect2=100\n<effect> fx2tomain=40\n<effect> bus=fx2 type=eq eq_gain=2");

        Assert.Empty(inst.Warnings);
        Assert.Equal(40, inst.Effects!.FxToMainPercent[1]);
        Assert.Single(inst.Effects.Effects);
    }

    [Fact]
    public void Dsp_order_and_internal_are_read_and_reported_as_without_effect()
    {
        var inst = _dir.Load("<region> sample=s.wav\n<effect> type=eq dsp_order=3 internal=on");

        Assert.Contains(inst.Warnings, w => w.Contains("'dsp_order' is read but has no effect", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains("'internal' is read but has no effect", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_opcode_listed_as_implemented_in_effect_is_read_without_a_warning()
    {
        var text = new System.Text.StringBuilder("<region> sample=s.wav\n");
        foreach (string opcode in SfzOpcodeCatalog.ImplementedInEffect)
        {
            if (opcode is "type")
                continue;
            string name = opcode.Replace("N", "1", StringComparison.Ordinal);
            // The effect type an opcode belongs to is its prefix (eq_, filter_, reverb_ → fverb); lofi's have none.
            string prefix = name.Split('_')[0];
            string type = prefix switch
            {
                "bitred" or "decim" => "lofi",
                "reverb" => "fverb",
                "tdfir" => "tdfir",
                "eq" or "filter" or "delay" or "phaser" or "disto" or "comp" or "gate" or "apan" or "static" or "strings" => prefix,
                _ => "eq",
            };
            string value = name switch
            {
                "bus" => "fx2",
                "eq_type" => "hshelf",
                "filter_type" => "hpf_2p",
                "reverb_type" => "small_room",
                "delay_mode" => "cross",
                "delay_filter" => "hpf_1p",
                "static_filter" => "bpf_2p",
                "static_stereo" => "off",
                "comp_stlink" or "gate_stlink" => "on",
                "delay_cutoff" => "1000",
                "comp_threshold" or "gate_threshold" => "-20",
                "tdfir_impulse" => "ir.wav",
                _ => "1",
            };
            text.Append("<effect> type=").Append(type).Append(' ').Append(name).Append('=').Append(value);
            if (type == "tdfir" && name != "tdfir_impulse")
                text.Append(" tdfir_impulse=ir.wav"); // a tdfir header needs its impulse file
            text.Append('\n');
        }

        File.WriteAllBytes(Path.Combine(_dir.Root, "ir.wav"), MidiSampler.Tests.Formats.Wav.WavBytes.Riff(
            MidiSampler.Tests.Formats.Wav.WavBytes.Chunk("fmt ", MidiSampler.Tests.Formats.Wav.WavBytes.Fmt(3, 1, 48_000, 32)),
            MidiSampler.Tests.Formats.Wav.WavBytes.Chunk("data", MidiSampler.Tests.Formats.Wav.WavBytes.Float32(1, 0.5f))));
        var inst = _dir.Load(text.ToString());

        Assert.True(inst.Warnings.Count == 0, string.Join("\n", inst.Warnings));
        Assert.Equal(SfzOpcodeCatalog.ImplementedInEffect.Length - 1, inst.Effects!.Effects.Count);
        Assert.All(SfzOpcodeCatalog.ImplementedInEffect, o => Assert.NotNull(SfzOpcodeCatalog.SpecVersion(o.Replace('N', '1'))));
    }

    private static readonly string[] EffectOpcodes =
    [
        "type=eq", "type=filter", "type=lofi", "type=fverb", "type=reverb", "type=delay", "type=", "bus=fx1", "bus=fx4", "bus=main", "bus=aux1",
        "eq_freq=", "eq_bw=", "eq_gain=", "eq_type=lshelf", "eq_gain_oncc1=", "filter_cutoff=", "filter_resonance=", "filter_type=hpf_4p",
        "filter_cutoff_oncc2=", "bitred=", "decim=", "decim_oncc3=", "reverb_size=", "reverb_predelay=", "reverb_tone=", "reverb_wet_oncc4=",
        "reverb_dry=", "fx1tomain=", "fx3tomix=", "directtomain=", "bypass_oncc5=", "bypass_cc200=", "junk=", "fx9tomain=",
    ];

    private static readonly string[] Values = ["0", "1", "-1", "50", "100", "1e9", "-1e9", "nan", "abc", "0.0001", "20000", "", "127"];

    [Fact]
    public void Hostile_effect_headers_never_throw_and_their_racks_play_finite_sound() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(
            (from count in Gen.Choose(1, 8)
             from picks in Gen.ArrayOf(Gen.Elements(EffectOpcodes), count)
             from values in Gen.ArrayOf(Gen.Elements(Values), count)
             select string.Join(' ', picks.Select((p, i) => p.EndsWith('=') ? p + values[i] : p))).ToArbitrary(),
            header =>
            {
                var inst = _dir.Load("<region> sample=s.wav loop_mode=loop_continuous effect1=100 effect4=50\n<effect> " + header + "\n<effect> " + header, "random.sfz");
                var sample = Sample.FromInterleaved("noise", 48_000, 1, Enumerable.Range(0, 4800).Select(i => (float)Math.Sin(i * 0.3)).ToArray(), new SampleMetadata(null, 0, 0, 4799));
                var playable = new Instrument("p", [inst.Regions[0] with { Sample = sample, LoopEnd = 4799 }]) { Effects = inst.Effects };
                using var sampler = new Sampler(new SamplerConfig { MaxBlockFrames = 128 });
                sampler.SetInstrument(0, playable);
                sampler.ControlChange(0, 1, 127);
                sampler.ControlChange(0, 5, 100);
                sampler.NoteOn(0, 60, 100);
                var buffer = new float[256];
                for (int b = 0; b < 40; b++)
                {
                    sampler.Process(buffer, 128);
                    if (!buffer.All(float.IsFinite))
                        return false;
                }

                return true;
            }));
}

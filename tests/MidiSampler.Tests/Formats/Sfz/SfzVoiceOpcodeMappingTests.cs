using MidiSampler.Model;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>The SFZ v2 voice opcodes from text to the model, and their bad values warned with file:line.</summary>
public class SfzVoiceOpcodeMappingTests
{
    [Fact]
    public void The_voice_opcodes_map_to_the_region()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var r = Assert.Single(dir.Load("""
            <group> sostenuto_sw=off delay_beats=0.5 stop_beats=4 bend_smooth=30 sample_fadeout=0.25 loop_crossfade=0.01 lotimer=0.1 hitimer=2
            <region> sample=s.wav stop_locc7=100 stop_hicc7=120 stop_hicc9=10 reverse_locc20=64 looptype=backward
            """).Regions);
        var o = r.VoiceOptions;
        Assert.False(o.SostenutoSwitch);
        Assert.Equal((0.5, 4.0, 30.0, 0.25, 0.01), (o.DelayBeats, o.StopBeats, o.BendSmoothMs, o.SampleFadeoutSeconds, o.LoopCrossfadeSeconds));
        Assert.Equal([new CcRange(7, 100, 120), new CcRange(9, 0, 10)], o.StopCcRanges);
        Assert.Equal((0.1, 2.0), (o.LoTimerSeconds, o.HiTimerSeconds));
        Assert.Equal([new CcRange(20, 64, 127)], o.ReverseCcRanges);
        Assert.Equal(LoopDirection.Backward, o.LoopDirection);
        Assert.NotNull(o.ReversedSample); // the loader's shared reversed copy
        Assert.Equal(r.Sample.FrameCount, o.ReversedSample.FrameCount);
    }

    [Fact]
    public void Lfo_and_eg_extras_map_by_their_numbers()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var r = Assert.Single(dir.Load("""
            <region> sample=s.wav
            lfo3_freq=2 lfo3_steps=3 lfo3_step1=50 lfo3_step3=-100 lfo3_count=4 lfo3_smooth=20
            lfo5_freq=0.5 lfo5_freq_lfo3=1.5 lfo5_depth_lfo3=40 lfo5_depthadd_lfo3=-20
            eg2_time1=0.1 eg2_level1=1 eg2_loop=1 eg2_loop_count=3 eg2_freq_lfo5=2 eg2_depthadd_lfo3=10
            lfo3_resonance=6 lfo3_width=-50 eg2_resonance=-3 eg2_width=150
            eq2_freq=800 lfo3_eq2gain=6 lfo3_eq2freq=100 eg2_eq2bw=0.5
            """).Regions);
        Assert.Equal(2, r.FlexLfos.Count);
        var lfo3 = r.FlexLfos[0];
        Assert.Equal((3, 4, 20.0, 6.0, -50.0), (lfo3.Number, lfo3.Count, lfo3.SmoothMs, lfo3.ResonanceDb, lfo3.WidthPercent));
        Assert.Equal([50.0, 0, -100], lfo3.Steps);
        var lfo5 = r.FlexLfos[1];
        Assert.Equal(5, lfo5.Number);
        Assert.Equal(
            [new LfoModulation(3, LfoModulationKind.FrequencyHz, 1.5), new LfoModulation(3, LfoModulationKind.Depth, 40), new LfoModulation(3, LfoModulationKind.DepthAdd, -20)],
            lfo5.LfoModulations);
        Assert.Equal([new EqModulation(2, 100, 0, 6)], lfo3.EqModulations);
        var band = Assert.Single(r.EqBands); // kept at 0 dB: LFO 3 and EG 2 move it
        Assert.Equal((2, 800.0, 0.0), (band.Number, band.FrequencyHz, band.GainDb));
        var eg2 = Assert.Single(r.FlexEnvelopes);
        Assert.Equal([new EqModulation(2, 0, 0.5, 0)], eg2.EqModulations);
        Assert.Equal((2, 1, 3, -3.0, 150.0), (eg2.Number, eg2.LoopPoint, eg2.LoopCount, eg2.ResonanceDb, eg2.WidthPercent));
        Assert.Equal([new LfoModulation(5, LfoModulationKind.FrequencyHz, 2), new LfoModulation(3, LfoModulationKind.DepthAdd, 10)], eg2.LfoModulations);
    }

    [Fact]
    public void Eg_curves_resolve_after_the_file_and_undefined_ones_warn()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var inst = dir.Load("""
            <region> sample=s.wav eg1_time1=0.1 eg1_level1=1 eg1_curve1=7 eg1_curve2=4 eg1_curve3=99
            <curve> curve_index=7 v000=0 v064=0.1 v127=1
            """);
        var eg = Assert.Single(Assert.Single(inst.Regions).FlexEnvelopes);
        Assert.Equal([null, 7, 4, 99], eg.CurveIndices);
        Assert.Null(eg.Curves[0]);
        Assert.Equal(0.1f, eg.Curves[1]![64], 5);   // the <curve> given after its user
        Assert.InRange(eg.Curves[2]![64], 0.25f, 0.26f); // predefined curve 4: x², (64/127)²
        Assert.Null(eg.Curves[3]);
        Assert.Contains(inst.Warnings, w => w.Contains("test.sfz:1:76: curve 99 is not defined", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_values_are_clamped_or_ignored_with_the_file_and_line()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var inst = dir.Load("""
            <region> sample=s.wav
            bend_smooth=-5 stop_beats=2000
            sostenuto_sw=maybe stop_locc200=1
            lfo1_steps=2 lfo1_step3=10 lfo1_step1=300
            eg1_loop=99 lfo1_freq_lfo2=500 lfo1_depth_lfo40=10 loop_crossfade=x
            lfo1_eq4gain=3 eg1_eq1freq=99999
            """);
        var r = Assert.Single(inst.Regions);
        Assert.Equal((0.0, 1000.0), (r.VoiceOptions.BendSmoothMs, r.VoiceOptions.StopBeats));
        Assert.True(r.VoiceOptions.SostenutoSwitch);
        Assert.Empty(r.VoiceOptions.StopCcRanges);
        Assert.Equal([100.0, 0], r.FlexLfos[0].Steps);
        Assert.Equal(new LfoModulation(2, LfoModulationKind.FrequencyHz, 100), Assert.Single(r.FlexLfos[0].LfoModulations));
        string[] expected =
        [
            "test.sfz:2:1: bend_smooth=-5 is outside 0..10000; clamped to 0", "test.sfz:2:16: stop_beats=2000 is outside 0..1000",
            "test.sfz:3:1: sostenuto_sw=maybe is not on or off", "test.sfz:3:20: stop_locc200=1 names a controller outside 0..127",
            "test.sfz:4:14: lfo1_step3=10 names a step outside 1..2 (lfo1_steps)", "test.sfz:4:28: lfo1_step1=300 is outside -100..100",
            "test.sfz:5:1: eg1_loop=99 is outside 0..15", "test.sfz:5:13: lfo1_freq_lfo2=500 is outside -100..100",
            "test.sfz:5:32: lfo1_depth_lfo40=10 names an LFO outside 1..32", "test.sfz:6:1: lfo1_eq4gain=3 names an equaliser band outside 1..3",
            "test.sfz:6:16: eg1_eq1freq=99999 is outside -30000..30000", "test.sfz:5:52: loop_crossfade=x is not a number",
        ];
        var missing = expected.Where(e => !inst.Warnings.Any(w => w.Contains(e, StringComparison.Ordinal))).ToArray();
        Assert.True(missing.Length == 0, "missing: " + string.Join(" | ", missing) + "\nwarnings:\n" + string.Join("\n", inst.Warnings));
    }
}

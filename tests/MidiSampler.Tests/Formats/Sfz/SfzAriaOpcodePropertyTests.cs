using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>
/// Random ARIA modulation, pedal and LFO-controller opcodes with hostile values: the loader never throws, keeps every
/// value in range, and the sampler plays the result to finite output whatever the controllers do (levels may be high:
/// routes add up to +48 dB each, as sfizz allows).
/// </summary>
public sealed class SfzAriaOpcodePropertyTests : IDisposable
{
    private static readonly string[] Names =
    [
        "amplitude_oncc", "volume_oncc", "pitch_oncc", "cutoff_oncc", "offset_oncc", "delay_oncc", "pan_oncc", "width_oncc",
        "position_oncc", "amp_veltrack_oncc", "amp_veltrack_curvecc", "ampeg_attack_oncc", "ampeg_release_oncc", "ampeg_sustain_oncc",
        "ampeg_attack_curvecc", "ampeg_sustain_curvecc", "pitcheg_depth_oncc", "fileg_depth_oncc", "lfo1_pitch_oncc", "lfo2_freq_oncc",
        "lfo1_volume_oncc", "lfo3_pan_oncc", "lfo1_delay_oncc", "lfo2_phase_oncc", "resonance_oncc", "resonance_curvecc", "lfo0_pitch_oncc", "lfo99_cutoff_oncc", "locc", "on_locc", "amplitude_curvecc",
    ];

    private static readonly string[] Singles = ["sustain_cc", "sustain_lo", "sostenuto_cc", "sostenuto_lo", "ampeg_dynamic", "lfo1_freq", "cutoff"];

    private static readonly string[] Values = ["0", "1", "-1", "64", "127", "128", "200", "0.5", "-9999", "1e30", "NaN", "x", "", "100"];

    private static readonly int[] Controllers = [0, 1, 64, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 140, 141, 142, 999];

    private readonly TempSfzDirectory _dir = new();

    public SfzAriaOpcodePropertyTests() => _dir.Touch("s.wav");

    public void Dispose() => _dir.Dispose();

    private static Gen<string> Opcode =>
        Gen.OneOf(
            from name in Gen.Elements(Names)
            from controller in Gen.Elements(Controllers)
            from value in Gen.Elements(Values)
            select $"{name}{controller}={value}",
            from name in Gen.Elements(Singles)
            from value in Gen.Elements(Values)
            select $"{name}={value}");

    [Fact]
    public void Random_aria_opcodes_load_in_range_and_play_to_finite_output()
    {
        var sample = Signals.Sine(440, 48_000, 20);
        var text = from opcodes in Opcode.ListOf() select "<curve> curve_index=5 v000=0 v127=1\n<region> sample=s.wav loop_mode=loop_continuous " + string.Join(' ', opcodes);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(text.ToArbitrary(), sfz =>
        {
            var instrument = SfzLoader.Load(_dir.Write("p.sfz", sfz), _ => sample);
            foreach (var r in instrument.Regions)
            {
                var o = r.VoiceOptions;
                Assert.InRange(o.SustainController, 0, 127);
                Assert.InRange(o.SostenutoController, 0, 127);
                Assert.True(double.IsNaN(o.SustainLow) || o.SustainLow is >= 0 and <= 127);
                Assert.True(double.IsNaN(o.SostenutoLow) || o.SostenutoLow is >= 0 and <= 127);
                Assert.All(r.CcModulations, m => Assert.True(m.Controller <= 141 && double.IsFinite(m.Amount)));
                Assert.All(r.FlexLfos.SelectMany(l => l.CcDepths), c => Assert.True(c.Controller <= 141 && double.IsFinite(c.Amount)));
            }

            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, instrument);
            sampler.ControlChange(0, 1, 127);
            sampler.NoteOn(0, 60, 100);
            sampler.NoteOn(0, 64, 30);
            sampler.SendMidi([0xD0, 90]);
            sampler.PitchBend(0, 16383);
            var out1 = Signals.Render(sampler, 512);
            sampler.ControlChange(0, 64, 127);
            sampler.ControlChange(0, 1, 0);
            sampler.NoteOff(0, 60);
            sampler.ControlChange(0, 64, 0);
            var out2 = Signals.Render(sampler, 512);
            Assert.All(out1.Concat(out2), x => Assert.True(float.IsFinite(x) && Math.Abs(x) < 1e6f));
        }));
    }
}

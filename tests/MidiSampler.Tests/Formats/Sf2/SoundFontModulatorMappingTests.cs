using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Dsp;
using MidiSampler.Formats.Sf2;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Formats.Sf2.SoundFontGeneratorType;
using static MidiSampler.Tests.Formats.Sf2.Sf2Builder;

namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>
/// SF2 modulators (spec sections 8.2-8.4, 9.5) become engine routes: sources with their flags, amount sources,
/// transforms, the zone rules (local replaces global, preset adds to instrument) and the default modulators.
/// </summary>
public class SoundFontModulatorMappingTests
{
    private static readonly ModulatorSource ModWheel = new(ModulatorSourceKind.Controller, 1);

    [Fact]
    public void A_controller_modulator_keeps_its_curve_amount_source_and_transform()
    {
        // CC74, negative, bipolar, concave (0x07CA) × CC2 (linear, 0x0082) → cutoff 1200 cents, absolute value.
        var r = Region(new SoundFontModulator(0x07CA, (ushort)InitialFilterFc, 1200, 0x0082, 2));
        var route = Assert.Single(r.ModulatorRoutes, x => x.Destination == ModulatorDestination.CutoffCents && x.Primary.Kind != ModulatorSourceKind.SoundFontNrpn);
        Assert.Equal(new ModulatorRoute(ModulatorDestination.CutoffCents, 1200,
            new ModulatorSource(ModulatorSourceKind.Controller, 74, ModulatorCurveShape.Concave, Negative: true, Bipolar: true),
            new ModulatorSource(ModulatorSourceKind.Controller, 2), Absolute: true), route);
        // A modulator can lower the default cutoff: the region gets FluidSynth's Butterworth at 13 500 cents.
        Assert.Equal(FilterType.Lowpass2Pole, r.FilterType);
        Assert.Equal(8.176 * Math.Pow(2, 13500 / 1200.0), r.CutoffHz, 6);
    }

    [Fact]
    public void Local_zones_replace_global_ones_and_preset_modulators_add()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", new short[40], 0, 0);
        int i = b.AddInstrument("i",
            new Zone([Gen(Pan, 0)], [new SoundFontModulator(0x0082, (ushort)InitialAttenuation, 100, 0, 0)]), // global
            new Zone([SampleId(s)], [new SoundFontModulator(0x0082, (ushort)InitialAttenuation, 200, 0, 0)]));
        b.AddPreset("p", 0, 0, new Zone([Instrument(i)],
            [new SoundFontModulator(0x0082, (ushort)InitialAttenuation, 50, 0, 0), new SoundFontModulator(0x0283, (ushort)Pan, 250, 0, 0)]));
        var r = Assert.Single(Load(b).Regions);
        var cc2 = new ModulatorSource(ModulatorSourceKind.Controller, 2);
        Assert.Single(r.ModulatorRoutes, x => x.Primary == cc2);
        Assert.Contains(new ModulatorRoute(ModulatorDestination.VolumeDb, -25, cc2), r.ModulatorRoutes); // (200 + 50) cB
        Assert.Contains(new ModulatorRoute(ModulatorDestination.PanPercent, 50, new ModulatorSource(ModulatorSourceKind.Controller, 3, Bipolar: true)), r.ModulatorRoutes);
    }

    [Fact]
    public void Default_vibrato_modulators_are_on_and_a_file_can_turn_one_off()
    {
        var on = Region();
        Assert.Equal(Lfo.None, on.PitchLfo);
        var vibrato = Assert.Single(on.FlexLfos);
        Assert.Equal((0.0, 8.176, 0.0), (vibrato.PitchCents, vibrato.FrequencyHz, vibrato.DelaySeconds)); // no depth of its own
        Assert.Contains(new ModulatorRoute(ModulatorDestination.LfoPitchCents, 50, ModWheel), on.ModulatorRoutes);
        Assert.Contains(new ModulatorRoute(ModulatorDestination.LfoPitchCents, 50, new ModulatorSource(ModulatorSourceKind.ChannelPressure)), on.ModulatorRoutes);

        // An identical modulator with amount 0 replaces the default (section 9.5.1): no mod wheel route.
        var off = Region(new SoundFontModulator(0x0081, (ushort)VibLfoToPitch, 0, 0, 0));
        Assert.DoesNotContain(off.ModulatorRoutes, x => x.Primary == ModWheel);
        Assert.Equal(3, FileRoutes(off)); // channel pressure, CC10 and the pitch wheel
    }

    [Fact]
    public void The_pitch_wheel_and_cc10_defaults_are_routes_a_file_can_remove_or_replace()
    {
        var wheel = new ModulatorSource(ModulatorSourceKind.PitchWheel, Bipolar: true);
        var sensitivity = new ModulatorSource(ModulatorSourceKind.PitchWheelSensitivity);
        var cc10 = new ModulatorSource(ModulatorSourceKind.Controller, 10, Bipolar: true);
        var on = Region();
        Assert.True(on.SoundFontRules); // the channel's bend and balance stay off SF2 voices
        Assert.Contains(new ModulatorRoute(ModulatorDestination.PitchCents, 12700, wheel, sensitivity), on.ModulatorRoutes);
        Assert.Contains(new ModulatorRoute(ModulatorDestination.PanPercent, 100, cc10), on.ModulatorRoutes); // 500 (FluidSynth) = 100 %

        // Section 9.5: amount 0 removes them; another amount replaces them (inverted wheel, half-depth pan).
        var removed = Region(new SoundFontModulator(0x020E, (ushort)FineTune, 0, 0x0010, 0), new SoundFontModulator(0x028A, (ushort)Pan, 0, 0, 0));
        Assert.DoesNotContain(removed.ModulatorRoutes, x => x.Primary == wheel || x.Primary == cc10);
        var replaced = Region(new SoundFontModulator(0x020E, (ushort)FineTune, -12700, 0x0010, 0), new SoundFontModulator(0x028A, (ushort)Pan, 250, 0, 0));
        Assert.Equal(-12700, Assert.Single(replaced.ModulatorRoutes, x => x.Primary == wheel).Amount);
        Assert.Equal(50, Assert.Single(replaced.ModulatorRoutes, x => x.Primary == cc10).Amount, 9);

        // NRPN generator control (section 9.6): one route per generator the engine renders live, in the generator's units.
        Assert.Contains(new ModulatorRoute(ModulatorDestination.FilterQDb, 0.1, new ModulatorSource(ModulatorSourceKind.SoundFontNrpn, (int)InitialFilterQ)), on.ModulatorRoutes);
        Assert.Contains(new ModulatorRoute(ModulatorDestination.VolumeDb, -0.1, new ModulatorSource(ModulatorSourceKind.SoundFontNrpn, (int)InitialAttenuation)), on.ModulatorRoutes);

        // The default velocity modulator removed: no velocity attenuation at all (not the SFZ law).
        var flat = Region(new SoundFontModulator(0x0502, (ushort)InitialAttenuation, 0, 0, 0));
        Assert.All(flat.AmpVelocityCurve.Skip(1), p => Assert.Equal(1, p.Gain, 9));

        // CC7 removed: the channel's CC7 is off the region, with no route for it; CC11 replaced: off, and the bank's is a route.
        var noVolume = Region(new SoundFontModulator(0x0587, (ushort)InitialAttenuation, 0, 0, 0));
        Assert.True(noVolume.SoundFontOwnVolume);
        Assert.False(noVolume.SoundFontOwnExpression);
        Assert.DoesNotContain(noVolume.ModulatorRoutes, r => r.Primary.Kind == ModulatorSourceKind.Controller && r.Primary.Controller == 7);
        var ownExpression = Region(new SoundFontModulator(0x058B, (ushort)InitialAttenuation, 480, 0, 0));
        Assert.True(ownExpression.SoundFontOwnExpression);
        var route = Assert.Single(ownExpression.ModulatorRoutes, r => r.Primary.Kind == ModulatorSourceKind.Controller && r.Primary.Controller == 11);
        Assert.Equal(-48, route.Amount, 9);
        Assert.False(Region().SoundFontOwnVolume || Region().SoundFontOwnExpression); // the defaults stay the channel's

        // CC91 removed: the preset's reverb share of the channel's send is 0, its chorus share stays 20 %; no warning.
        var b = new Sf2Builder();
        int s = b.AddSample("s", new short[40], 0, 0);
        int i = b.AddInstrument("i", new Zone([SampleId(s)], [new SoundFontModulator(0x00DB, (ushort)ReverbEffectsSend, 0, 0, 0)]));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var instrument = SoundFontLoader.Load(new MemoryStream(b.Build()), "sends.sf2", 0, 0);
        Assert.Equal((0.0, 0.2), (instrument.ChannelSendScale, instrument.ChannelChorusSendScale ?? instrument.ChannelSendScale));
        Assert.DoesNotContain(instrument.Warnings, w => w.Contains("ReverbEffectsSend", StringComparison.Ordinal));
    }

    [Fact]
    public void Note_on_and_channel_sources_reach_pitch_lfo_and_envelope_destinations()
    {
        var r = Region(
            new SoundFontModulator(0x0003, (ushort)FineTune, 100, 0, 0), // key number → +100 cents at full scale
            new SoundFontModulator(0x000A, (ushort)CoarseTune, 2, 0, 0), // poly pressure → 2 semitones
            new SoundFontModulator(0x0095, (ushort)ModLfoToVolume, 60, 0, 0), // CC21 → modulation LFO to volume, 6 dB
            new SoundFontModulator(0x0502, (ushort)ModEnvToPitch, 300, 0, 0), // velocity, concave, negative → envelope depth
            new SoundFontModulator(0x0096, (ushort)ModEnvToPitch, 300, 0, 0)); // CC22 → envelope depth: not at control rate
        Assert.Contains(new ModulatorRoute(ModulatorDestination.PitchCents, 100, new ModulatorSource(ModulatorSourceKind.Key)), r.ModulatorRoutes);
        Assert.Contains(new ModulatorRoute(ModulatorDestination.PitchCents, 200, new ModulatorSource(ModulatorSourceKind.PolyPressure)), r.ModulatorRoutes);
        // The modulation LFO now runs (index 0, no depth of its own) for the route; the vibrato LFO follows it.
        Assert.Equal(2, r.FlexLfos.Count);
        Assert.Equal((0.0, 0.0, 0.0), (r.FlexLfos[0].VolumeDb, r.FlexLfos[0].PitchCents, r.FlexLfos[0].CutoffCents));
        Assert.Contains(new ModulatorRoute(ModulatorDestination.LfoVolumeDb, 6, new ModulatorSource(ModulatorSourceKind.Controller, 21), LfoIndex: 0), r.ModulatorRoutes);
        Assert.Contains(new ModulatorRoute(ModulatorDestination.LfoPitchCents, 50, ModWheel, LfoIndex: 1), r.ModulatorRoutes);
        Assert.Contains(new ModulatorRoute(ModulatorDestination.PitchEnvelopeCents, 300,
            new ModulatorSource(ModulatorSourceKind.Velocity, 0, ModulatorCurveShape.Concave, Negative: true)), r.ModulatorRoutes);
        Assert.NotEqual(Envelope.ModulationDefault, r.PitchEnvelope); // the envelope exists for the velocity route's depth
        Assert.DoesNotContain(r.ModulatorRoutes, x => x.Primary.Controller == 22);
    }

    [Fact]
    public void Velocity_to_q_as_in_fluidr3_brass_becomes_a_note_on_q_route_with_a_filter()
    {
        // FluidR3's "Brass Section": velocity, concave (0x0402) → initialFilterQ -470 cB × velocity switch, negative (0x0D02).
        var r = Region(new SoundFontModulator(0x0402, (ushort)InitialFilterQ, -470, 0x0D02, 0));
        Assert.Contains(new ModulatorRoute(ModulatorDestination.FilterQDb, -47, new ModulatorSource(ModulatorSourceKind.Velocity, 0, ModulatorCurveShape.Concave),
            new ModulatorSource(ModulatorSourceKind.Velocity, 0, ModulatorCurveShape.Switch, Negative: true)), r.ModulatorRoutes);
        Assert.Equal(FilterType.Lowpass2Pole, r.FilterType);
    }

    [Fact]
    public void Invalid_sources_are_ignored_and_links_and_unknown_destinations_are_named()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", new short[40], 0, 0);
        int i = b.AddInstrument("i", new Zone([SampleId(s)],
        [
            new SoundFontModulator(0x0086, (ushort)InitialAttenuation, 100, 0, 0), // CC6 (data entry) may not modulate
            new SoundFontModulator(0x1482, (ushort)InitialAttenuation, 100, 0, 0), // curve type 5: invalid
            new SoundFontModulator(0x0005, (ushort)InitialAttenuation, 100, 0, 0), // general controller 5: undefined
            new SoundFontModulator(0x0082, 0x8000, 100, 0, 0), // linked into modulator 0
            new SoundFontModulator(0x0082, (ushort)FreqModLfo, 100, 0, 0), // no engine destination (LFO rates: not yet)
        ]));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var loaded = Load(b);
        var r = Assert.Single(loaded.Regions);
        Assert.Equal(4, FileRoutes(r)); // only the default vibrato, CC10 and pitch wheel routes
        var warning = Assert.Single(loaded.Warnings, w => w.Contains("not rendered", StringComparison.Ordinal));
        Assert.Contains("linked modulators", warning, StringComparison.Ordinal);
        Assert.Contains("modulator CC2 to FreqModLfo", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("InitialAttenuation", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_modulators_load_and_play_finite_sound()
    {
        // Any words at all: sources, destinations (links included), amounts, amount sources, transforms. The load may
        // warn but never throws, every route names an LFO the region has, and a note moved by random controllers,
        // pressures and bends renders finite samples.
        ushort[] destinations = [0, 5, 6, 8, 9, 13, 17, 48, 51, 52, 60, 0x8000, 0x8003];
        Prop.ForAll(FsCheck.Fluent.Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var mods = Enumerable.Range(0, random.Next(7)).Select(_ => new SoundFontModulator((ushort)random.Next(0x10000),
                destinations[random.Next(destinations.Length)], (short)random.Next(-32768, 32768), (ushort)random.Next(0x10000),
                (ushort)random.Next(4))).ToArray();
            int[] values = [.. Enumerable.Range(0, 8).Select(_ => random.Next(128))];
            var r = Region(mods);
            bool lfosOk = r.ModulatorRoutes.All(x => x.LfoIndex >= 0 && x.LfoIndex < Math.Max(1, r.FlexLfos.Count) && double.IsFinite(x.Amount));
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, new Instrument("random", [r with { Sample = Signals.Sine(440, 48_000, 100), LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = 10_000 }]));
            sampler.NoteOn(0, 60, 90);
            var rendered = new List<float>();
            foreach (int v in values)
            {
                sampler.ControlChange(0, v % 120, v);
                sampler.SendMidi([0xD0, (byte)v]);
                sampler.SendMidi([0xA0, 60, (byte)(127 - v)]);
                sampler.PitchBend(0, v * 129);
                rendered.AddRange(Signals.Render(sampler, 512));
            }

            return lfosOk && rendered.All(float.IsFinite);
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>The routes of modulators (not the NRPN generator routes every region carries, read once an NRPN arrives).</summary>
    private static int FileRoutes(Region r) => r.ModulatorRoutes.Count(x => x.Primary.Kind != ModulatorSourceKind.SoundFontNrpn);

    private static Region Region(params SoundFontModulator[] modulators)
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", new short[40], 0, 0);
        int i = b.AddInstrument("i", new Zone([SampleId(s)], [.. modulators]));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        return Assert.Single(Load(b).Regions);
    }

    private static Instrument Load(Sf2Builder b) => SoundFontLoader.Load(new MemoryStream(b.Build()), "test.sf2", 0, 0);
}

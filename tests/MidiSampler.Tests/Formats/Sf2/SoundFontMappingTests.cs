using MidiSampler.Dsp;
using MidiSampler.Formats;
using MidiSampler.Formats.Sf2;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Formats.Sf2.SoundFontGeneratorType;
using static MidiSampler.Tests.Formats.Sf2.Sf2Builder;

namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>Presets become Regions per the 2.04 spec (section 9.4 layering, 8.1.3 defaults) in the engine's units.</summary>
public class SoundFontMappingTests
{
    private static Instrument Load(Sf2Builder b, int bank = 0, int program = 0, SoundFontLoadOptions? options = null) =>
        SoundFontLoader.Load(new MemoryStream(b.Build()), "test.sf2", bank, program, options);

    private static short[] Ramp(int n) => Enumerable.Range(0, n).Select(k => (short)((k * 400) - 12000)).ToArray();

    [Fact]
    public void Sample_data_pitch_and_loop_come_from_the_header()
    {
        var b = new Sf2Builder();
        var data = Ramp(60);
        int s = b.AddSample("ramp", data, 10, 50, rate: 22050, pitch: 69, correction: -5);
        int i = b.AddInstrument("i", new Zone(Gen(SampleModes, 1), Gen(CoarseTune, 1), Gen(FineTune, 3), SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var r = Assert.Single(Load(b).Regions);
        Assert.Equal(60, r.Sample.FrameCount);
        Assert.Equal(22050, r.Sample.SampleRate);
        for (int k = 0; k < data.Length; k++)
            Assert.Equal(data[k] / 32768f, r.Sample[k, 0]);
        Assert.Equal(69, r.PitchKeyCenter);
        Assert.Equal(100 + 3 - 5, r.TuneCents);
        Assert.Equal(LoopMode.LoopContinuous, r.LoopMode);
        Assert.Equal((10, 49), (r.LoopStart, r.LoopEnd)); // dwEndloop is exclusive, the model's LoopEnd inclusive
        Assert.Equal((0, 59), (r.Offset, r.End));
        Assert.Equal("ramp", r.SamplePath);
        Assert.Equal((0, 127, 0, 127), (r.LoKey, r.HiKey, r.LoVelocity, r.HiVelocity));
    }

    [Fact]
    public void Preset_generators_add_to_instrument_generators_and_ranges_intersect()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), 0, 0);
        int i = b.AddInstrument("i",
            new Zone(Gen(InitialAttenuation, 100), Gen(Pan, 250)), // global zone
            new Zone(Range(KeyRange, 60, 100), Range(VelRange, 10, 90), Gen(Pan, 200), SampleId(s)));
        b.AddPreset("p", 5, 1,
            new Zone(Range(KeyRange, 40, 80), Gen(InitialAttenuation, 50), Gen(Pan, 100)),
            new Zone(Range(KeyRange, 0, 70), Gen(FineTune, 7), Instrument(i)));
        var r = Assert.Single(Load(b, 1, 5).Regions);
        Assert.Equal((60, 70), (r.LoKey, r.HiKey)); // the preset zone's own range replaces its global one, then intersects
        Assert.Equal((10, 90), (r.LoVelocity, r.HiVelocity));
        Assert.Equal(-(150 * 0.4) / 10, AttenuationRouteDb(r), 9); // FluidSynth's EMU factor by default, a constant route
        Assert.Equal((200 + 100) / 5.0, r.Pan, 9); // the instrument zone's pan replaces its global one; the preset's adds
        Assert.Equal(7, r.TuneCents);
        var spec = Assert.Single(Load(b, 1, 5, new SoundFontLoadOptions { AttenuationFactor = 1 }).Regions);
        Assert.Equal(-15, AttenuationRouteDb(spec), 9);
    }

    /// <summary>The generator attenuation: a constant volume route (summed with the modulators and clamped at 0 dB with them).</summary>
    private static double AttenuationRouteDb(Region r) =>
        Assert.Single(r.ModulatorRoutes, x => x.Destination == ModulatorDestination.VolumeDb && x.Primary.Kind == ModulatorSourceKind.None).Amount;

    [Fact]
    public void Disjoint_ranges_give_no_region()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), 0, 0);
        int i = b.AddInstrument("i", new Zone(Range(KeyRange, 60, 70), SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Range(KeyRange, 71, 127), Instrument(i)));
        Assert.Empty(Load(b).Regions);
    }

    [Fact]
    public void Volume_envelope_converts_timecents_and_centibels()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), 0, 0);
        int i = b.AddInstrument("i", new Zone(
            Gen(DelayVolEnv, -1200), Gen(AttackVolEnv, 1200), Gen(HoldVolEnv, 0), Gen(DecayVolEnv, 0),
            Gen(SustainVolEnv, 200), Gen(ReleaseVolEnv, 2400), SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Gen(AttackVolEnv, -1200), Instrument(i)));
        var e = Assert.Single(Load(b).Regions).AmpEnvelope;
        Assert.Equal(0.5, e.DelaySeconds, 9);
        Assert.Equal(1.0, e.AttackSeconds, 9); // 1200 + (-1200) timecents: the preset adds
        Assert.Equal(1.0, e.HoldSeconds, 9);
        Assert.Equal(Math.Pow(10, -19.2 / 20), e.SustainLevel, 9); // 200 cB: 19.2 dB down on FluidSynth's 96 dB scale
        Assert.Equal(1.0 * 200 / 1000, e.DecaySeconds, 9); // the linear ramp covers 200 of its 1000 units
        Assert.True(e.DecayLinearInDb);
        Assert.Equal(4.0 * 90 / 96, e.ReleaseSeconds, 9); // the engine's release spans 90 dB, FluidSynth's 96 dB
    }

    [Fact]
    public void Defaults_give_a_one_millisecond_envelope_and_full_sustain()
    {
        var e = Assert.Single(Load(Simple()).Regions).AmpEnvelope;
        double ms = Math.Pow(2, -10);
        // The shortest delay (-12000 timecents) is none, as in FluidSynth's 64-frame blocks; attack and hold keep 1 ms.
        Assert.Equal((0, ms, ms), (e.DelaySeconds, e.AttackSeconds, e.HoldSeconds));
        Assert.Equal(1.0, e.SustainLevel);
        Assert.Equal(0, e.DecaySeconds); // full sustain: nothing to decay
    }

    [Fact]
    public void Key_tracked_hold_and_decay_split_the_zone_per_key()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), 0, 0);
        int i = b.AddInstrument("i", new Zone(
            Range(KeyRange, 58, 62), Gen(HoldVolEnv, 0), Gen(KeynumToVolEnvHold, 100), Gen(DecayVolEnv, 0),
            Gen(KeynumToVolEnvDecay, -1200), Gen(SustainVolEnv, 1440), SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var regions = Load(b).Regions;
        Assert.Equal([58, 59, 60, 61, 62], regions.Select(r => r.LoKey));
        Assert.All(regions, r => Assert.Equal(r.LoKey, r.HiKey));
        var at72 = regions.Single(r => r.LoKey == 62).AmpEnvelope;
        Assert.Equal(Math.Pow(2, 100 * (60 - 62) / 1200.0), at72.HoldSeconds, 9);
        Assert.Equal(Math.Pow(2, -1200 * (60 - 62) / 1200.0) * 100 / 96, at72.DecaySeconds, 9); // silent sustain: to -100 dB at 96 dB per decay time
        Assert.Equal(0, at72.SustainLevel);
        Assert.Same(regions[0].Sample, regions[4].Sample);
        var unsplit = Load(b, options: new SoundFontLoadOptions { SplitKeyTrackedEnvelopes = false });
        Assert.Single(unsplit.Regions);
        Assert.Contains(unsplit.Warnings, w => w.Contains("keynumToVolEnv", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, LoopMode.NoLoop)]
    [InlineData(1, LoopMode.LoopContinuous)]
    [InlineData(2, LoopMode.NoLoop)]
    [InlineData(3, LoopMode.LoopSustain)]
    public void Sample_modes_map_to_loop_modes(int mode, LoopMode expected)
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), 4, 36);
        int i = b.AddInstrument("i", new Zone(Gen(SampleModes, mode), SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        Assert.Equal(expected, Assert.Single(Load(b).Regions).LoopMode);
    }

    [Theory]
    [InlineData(20, 20)]
    [InlineData(30, 10)]
    [InlineData(5, 500)]
    public void Empty_inverted_or_outside_loops_play_without_a_loop_and_warn(int loopStart, int loopEnd)
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), loopStart, loopEnd);
        int i = b.AddInstrument("i", new Zone(Gen(SampleModes, 1), SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var instrument = Load(b);
        Assert.Equal(LoopMode.NoLoop, Assert.Single(instrument.Regions).LoopMode);
        Assert.Contains(instrument.Warnings, w => w.Contains("played without a loop", StringComparison.Ordinal));
    }

    [Fact]
    public void Address_offsets_move_start_end_and_loop()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(100), 20, 80);
        int i = b.AddInstrument("i", new Zone(
            Gen(SampleModes, 3), Gen(StartAddrsOffset, 5), Gen(EndAddrsOffset, -10),
            Gen(StartloopAddrsOffset, 2), Gen(EndloopAddrsOffset, -4), SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var r = Assert.Single(Load(b).Regions);
        Assert.Equal((5, 89), (r.Offset, r.End));
        Assert.Equal((22, 75), (r.LoopStart, r.LoopEnd));
    }

    [Fact]
    public void Root_key_prefers_the_override_and_unpitched_samples_sit_on_60()
    {
        var b = new Sf2Builder();
        int a = b.AddSample("a", Ramp(40), 0, 0, pitch: 72);
        int u = b.AddSample("u", Ramp(40), 0, 0, pitch: 255);
        int i = b.AddInstrument("i",
            new Zone(Range(KeyRange, 0, 10), Gen(OverridingRootKey, 50), SampleId(a)),
            new Zone(Range(KeyRange, 11, 20), SampleId(a)),
            new Zone(Range(KeyRange, 21, 30), SampleId(u)),
            new Zone(Range(KeyRange, 31, 40), Gen(ScaleTuning, 50), SampleId(u)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var r = Load(b).Regions;
        Assert.Equal([50, 72, 60, 60], r.Select(x => x.PitchKeyCenter));
        Assert.Equal([100, 100, 100, 50], r.Select(x => x.PitchKeytrackCents));
    }

    [Theory]
    [InlineData(13500, 0, 0, false)] // the default: wide open, no filter
    [InlineData(13500, 2400, 0, false)] // a positive envelope can only open it further
    [InlineData(13500, -2400, 0, true)] // a negative one closes it
    [InlineData(13500, 0, 300, true)] // an LFO swings both ways
    [InlineData(13499, 0, 0, true)]
    public void A_wide_open_filter_that_nothing_can_lower_is_left_out(int fc, int envelopeCents, int lfoCents, bool filtered)
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), 0, 0);
        int i = b.AddInstrument("i", new Zone(Gen(InitialFilterFc, fc), Gen(ModEnvToFilterFc, envelopeCents),
            Gen(ModLfoToFilterFc, lfoCents), SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var r = Assert.Single(Load(b).Regions);
        Assert.Equal(filtered ? FilterType.Lowpass2Pole : FilterType.None, r.FilterType);
        Assert.Equal(filtered ? envelopeCents : 0, r.FilterEnvelopeDepthCents);
    }

    [Fact]
    public void Exclusive_class_becomes_a_group_that_silences_itself()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), 0, 0);
        int i = b.AddInstrument("hats",
            new Zone(Range(KeyRange, 42, 42), Gen(ExclusiveClass, 1), SampleId(s)),
            new Zone(Range(KeyRange, 46, 46), Gen(ExclusiveClass, 1), SampleId(s)),
            new Zone(Range(KeyRange, 36, 36), SampleId(s)));
        b.AddPreset("Standard", 0, 128, new Zone(Instrument(i)));
        var r = Load(b, 128, 0).Regions;
        Assert.Equal([(1L, (long?)1L), (1L, 1L), (0L, null)], r.Select(x => (x.Group, x.OffBy)));
    }

    [Fact]
    public void Linked_stereo_samples_become_two_mono_regions_panned_by_their_zones()
    {
        var b = new Sf2Builder();
        int left = b.AddSample("L", Ramp(40), 0, 0, type: SoundFontSampleType.Left, link: 1);
        int right = b.AddSample("R", Ramp(40), 0, 0, type: SoundFontSampleType.Right, link: 0);
        int i = b.AddInstrument("st", new Zone(Gen(Pan, -500), SampleId(left)), new Zone(Gen(Pan, 500), SampleId(right)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var file = SoundFontLoader.Read(new MemoryStream(b.Build()), "test.sf2");
        Assert.Equal((SoundFontSampleType.Left, (ushort)1), (file.SampleHeaders[0].SampleType, file.SampleHeaders[0].SampleLink));
        var r = Load(b).Regions;
        Assert.Equal([-100.0, 100.0], r.Select(x => x.Pan));
        Assert.All(r, x => Assert.Equal(1, x.Sample.Channels));
    }

    [Fact]
    public void Sm24_adds_the_low_byte_in_2_04_banks_and_is_ignored_before()
    {
        var b = new Sf2Builder { Version = (2, 4), With24Bit = true };
        short[] high = [0x1234, -2, 0, 100];
        byte[] low = [0x56, 0xFF, 0x01, 0x80];
        int s = b.AddSample("s", high, 0, 0, low: low);
        int i = b.AddInstrument("i", new Zone(SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var r = Assert.Single(Load(b).Regions);
        for (int k = 0; k < high.Length; k++)
            Assert.Equal(((high[k] << 8) | low[k]) / 8388608f, r.Sample[k, 0]);

        b.Version = (2, 1);
        var old = Load(b);
        Assert.Equal(high[0] / 32768f, old.Regions[0].Sample[0, 0]);
        Assert.Contains(old.Warnings, w => w.Contains("sm24", StringComparison.Ordinal));
    }

    [Fact]
    public void Sf3_sample_data_that_is_not_an_ogg_stream_is_rejected_naming_the_sample()
    {
        var b = new Sf2Builder { Version = (3, 1) };
        int s = b.AddSample("ogg", Ramp(40), 0, 0, type: SoundFontSampleType.Mono | SoundFontSampleType.Vorbis);
        int i = b.AddInstrument("i", new Zone(SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var file = SoundFontLoader.Read(new MemoryStream(b.Build()), "test.sf3");
        Assert.True(file.HasCompressedSamples);
        Assert.True(file.SampleHeaders[0].IsCompressed);
        // The ramp's bytes are not an Ogg page: refused before libsndfile could guess another format from them.
        var e = Assert.Throws<InstrumentLoadException>(() => Load(b));
        Assert.Equal("sample 'ogg' (chunk 'shdr', record 0)", e.Location);
        Assert.Contains("does not start with an Ogg page ('OggS')", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bank_loads_every_preset_sorted_and_shares_samples()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), 0, 0);
        int i = b.AddInstrument("i", new Zone(SampleId(s)));
        b.AddPreset("Drums", 0, 128, new Zone(Instrument(i)));
        b.AddPreset("Organ", 16, 0, new Zone(Instrument(i)));
        b.AddPreset("Piano", 0, 0, new Zone(Instrument(i)));
        var bank = SoundFontLoader.LoadBank(new MemoryStream(b.Build()), "test.sf2");
        Assert.Equal("Test bank", bank.Name);
        Assert.Equal([(0, 0, "Piano"), (0, 16, "Organ"), (128, 0, "Drums")], bank.Presets.Select(p => (p.Bank, p.Program, p.Name)));
        Assert.Same(bank.Presets[0].Instrument.Regions[0].Sample, bank.Presets[2].Instrument.Regions[0].Sample);
        Assert.True(bank.TryGetPreset(128, 0, out var drums));
        Assert.Equal("Drums", drums.Instrument.Name);
        Assert.False(bank.TryGetPreset(1, 0, out _));
    }

    [Fact]
    public void Unrendered_generators_and_modulators_are_named_in_a_warning()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), 0, 0);
        // Key number (source 3) to the modulation LFO's rate has no engine equivalent yet; the default velocity modulator
        // does, and so does one to the volume envelope's attack (a note-on route).
        var zone = new Zone([Gen(InitialFilterFc, 5000), Gen(ReverbEffectsSend, 200), SampleId(s)],
            [new SoundFontModulator(0x0502, 48, 960, 0, 0), new SoundFontModulator(0x0003, 22, 100, 0, 0), new SoundFontModulator(0x0003, 34, 100, 0, 0)]);
        int i = b.AddInstrument("i", zone);
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var loaded = Load(b);
        var w = Assert.Single(loaded.Warnings, x => x.Contains("not rendered", StringComparison.Ordinal));
        Assert.DoesNotContain("InitialFilterFc", w, StringComparison.Ordinal);
        Assert.DoesNotContain("ReverbEffectsSend", w, StringComparison.Ordinal); // rendered: the region's reverb send
        Assert.Contains("modulator source 3 to FreqModLfo", w, StringComparison.Ordinal);
        Assert.DoesNotContain("AttackVolEnv", w, StringComparison.Ordinal);
        var region = Assert.Single(loaded.Regions);
        var attack = Assert.Single(region.ModulatorRoutes, r => r.Destination == ModulatorDestination.AmpEnvelopeTimecents);
        Assert.Equal((EnvelopeParameter.Attack, 100.0, ModulatorSourceKind.Key), (attack.Stage, attack.Amount, attack.Primary.Kind));
        Assert.Equal((20.0, 0.0), (region.Effect1Percent, region.Effect2Percent)); // 200 in 0.1 %
        // The default velocity curve as FluidSynth 2.3.1 reads it: 960 cB × concave(127 · (1 - v/128)); 127 is not unity.
        Assert.Equal(Math.Pow(10, -ModulatorCurve.DefaultAttenuationCb(100) / 200), region.AmpVelocityCurve[100].Gain, 9);
        Assert.Equal(-0.136, 20 * Math.Log10(region.AmpVelocityCurve[127].Gain), 3);
    }

    [Fact]
    public void Filter_modulation_envelope_lfos_and_controller_modulators_map_to_region_parameters()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", Ramp(40), 0, 0);
        var zone = new Zone(
            [Gen(InitialFilterFc, 6000), Gen(InitialFilterQ, 60), Gen(ModEnvToFilterFc, 2400), Gen(ModEnvToPitch, -100),
             Gen(AttackModEnv, 0), Gen(DecayModEnv, 1200), Gen(SustainModEnv, 250), Gen(VibLfoToPitch, 20), Gen(FreqVibLfo, 0),
             Gen(DelayVibLfo, -1200), Gen(ModLfoToVolume, 30), Gen(FreqModLfo, 1200), SampleId(s)],
            [new SoundFontModulator(0x0082, 48, 100, 0, 0), new SoundFontModulator(0x0502, 48, 480, 0, 0)]); // CC2 → -10 dB; half the velocity curve
        int i = b.AddInstrument("i", zone);
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        var r = Assert.Single(Load(b).Regions);
        Assert.Equal(FilterType.Lowpass2Pole, r.FilterType);
        // 6000 absolute cents = 8.176 · 2^5 Hz; the default velocity-to-cutoff modulator is 0, as in FluidSynth.
        Assert.Equal(8.176 * 32, r.CutoffHz, 6);
        Assert.Equal(0, r.FilterVeltrackCents);
        Assert.Equal(6 - 3.0103, r.ResonanceDb, 9); // 60 cB above a Butterworth (FluidSynth's q_dB - 3.01)
        Assert.Equal((2400.0, -100.0), (r.FilterEnvelopeDepthCents, r.PitchEnvelopeDepthCents));
        Assert.Equal(0.75, r.FilterEnvelope.SustainLevel, 9);
        Assert.Equal(2.0, r.FilterEnvelope.DecaySeconds, 9); // a 100 % change: the linear run to 75 % lasts a quarter of it
        Assert.Equal(EnvelopeShape.SoundFontModulation, r.FilterEnvelope.Shape);
        // Triangle LFOs: the modulation LFO (3 dB, up on a positive excursion; no delay at -12000 timecents) and the
        // vibrato LFO (20 cents after 0.5 s), which the default mod wheel and channel pressure routes also drive.
        Assert.Equal(Lfo.None, r.PitchLfo);
        Assert.Equal(Lfo.None, r.AmpLfo);
        Assert.Equal(2, r.FlexLfos.Count);
        var mod = r.FlexLfos[0];
        Assert.Equal((0, 0.0, 8.176 * 2, 3.0, 0.0, 0.0), (mod.Wave, mod.DelaySeconds, mod.FrequencyHz, mod.VolumeDb, mod.PitchCents, mod.CutoffCents));
        var vib = r.FlexLfos[1];
        Assert.Equal((0, 0.5, 8.176, 20.0, 0.0), (vib.Wave, vib.DelaySeconds, vib.FrequencyHz, vib.PitchCents, vib.VolumeDb));
        Assert.Empty(r.CcModulations);
        Assert.Contains(new ModulatorRoute(ModulatorDestination.VolumeDb, -10, new ModulatorSource(ModulatorSourceKind.Controller, 2)), r.ModulatorRoutes);
        // The default mod wheel and channel pressure vibrato (8.4.4, 8.4.5) on the vibrato LFO (index 1).
        Assert.Contains(new ModulatorRoute(ModulatorDestination.LfoPitchCents, 50, new ModulatorSource(ModulatorSourceKind.Controller, 1), LfoIndex: 1), r.ModulatorRoutes);
        Assert.Contains(new ModulatorRoute(ModulatorDestination.LfoPitchCents, 50, new ModulatorSource(ModulatorSourceKind.ChannelPressure), LfoIndex: 1), r.ModulatorRoutes);
        Assert.Equal(128, r.AmpVelocityCurve.Count); // 480 cB instead of 960: gain (v/127)¹
        Assert.Equal(64 / 127.0, r.AmpVelocityCurve[64].Gain, 6);
    }

    [Fact]
    public void Instrument_loader_dispatches_sf2_files_to_the_first_preset()
    {
        var b = Simple();
        b.AddPreset("later", 1, 0, new Zone(Instrument(0)));
        string path = Path.Combine(Path.GetTempPath(), $"midisampler-{Guid.NewGuid():N}.sf2");
        File.WriteAllBytes(path, b.Build());
        try
        {
            var instrument = InstrumentLoader.Load(path);
            Assert.Equal("preset", instrument.Name);
            Assert.Equal(Path.GetFullPath(path), instrument.SourcePath);
            Assert.Equal(LoopMode.LoopContinuous, Assert.Single(instrument.Regions).LoopMode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SharedDataFact]
    public void The_shared_bank_loads_every_preset_with_sound()
    {
        var bank = SoundFontLoader.LoadBank(SharedSf2.BankPath);
        Assert.Equal(136, bank.Presets.Count);
        Assert.All(bank.Presets, p => Assert.NotEmpty(p.Instrument.Regions));
        Assert.All(bank.Presets.SelectMany(p => p.Instrument.Regions), r => Assert.True(r.Sample.FrameCount > 0 && r.End <= r.Sample.FrameCount - 1));
        Assert.Contains(bank.Warnings, w => w.Contains("ROM", StringComparison.Ordinal));
        var fmBells = bank.Presets.Single(p => p.Name == "FM Bells 1").Instrument.Regions;
        Assert.Equal([100.0, -100.0], fmBells.Select(r => r.Pan).Distinct().OrderDescending()); // its zones pan ±1000, clamped to ±500
    }
}

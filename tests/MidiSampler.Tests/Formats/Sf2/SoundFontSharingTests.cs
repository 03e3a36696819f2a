using MidiSampler.Engine;
using MidiSampler.Formats.Sf2;
using MidiSampler.Model;
using MidiSampler.Streaming;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Formats.Sf2.SoundFontGeneratorType;
using static MidiSampler.Tests.Formats.Sf2.Sf2Builder;

namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>
/// A bank's load shares equal regions and their equal parts between presets (SoundFontInterner), and the compile shares
/// what it derives from them (CompiledShares): FluidR3_GM's model went from 88 MB to 48 MB of managed heap. Sharing must
/// not change a note.
/// </summary>
public class SoundFontSharingTests
{
    private static byte[] Bank()
    {
        var b = new Sf2Builder();
        var data = new short[4000];
        for (int n = 0; n < data.Length; n++)
            data[n] = (short)(12000 * Math.Sin(2 * Math.PI * 440 * n / 44100.0));
        int s = b.AddSample("sine", data, 100, 3900, pitch: 69);
        int i = b.AddInstrument("inst",
            new Zone(Range(KeyRange, 0, 63), Gen(SampleModes, 1), Gen(VibLfoToPitch, 30), SampleId(s)),
            new Zone(Range(KeyRange, 64, 127), Gen(SampleModes, 1), Gen(InitialAttenuation, 60), SampleId(s)));
        b.AddPreset("plain", 0, 0, new Zone(Instrument(i)));
        b.AddPreset("variation", 0, 8, new Zone(Instrument(i))); // a bank variation: the same zones, played alike
        b.AddPreset("detuned", 1, 0, new Zone(Gen(FineTune, 50), Instrument(i))); // the same zones, 50 cents up
        return b.Build();
    }

    private static SoundFontBank LoadBank() => SoundFontLoader.LoadBank(new MemoryStream(Bank()), "shared.sf2");

    [Fact]
    public void Presets_that_play_the_same_zones_alike_share_their_regions_and_compiled_regions()
    {
        var bank = LoadBank();
        var plain = bank.Presets.Single(p => p.Bank == 0 && p.Program == 0).Instrument;
        var variation = bank.Presets.Single(p => p.Bank == 8).Instrument;
        var detuned = bank.Presets.Single(p => p.Program == 1).Instrument;
        Assert.Equal(2, plain.Regions.Count);
        for (int k = 0; k < 2; k++)
        {
            Assert.Same(plain.Regions[k], variation.Regions[k]);
            Assert.NotSame(plain.Regions[k], detuned.Regions[k]); // its tune differs
            Assert.Equal(plain.Regions[k].TuneCents + 50, detuned.Regions[k].TuneCents);
            Assert.Same(plain.Regions[k].ModulatorRoutes, detuned.Regions[k].ModulatorRoutes); // the routes are equal: one list
            Assert.Same(plain.Regions[k].FlexLfos, detuned.Regions[k].FlexLfos);
        }

        // The two zones differ in their attenuation route, and share the routes every region carries (the NRPN ones).
        Assert.NotSame(plain.Regions[0].ModulatorRoutes, plain.Regions[1].ModulatorRoutes);
        var nrpn0 = plain.Regions[0].ModulatorRoutes.Where(r => r.Primary.Kind == ModulatorSourceKind.SoundFontNrpn).ToList();
        var nrpn1 = plain.Regions[1].ModulatorRoutes.Where(r => r.Primary.Kind == ModulatorSourceKind.SoundFontNrpn).ToList();
        Assert.NotEmpty(nrpn0);
        Assert.Equal(nrpn0.Count, nrpn1.Count);
        for (int k = 0; k < nrpn0.Count; k++)
            Assert.Same(nrpn0[k], nrpn1[k]);

        var a = new CompiledInstrument(plain, 48_000);
        var b = new CompiledInstrument(variation, 48_000);
        var c = new CompiledInstrument(detuned, 48_000);
        Assert.Same(a.Regions[0], b.Regions[0]);
        Assert.Same(a.Regions[0].ModulatorRoutes, c.Regions[0].ModulatorRoutes);
        Assert.Same(a.Regions[0].VelocityCurve, c.Regions[1].VelocityCurve);
        Assert.NotSame(a.Regions[0], new CompiledInstrument(plain, 44_100).Regions[0]); // another rate compiles anew
    }

    [Theory]
    [InlineData(57)] // the zone with the vibrato LFO
    [InlineData(81)] // the zone with the attenuation route
    public void Shared_regions_sound_as_a_preset_loaded_alone(int key)
    {
        // Each preset of the shared load against the same preset loaded by itself (nothing to share with), sample for sample.
        var bank = LoadBank();
        foreach (var preset in bank.Presets)
        {
            var alone = SoundFontLoader.Load(new MemoryStream(Bank()), "alone.sf2", preset.Bank, preset.Program);
            var shared = Note(preset.Instrument, key);
            Assert.Equal(Note(alone, key), shared);
            double hz = Signals.Frequency(Signals.Channel(shared, 2, 0), 48_000, 4800, 24_000);
            double expected = 440 * Math.Pow(2, ((key - 69) * 100 + (preset.Program == 1 ? 50 : 0)) / 1200.0);
            Assert.InRange(1200 * Math.Log2(hz / expected), -10, 10); // cents: the 30-cent vibrato averages out over 3 cycles
        }
    }

    [Fact]
    public void FluidR3_GM_loads_as_a_shared_model_with_little_garbage()
    {
        // The bank behind issue 18's figures: 17,030 regions. Before the sharing, each region had its own route list and
        // the load allocated 186 MB of managed objects; measured now: 13,720 distinct regions, 86 route lists of 77
        // distinct routes, 73 MB (89 MB streamed as here: the store's own records).
        const string path = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
        Assert.True(File.Exists(path), $"{path} is missing (apt install fluid-soundfont-gm)");
        // Streamed (heads only, in mappings the store unmaps): 141 MB of samples decoded in RAM would stay in this test
        // process's resident memory, which LargeLibraryTests measures.
        using var store = new SampleStore(new StreamingOptions { Mode = StreamMode.Stream });
        long before = GC.GetAllocatedBytesForCurrentThread();
        var bank = SoundFontLoader.LoadBank(path, new SoundFontLoadOptions { Samples = store });
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        try
        {
            Assert.Contains(bank.Presets[0].Instrument.Regions, r => r.Sample.IsStreamed);
            var regions = bank.Presets.SelectMany(p => p.Instrument.Regions).ToList();
            int distinct = regions.Distinct(ReferenceEqualityComparer.Instance).Count();
            int routeLists = regions.Select(r => r.ModulatorRoutes).Distinct(ReferenceEqualityComparer.Instance).Count();
            int routes = regions.SelectMany(r => r.ModulatorRoutes).Distinct(ReferenceEqualityComparer.Instance).Count();
            Assert.Equal(17_030, regions.Count);
            Assert.True(distinct <= 14_000, $"{distinct} distinct regions");
            Assert.True(routeLists <= 500 && routes <= 500, $"{routeLists} route lists, {routes} routes for {regions.Count} regions");
            Assert.True(allocated < 120_000_000, $"the load allocated {allocated / 1e6:0.0} MB of managed objects");
        }
        finally
        {
            foreach (var sample in bank.Presets.SelectMany(p => p.Instrument.Regions).Select(r => r.Sample).Distinct())
                sample.ReleaseMemory();
        }
    }

    private static float[] Note(Instrument instrument, int key)
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, key, 100);
        return Signals.Render(sampler, 24_000);
    }
}

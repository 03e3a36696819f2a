using System.Globalization;
using System.Text.RegularExpressions;
using MidiSampler.Formats.Sf2;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>
/// Compares our parse of VintageDreamsWaves-v2.sf2 with FluidSynth's dump of the same file, preset by preset, zone by
/// zone, generator by generator, sample header by sample header.
/// </summary>
/// <remarks>
/// The dump's conventions, and how they map to the raw model:
/// - presets are listed sorted by (bank, program), FluidSynth's order; the file lists them in another order, so they are
///   matched by (bank, program);
/// - zones are listed in reverse file order (FluidSynth prepends each zone to its list); they are matched by the name
///   FluidSynth gives them, "pz:PRESET/N" or "iz:INSTRUMENT/N", where N is the bag's position counting the global zone
///   (our <see cref="SoundFontZone.BagIndex"/>);
/// - key_range/vel_range "0 - 128" is FluidSynth's default when the zone has no range generator (our <c>null</c>); a
///   range that is present shows as stored;
/// - keyRange, velRange, instrument and sampleID are not in the generator lists (they have their own fields);
///   generator names are FluidSynth's GEN_* names, in spec order (<see cref="FluidNames"/>);
/// - ATTENUATION shows FluidSynth's loaded value, 0.4 × the stored initialAttenuation (fluid_defsfont.c applies its
///   EMU_ATTENUATION_FACTOR when it imports a zone); the raw model keeps the stored value, and the mapper applies the
///   same 0.4 by default (<see cref="SoundFontLoadOptions.AttenuationFactor"/>), so the comparison scales ours;
/// - a sample's end shows as the last point (dwEnd - 1; the file's dwEnd is exclusive), the loop end as stored;
/// - ROM samples are absent (FluidSynth drops them at load: this bank's first header, "SineWave", is a ROM sample),
///   so the dump's sample indices are ours shifted past the ROM ones; an instrument zone that plays a ROM sample loses
///   its link in FluidSynth, and when it is the instrument's first zone FluidSynth shows it as the global zone (three
///   instruments here, from 156 'CR78 BONGO LO'). The raw model keeps the zone and its link, as the file has it; the mapper skips it with a warning.
/// </remarks>
public class FluidSynthDumpTests
{
    /// <summary>FluidSynth's generator names (fluid_gen.h, GEN_*), indexed by the spec's generator number.</summary>
    private static readonly string[] FluidNames =
    [
        "STARTADDROFS", "ENDADDROFS", "STARTLOOPADDROFS", "ENDLOOPADDROFS", "STARTADDRCOARSEOFS", "MODLFOTOPITCH",
        "VIBLFOTOPITCH", "MODENVTOPITCH", "FILTERFC", "FILTERQ", "MODLFOTOFILTERFC", "MODENVTOFILTERFC",
        "ENDADDRCOARSEOFS", "MODLFOTOVOL", "UNUSED1", "CHORUSSEND", "REVERBSEND", "PAN", "UNUSED2", "UNUSED3", "UNUSED4",
        "MODLFODELAY", "MODLFOFREQ", "VIBLFODELAY", "VIBLFOFREQ", "MODENVDELAY", "MODENVATTACK", "MODENVHOLD",
        "MODENVDECAY", "MODENVSUSTAIN", "MODENVRELEASE", "KEYTOMODENVHOLD", "KEYTOMODENVDECAY", "VOLENVDELAY",
        "VOLENVATTACK", "VOLENVHOLD", "VOLENVDECAY", "VOLENVSUSTAIN", "VOLENVRELEASE", "KEYTOVOLENVHOLD",
        "KEYTOVOLENVDECAY", "INSTRUMENT", "RESERVED1", "KEYRANGE", "VELRANGE", "STARTLOOPADDRCOARSEOFS", "KEYNUM",
        "VELOCITY", "ATTENUATION", "RESERVED2", "ENDLOOPADDRCOARSEOFS", "COARSETUNE", "FINETUNE", "SAMPLEID",
        "SAMPLEMODE", "RESERVED3", "SCALETUNE", "EXCLUSIVECLASS", "OVERRIDEROOTKEY",
    ];

    private static readonly Lazy<Dictionary<string, object>> Dump = new(() =>
        (Dictionary<string, object>)MiniYaml.Parse(File.ReadAllText(SharedSf2.DumpPath)));

    private static readonly Lazy<SoundFontFile> Bank = new(() => SoundFontLoader.Read(SharedSf2.BankPath));

    [SharedDataFact]
    public void Sample_data_position_and_size_match()
    {
        var dump = Dump.Value;
        Assert.Equal(long.Parse(S(dump, "samplepos"), CultureInfo.InvariantCulture), Bank.Value.SampleDataOffset);
        Assert.Equal(long.Parse(S(dump, "samplesize"), CultureInfo.InvariantCulture), Bank.Value.SampleDataPoints * 2);
        Assert.Equal("0", S(dump, "sample24size"));
        Assert.Equal(-1, Bank.Value.Sample24Offset);
    }

    [SharedDataFact]
    public void Every_sample_header_matches()
    {
        var expected = L(Dump.Value, "samples");
        var headers = Bank.Value.SampleHeaders;
        Assert.Single(headers, h => h.IsRom);
        var nonRom = headers.Where(h => !h.IsRom).ToList();
        Assert.Equal(expected.Count, nonRom.Count);
        for (int n = 0; n < expected.Count; n++)
        {
            var e = (Dictionary<string, object>)expected[n];
            var h = nonRom[n];
            string what = $"sample {n} ({h.Name})";
            Assert.True(S(e, "name") == h.Name, what);
            Assert.True(U(e, "start") == h.Start && U(e, "source_start") == h.Start, what + " start");
            Assert.True(U(e, "end") == h.End - 1 && U(e, "source_end") == h.End - 1, what + " end");
            Assert.True(U(e, "loopstart") == h.StartLoop && U(e, "source_loopstart") == h.StartLoop, what + " loop start");
            Assert.True(U(e, "loopend") == h.EndLoop && U(e, "source_loopend") == h.EndLoop, what + " loop end");
            Assert.True(U(e, "samplerate") == h.SampleRate, what + " rate");
            Assert.True(U(e, "origpitch") == h.OriginalPitch, what + " pitch");
            Assert.True(int.Parse(S(e, "pitchadj"), CultureInfo.InvariantCulture) == h.PitchCorrection, what + " correction");
            Assert.True(U(e, "sampletype") == (uint)h.SampleType, what + " type");
        }
    }

    [SharedDataFact]
    public void Every_preset_zone_and_generator_matches()
    {
        var expected = L(Dump.Value, "presets");
        var presets = Bank.Value.Presets;
        Assert.Equal(expected.Count, presets.Count);
        Assert.Equal(presets.Count, presets.Select(p => (p.Bank, p.Program)).Distinct().Count());
        int zones = 0, generators = 0;
        foreach (Dictionary<string, object> e in expected)
        {
            int bank = int.Parse(S(e, "bank"), CultureInfo.InvariantCulture), program = int.Parse(S(e, "num"), CultureInfo.InvariantCulture);
            var preset = Assert.Single(presets, p => p.Bank == bank && p.Program == program);
            string what = $"preset {bank}:{program} '{preset.Name}'";
            Assert.True(S(e, "name") == preset.Name, what);
            generators += CompareZones(e, preset.GlobalZone, preset.Zones, "pz:" + preset.Name, "instrument", what,
                z => $"{Bank.Value.Instruments[z.Link!.Value].Name} (index {z.Link})");
            zones += preset.Zones.Count;
        }

        Assert.True(zones > 136 && generators > 1000, $"compared {zones} zones and {generators} generators");
    }

    [SharedDataFact]
    public void Every_instrument_zone_and_generator_matches()
    {
        var expected = L(Dump.Value, "instruments");
        var instruments = Bank.Value.Instruments;
        Assert.Equal(expected.Count, instruments.Count);
        int romZones = 0;
        for (int n = 0; n < expected.Count; n++)
        {
            var e = (Dictionary<string, object>)expected[n];
            var instrument = instruments[n];
            Assert.Equal(n.ToString(CultureInfo.InvariantCulture), S(e, "instrument"));
            string what = $"instrument {n} '{instrument.Name}'";
            Assert.True(S(e, "name") == instrument.Name, what);
            // FluidSynth's view: zones that play a ROM sample lose their link; the first such becomes the global zone.
            var headers = Bank.Value.SampleHeaders;
            var global = instrument.GlobalZone ?? instrument.Zones.FirstOrDefault(z => z.BagIndex == 0 && headers[z.Link!.Value].IsRom);
            var zones = instrument.Zones.Where(z => !headers[z.Link!.Value].IsRom).ToList();
            if (instrument.Zones.Any(z => headers[z.Link!.Value].IsRom))
                romZones++;
            CompareZones(e, global, zones, "iz:" + instrument.Name, "sample", what, z => headers[z.Link!.Value].Name);
        }

        Assert.Equal(3, romZones); // three instruments (from 156, 'CR78 BONGO LO') play the ROM sample 'SineWave'
    }

    [SharedDataFact]
    public void The_info_list_is_read()
    {
        var info = Bank.Value.Info;
        Assert.Equal((2, 0), (info.VersionMajor, info.VersionMinor));
        Assert.Equal("Vintage Dreams Waves v 2.0", info.Name);
        Assert.Equal("EMU8000", info.SoundEngine);
        Assert.Equal("Ian Wilson", info.Engineers);
        Assert.Equal("Copyright (c) Ian Wilson - October 1996", info.Copyright);
        Assert.StartsWith("Created by Ian Wilson", info.Comments, StringComparison.Ordinal);
        Assert.Equal("SFEDT v1.00:SFEDT v1.10", info.Software);
    }

    private static int CompareZones(
        Dictionary<string, object> e, SoundFontZone? global, IReadOnlyList<SoundFontZone> zones, string prefix, string linkKey, string what,
        Func<SoundFontZone, string> linkText)
    {
        int compared = 0;
        if (e.TryGetValue("global_zone", out var g) && g is Dictionary<string, object> globalDump)
        {
            Assert.True(global is not null, what + ": FluidSynth has a global zone");
            compared += CompareZone(globalDump, global!, prefix, what);
        }
        else
        {
            Assert.True(global is null, what + ": FluidSynth has no global zone");
        }

        var dumped = e.TryGetValue("zones", out var z) && z is List<object> list ? list.Cast<Dictionary<string, object>>().ToList() : [];
        Assert.True(dumped.Count == zones.Count, $"{what}: {dumped.Count} zones in the dump, {zones.Count} parsed");
        foreach (var zone in zones)
        {
            string name = $"{prefix}/{zone.BagIndex}";
            var d = dumped.SingleOrDefault(x => S(x, "name") == name);
            Assert.True(d is not null, $"{what}: zone {name} missing from the dump");
            Assert.True(S(d!, linkKey) == linkText(zone), $"{what}, {name}: {linkKey} '{S(d!, linkKey)}' vs '{linkText(zone)}'");
            compared += CompareZone(d!, zone, prefix, what);
        }

        return compared;
    }

    private static int CompareZone(Dictionary<string, object> d, SoundFontZone zone, string prefix, string what)
    {
        string name = $"{prefix}/{zone.BagIndex}";
        Assert.True(S(d, "name") == name, $"{what}: zone name '{S(d, "name")}' vs '{name}'");
        Assert.True(S(d, "key_range") == Range(zone.KeyRange), $"{what}, {name}: key range '{S(d, "key_range")}' vs '{Range(zone.KeyRange)}'");
        Assert.True(S(d, "vel_range") == Range(zone.VelocityRange), $"{what}, {name}: velocity range");
        var expected = d.TryGetValue("generators", out var gs) && gs is Dictionary<string, object> map
            ? map.ToDictionary(kv => kv.Key, kv => double.Parse((string)kv.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal)
            : [];
        var actual = zone.Generators.ToDictionary(
            x => FluidNames[(int)x.Type],
            x => x.Type == SoundFontGeneratorType.InitialAttenuation ? Math.Round(x.Value * 0.4, 2) : x.Value,
            StringComparer.Ordinal);
        Assert.True(
            expected.Count == actual.Count && expected.All(kv => actual.TryGetValue(kv.Key, out double v) && Math.Abs(v - kv.Value) < 0.006),
            $"{what}, {name}: generators differ\n  FluidSynth: {Describe(expected)}\n  ours:       {Describe(actual)}");
        return actual.Count;
    }

    private static string Describe(Dictionary<string, double> gens) =>
        string.Join(", ", gens.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    private static string Range((byte Low, byte High)? range) => range is { } r ? $"{r.Low} - {r.High}" : "0 - 128";

    private static string S(Dictionary<string, object> map, string key) =>
        map.TryGetValue(key, out var v) ? (string)v : throw new InvalidOperationException($"the dump has no '{key}' here");

    private static uint U(Dictionary<string, object> map, string key) => uint.Parse(S(map, key), CultureInfo.InvariantCulture);

    private static List<object> L(Dictionary<string, object> map, string key) => (List<object>)map[key];
}

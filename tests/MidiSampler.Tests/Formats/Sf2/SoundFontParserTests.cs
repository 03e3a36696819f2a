using System.Buffers.Binary;
using System.Text;
using MidiSampler.Formats;
using MidiSampler.Formats.Sf2;
using static MidiSampler.Formats.Sf2.SoundFontGeneratorType;
using static MidiSampler.Tests.Formats.Sf2.Sf2Builder;

namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>The zone rules of spec sections 7.3-7.9 and 8.1, and clear errors for structurally unsound files.</summary>
public class SoundFontParserTests
{
    private static SoundFontFile Read(byte[] bytes) => SoundFontLoader.Read(new MemoryStream(bytes), "test.sf2");

    [Fact]
    public void An_odd_chunk_without_its_pad_byte_is_read_unpadded_with_a_warning()
    {
        // As Debian's FluidR3Mono_GM.sf3 and MuseScore_General_Lite.sf3 are written: an odd chunk, then the next one at once.
        var b = Simple();
        b.ExtraInfo.Add(("ICMT", Encoding.ASCII.GetBytes("odd\0x"))); // 5 bytes: the builder pads it to 6
        byte[] padded = b.Build();
        int icmt = padded.AsSpan().IndexOf("ICMT"u8);
        int pad = icmt + 8 + 5;
        Assert.Equal(0, padded[pad]);
        byte[] bytes = [.. padded[..pad], .. padded[(pad + 1)..]];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)) - 1); // RIFF
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)) - 1); // LIST INFO

        var file = Read(bytes);

        Assert.Equal(Read(padded).Presets.Count, file.Presets.Count);
        Assert.Equal(Read(padded).SampleHeaders.Count, file.SampleHeaders.Count);
        Assert.Contains(file.Warnings, w => w.Contains("without the pad byte", StringComparison.Ordinal)); // on the odd INFO list that holds it
        Assert.DoesNotContain(Read(padded).Warnings, w => w.Contains("pad byte", StringComparison.Ordinal)); // a padded file reads as before
    }

    private static InstrumentLoadException Reject(byte[] bytes) => Assert.Throws<InstrumentLoadException>(() => SoundFontLoader.LoadBank(new MemoryStream(bytes), "test.sf2"));

    [Fact]
    public void Zone_rules_drop_misplaced_invalid_and_unknown_generators()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", new short[40], 0, 0);
        int i = b.AddInstrument("i",
            new Zone(Gen(Pan, 10), Range(KeyRange, 1, 2), Range(VelRange, 3, 4), ((ushort)99, 5), ((ushort)Unused1, 5), Gen(Pan, 20), Gen(SoundFontGeneratorType.Instrument, 0), SampleId(s), Gen(FineTune, 9)),
            new Zone(Range(KeyRange, 10, 20), Range(VelRange, 30, 40), SampleId(s)),
            new Zone(Gen(FineTune, 1))); // no sample and not first: ignored
        b.AddPreset("p", 0, 0,
            new Zone(Gen(SampleModes, 1), Gen(OverridingRootKey, 40), Gen(CoarseTune, 2)), // global: instrument-only generators dropped
            new Zone(Instrument(i)));
        var file = Read(b.Build());
        var zones = file.Instruments[0].Zones;
        Assert.Equal(2, zones.Count);
        Assert.Null(file.Instruments[0].GlobalZone);
        Assert.Null(zones[0].KeyRange); // keyRange not first
        Assert.Null(zones[0].VelocityRange); // velRange after something other than keyRange
        Assert.Equal([(Pan, 20)], zones[0].Generators.Select(g => (g.Type, g.Value))); // the repeated pan keeps its last value
        Assert.Equal(s, zones[0].Link);
        Assert.Equal(((byte)10, (byte)20), zones[1].KeyRange);
        Assert.Equal(((byte)30, (byte)40), zones[1].VelocityRange);
        var global = file.Presets[0].GlobalZone;
        Assert.NotNull(global);
        Assert.Equal([CoarseTune], global.Generators.Select(g => g.Type));
        foreach (string expected in new[] { "keyRange is not the first", "velRange preceded", "unknown or unused generator 99", "unknown or unused generator 14",
            "Instrument is not valid at instrument level", "after the sample generator ignored", "no sample generator and not the first zone",
            "SampleModes is not valid at preset level", "OverridingRootKey is not valid at preset level" })
            Assert.Contains(file.Warnings, w => w.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Generator_amounts_read_as_signed_unsigned_and_ranges()
    {
        var g = new SoundFontGenerator(FineTune, 0xFFF6);
        Assert.Equal(-10, g.Signed);
        Assert.Equal(-10, g.Value);
        var r = new SoundFontGenerator(KeyRange, 0x7F24);
        Assert.Equal((0x24, 0x7F), (r.RangeLow, r.RangeHigh));
        Assert.Equal(0x7F24, r.Value);
        Assert.Equal(40000, new SoundFontGenerator(SoundFontGeneratorType.SampleId, 40000).Value);
        var m = new SoundFontModulator(0x0502, 48, 960, 0, 0);
        Assert.Equal((2, false, true, false, 1, InitialAttenuation), (m.SourceIndex, m.SourceIsController, m.SourceIsNegative, m.SourceIsBipolar, m.SourceCurve, m.Destination));
    }

    [Fact]
    public void Modulators_are_kept_raw_per_zone()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", new short[40], 0, 0);
        var mod = new SoundFontModulator(0x00DB, 16, 200, 0, 0); // CC91 → reverb send
        int i = b.AddInstrument("i", new Zone([SampleId(s)], [mod]));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        Assert.Equal([mod], Read(b.Build()).Instruments[0].Zones[0].Modulators);
    }

    [Fact]
    public void Links_out_of_range_drop_the_zone_with_a_warning()
    {
        var b = new Sf2Builder();
        int s = b.AddSample("s", new short[40], 0, 0);
        int i = b.AddInstrument("i", new Zone(SampleId(7)), new Zone(SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(3)), new Zone(Instrument(i)));
        var file = Read(b.Build());
        Assert.Single(file.Instruments[0].Zones);
        Assert.Single(file.Presets[0].Zones);
        Assert.Contains(file.Warnings, w => w.Contains("sample 7 does not exist", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Contains("instrument 3 does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Sample_headers_past_the_sample_data_are_skipped_with_a_warning()
    {
        var b = Simple();
        var bytes = b.Build();
        int shdr = Find(bytes, "shdr") + 8;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(shdr + 24), 1_000_000); // dwEnd
        var instrument = SoundFontLoader.Load(new MemoryStream(bytes), "test.sf2", 0, 0);
        Assert.Empty(instrument.Regions);
        Assert.Contains(instrument.Warnings, w => w.Contains("past the", StringComparison.Ordinal) && w.Contains("'sine'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_preset_is_an_error_naming_bank_and_program()
    {
        var e = Assert.Throws<InstrumentLoadException>(() => SoundFontLoader.Load(new MemoryStream(Simple().Build()), "test.sf2", 3, 9));
        Assert.Contains("bank 3, program 9", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RIFX", "not a SoundFont")]
    [InlineData("sfbk->WAVE", "not a SoundFont ('sfbk')")]
    public void Wrong_signatures_are_named(string what, string expected)
    {
        var bytes = Simple().Build();
        if (what == "RIFX")
            Encoding.ASCII.GetBytes("RIFX").CopyTo(bytes, 0);
        else
            Encoding.ASCII.GetBytes("WAVE").CopyTo(bytes, 8);
        Assert.Contains(expected, Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_sizes_that_do_not_divide_the_chunk_are_rejected()
    {
        var b = Simple();
        b.TamperPdta = (id, body) => id == "pgen" ? [.. body, 0, 0] : body;
        var e = Reject(b.Build());
        Assert.Contains("chunk 'pgen'", e.Location, StringComparison.Ordinal);
        Assert.Contains("not a multiple of the 4-byte record", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decreasing_bag_indices_are_rejected_with_the_record()
    {
        var b = Simple();
        b.AddPreset("second", 1, 0, new Zone(Instrument(0)));
        var bytes = b.Build();
        int phdr = Find(bytes, "phdr") + 8;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(phdr + 38 + 24), 0); // record 1 bag 1 → 0 ...
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(phdr + 24), 1); // ... below record 0's 1
        var e = Reject(bytes);
        Assert.Equal("chunk 'phdr', record 1", e.Location);
        Assert.Contains("must not decrease", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_terminal_bag_is_rejected()
    {
        var bytes = Simple().Build();
        int phdr = Find(bytes, "phdr") + 8;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(phdr + 38 + 24), 2); // the terminal preset points past the last bag
        var e = Reject(bytes);
        Assert.Equal("chunk 'phdr', record 1", e.Location);
        Assert.Contains("no terminal record", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_indices_past_the_chunk_are_rejected()
    {
        var bytes = Simple().Build();
        int pbag = Find(bytes, "pbag") + 8;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(pbag + 4), 500);
        var e = Reject(bytes);
        Assert.Equal("chunk 'pbag', record 1", e.Location);
        Assert.Contains("past the end of 'pgen'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunk_that_runs_past_the_file_is_named_with_its_position()
    {
        var bytes = Simple().Build();
        int smpl = Find(bytes, "smpl");
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(smpl + 4), 0x7FFFFFF0);
        var e = Reject(bytes);
        Assert.Equal($"chunk 'smpl' at byte {smpl}", e.Location);
        Assert.Contains("truncated", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phdr")]
    [InlineData("pbag")]
    [InlineData("pgen")]
    [InlineData("shdr")]
    public void An_empty_hydra_chunk_is_rejected(string id)
    {
        var b = Simple();
        b.TamperPdta = (chunk, body) => chunk == id ? [] : body;
        var e = Reject(b.Build());
        Assert.Contains($"chunk '{id}'", e.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_terminal_generator_is_tolerated_with_a_warning()
    {
        var b = Simple();
        b.TamperPdta = (id, body) => id == "igen" ? body[..^4] : body;
        var file = Read(b.Build());
        Assert.Single(file.Instruments[0].Zones);
        Assert.Contains(file.Warnings, w => w.Contains("'igen': no terminal record", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_hydra_chunk_is_named()
    {
        var bytes = Simple().Build();
        Encoding.ASCII.GetBytes("xgen").CopyTo(bytes, Find(bytes, "igen"));
        Assert.Contains("no 'igen' chunk", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_of_a_valid_bank_is_rejected_cleanly()
    {
        var bytes = Simple().Build();
        for (int length = 0; length < bytes.Length; length++)
        {
            try
            {
                SoundFontLoader.LoadBank(new MemoryStream(bytes[..length]), "test.sf2");
            }
            catch (InstrumentLoadException e)
            {
                Assert.False(string.IsNullOrEmpty(e.Reason));
            }
        }
    }

    [Fact]
    public void Missing_files_and_directories_are_load_errors()
    {
        Assert.Contains("no such file", Assert.Throws<InstrumentLoadException>(() => SoundFontLoader.Read("/nonexistent/x.sf2")).Message, StringComparison.Ordinal);
        Assert.Contains("directory", Assert.Throws<InstrumentLoadException>(() => SoundFontLoader.Read(Path.GetTempPath())).Message, StringComparison.Ordinal);
    }

    internal static int Find(byte[] bytes, string id)
    {
        var pattern = Encoding.ASCII.GetBytes(id);
        int at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at >= 0, id);
        return at;
    }
}

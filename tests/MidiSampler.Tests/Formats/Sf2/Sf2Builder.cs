using System.Buffers.Binary;
using System.Text;
using MidiSampler.Formats.Sf2;

namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>Writes small SoundFont 2 banks in tests: samples, instruments and presets with raw generators and modulators.</summary>
internal sealed class Sf2Builder
{
    private readonly List<short> _points = [];
    private readonly List<byte> _low = [];
    private readonly List<byte[]> _shdr = [];
    private readonly List<(string Name, List<Zone> Zones)> _instruments = [];
    private readonly List<(string Name, int Program, int Bank, List<Zone> Zones)> _presets = [];

    public (int Major, int Minor) Version { get; set; } = (2, 1);

    /// <summary>Write an sm24 chunk with the low bytes given to <see cref="AddSample"/>.</summary>
    public bool With24Bit { get; set; }

    /// <summary>Rewrites a pdta sub-chunk's body before it is written (id, body → new body): for structural error tests.</summary>
    public Func<string, byte[], byte[]>? TamperPdta { get; set; }

    /// <summary>Extra chunks to put in the INFO list.</summary>
    public List<(string Id, byte[] Body)> ExtraInfo { get; } = [];

    public sealed record Zone(List<(ushort Op, ushort Amount)> Generators, List<SoundFontModulator> Modulators)
    {
        public Zone(params (ushort Op, ushort Amount)[] generators)
            : this([.. generators], [])
        {
        }
    }

    public static (ushort, ushort) Gen(SoundFontGeneratorType type, int amount) => ((ushort)type, unchecked((ushort)(short)amount));

    public static (ushort, ushort) Range(SoundFontGeneratorType type, int low, int high) => ((ushort)type, (ushort)(low | (high << 8)));

    public static (ushort, ushort) Instrument(int index) => Gen(SoundFontGeneratorType.Instrument, index);

    public static (ushort, ushort) SampleId(int index) => Gen(SoundFontGeneratorType.SampleId, index);

    /// <summary>Adds a sample (plus the 46 zero points the spec asks after each); loop points are relative to its start.</summary>
    public int AddSample(string name, short[] data, int loopStart, int loopEnd, int rate = 44100, int pitch = 60, int correction = 0,
        SoundFontSampleType type = SoundFontSampleType.Mono, int link = 0, byte[]? low = null)
    {
        uint start = (uint)_points.Count;
        _points.AddRange(data);
        _low.AddRange(low ?? new byte[data.Length]);
        _points.AddRange(new short[46]);
        _low.AddRange(new byte[46]);
        return AddHeader(name, start, start + (uint)data.Length, start + (uint)loopStart, start + (uint)loopEnd, rate, pitch, correction, type, link);
    }

    /// <summary>
    /// Adds an SF3 compressed sample: <paramref name="ogg"/> (an Ogg Vorbis stream) goes into smpl as bytes; the header's
    /// start/end are its byte offsets and the loop points are decoded frames relative to the sample (the SF3 convention).
    /// </summary>
    public int AddCompressedSample(string name, byte[] ogg, int loopStart, int loopEnd, int rate = 44100, int pitch = 60,
        SoundFontSampleType type = SoundFontSampleType.Mono, int link = 0, int? declaredBytes = null)
    {
        uint start = (uint)_points.Count * 2;
        byte[] even = ogg.Length % 2 == 0 ? ogg : [.. ogg, 0];
        for (int n = 0; n < even.Length; n += 2)
            _points.Add(BinaryPrimitives.ReadInt16LittleEndian(even.AsSpan(n)));
        _low.AddRange(new byte[even.Length / 2]);
        return AddHeader(name, start, start + (uint)(declaredBytes ?? ogg.Length), (uint)loopStart, (uint)loopEnd, rate, pitch, 0, type | SoundFontSampleType.Vorbis, link);
    }

    private int AddHeader(string name, uint start, uint end, uint startLoop, uint endLoop, int rate, int pitch, int correction, SoundFontSampleType type, int link)
    {
        var r = new byte[46];
        Encoding.ASCII.GetBytes(name, r.AsSpan(0, Math.Min(20, name.Length)));
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(20), start);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(24), end);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(28), startLoop);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(32), endLoop);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(36), (uint)rate);
        r[40] = (byte)pitch;
        r[41] = unchecked((byte)(sbyte)correction);
        BinaryPrimitives.WriteUInt16LittleEndian(r.AsSpan(42), (ushort)link);
        BinaryPrimitives.WriteUInt16LittleEndian(r.AsSpan(44), (ushort)type);
        _shdr.Add(r);
        return _shdr.Count - 1;
    }

    public int AddInstrument(string name, params Zone[] zones)
    {
        _instruments.Add((name, [.. zones]));
        return _instruments.Count - 1;
    }

    public void AddPreset(string name, int program, int bank, params Zone[] zones) => _presets.Add((name, program, bank, [.. zones]));

    /// <summary>A bank with one 64-point looped sample, one instrument and one preset (bank 0, program 0).</summary>
    public static Sf2Builder Simple()
    {
        var b = new Sf2Builder();
        var data = new short[64];
        for (int n = 0; n < data.Length; n++)
            data[n] = (short)(10000 * Math.Sin(2 * Math.PI * n / 16));
        int s = b.AddSample("sine", data, 8, 56, pitch: 69);
        int i = b.AddInstrument("inst", new Zone(Gen(SoundFontGeneratorType.SampleModes, 1), SampleId(s)));
        b.AddPreset("preset", 0, 0, new Zone(Instrument(i)));
        return b;
    }

    public byte[] Build()
    {
        var info = new List<byte[]>
        {
            Chunk("ifil", [(byte)Version.Major, 0, (byte)Version.Minor, 0]),
            Chunk("isng", Encoding.ASCII.GetBytes("EMU8000\0")),
            Chunk("INAM", Encoding.ASCII.GetBytes("Test bank\0\0\0")), // even, as the spec asks (FluidSynth refuses an odd size)
        };
        info.AddRange(ExtraInfo.Select(x => Chunk(x.Id, x.Body)));
        var smpl = new byte[_points.Count * 2];
        for (int n = 0; n < _points.Count; n++)
            BinaryPrimitives.WriteInt16LittleEndian(smpl.AsSpan(n * 2), _points[n]);
        var sdta = new List<byte[]> { Chunk("smpl", smpl) };
        if (With24Bit)
            sdta.Add(Chunk("sm24", [.. _low, .. (_low.Count % 2 == 1 ? new byte[1] : [])]));

        var (phdr, pbag, pmod, pgen) = Hydra(_presets.Select(p => (Header(p.Name, 38, p.Program, p.Bank), p.Zones)).ToList(), 38, 24, "EOP");
        var (inst, ibag, imod, igen) = Hydra(_instruments.Select(x => (Header(x.Name, 22, 0, 0), x.Zones)).ToList(), 22, 20, "EOI");
        var shdr = _shdr.SelectMany(x => x).Concat(Header("EOS", 46, 0, 0)).ToArray();
        byte[] P(string id, byte[] body) => Chunk(id, TamperPdta?.Invoke(id, body) ?? body);
        var pdta = new[]
        {
            P("phdr", phdr), P("pbag", pbag), P("pmod", pmod), P("pgen", pgen),
            P("inst", inst), P("ibag", ibag), P("imod", imod), P("igen", igen), P("shdr", shdr),
        };
        return Riff("sfbk", List("INFO", info), List("sdta", sdta), List("pdta", pdta));
    }

    private static byte[] Header(string name, int size, int program, int bank)
    {
        var r = new byte[size];
        Encoding.ASCII.GetBytes(name, r.AsSpan(0, Math.Min(20, name.Length)));
        if (size == 38)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(r.AsSpan(20), (ushort)program);
            BinaryPrimitives.WriteUInt16LittleEndian(r.AsSpan(22), (ushort)bank);
        }

        return r;
    }

    private static (byte[] Headers, byte[] Bags, byte[] Mods, byte[] Gens) Hydra(List<(byte[] Header, List<Zone> Zones)> owners, int size, int bagField, string terminal)
    {
        var headers = new List<byte>();
        var bags = new List<byte>();
        var mods = new List<byte>();
        var gens = new List<byte>();
        int bag = 0, gen = 0, mod = 0;
        foreach (var (header, zones) in owners.Append((Header(terminal, size, 0, 0), [])))
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(bagField), (ushort)bag);
            headers.AddRange(header);
            foreach (var z in zones)
            {
                bags.AddRange(U16(gen).Concat(U16(mod)));
                foreach (var (op, amount) in z.Generators)
                    gens.AddRange(U16(op).Concat(U16(amount)));
                foreach (var m in z.Modulators)
                    mods.AddRange(U16(m.Source).Concat(U16(m.DestinationRaw)).Concat(U16(unchecked((ushort)m.Amount))).Concat(U16(m.AmountSource)).Concat(U16(m.Transform)));
                gen += z.Generators.Count;
                mod += z.Modulators.Count;
                bag++;
            }
        }

        bags.AddRange(U16(gen).Concat(U16(mod)));
        gens.AddRange(new byte[4]);
        mods.AddRange(new byte[10]);
        return ([.. headers], [.. bags], [.. mods], [.. gens]);
    }

    private static byte[] U16(int v) => [(byte)v, (byte)(v >> 8)];

    public static byte[] Chunk(string id, byte[] body)
    {
        var c = new byte[8 + body.Length + (body.Length & 1)];
        Encoding.ASCII.GetBytes(id, c);
        BinaryPrimitives.WriteUInt32LittleEndian(c.AsSpan(4), (uint)body.Length);
        body.CopyTo(c, 8);
        return c;
    }

    private static byte[] List(string type, IEnumerable<byte[]> chunks) => Chunk("LIST", [.. Encoding.ASCII.GetBytes(type), .. chunks.SelectMany(x => x)]);

    private static byte[] Riff(string form, params byte[][] chunks) => Chunk("RIFF", [.. Encoding.ASCII.GetBytes(form), .. chunks.SelectMany(x => x)]);
}

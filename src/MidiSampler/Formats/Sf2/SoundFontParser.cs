using System.Buffers.Binary;
using System.Text;

namespace MidiSampler.Formats.Sf2;

/// <summary>Reads the RIFF structure of one SoundFont 2/3 bank into a <see cref="SoundFontFile"/>. Control or loader thread.</summary>
/// <remarks>
/// Design: a walk over chunk headers on a seekable stream. INFO strings and the nine small <c>pdta</c> sub-chunks are
/// read whole (each is checked against the bytes present first, and holds at most 65,536 records because every index
/// into it is 16-bit, so no allocation outgrows the file or a few MB); <c>smpl</c> and <c>sm24</c> are only located, the
/// loader reads them later, only for the samples a preset uses.
/// Rules (SoundFont 2.04, sections 3, 5, 6 and 7): record sizes must divide their chunk; each hydra chunk ends with a
/// terminal record; bag indices must not decrease and must stay inside the next chunk ("structurally unsound, reject").
/// Zone rules of sections 7.3-7.9 and 8.1 drop what they must with a warning: keyRange not first, velRange preceded by
/// anything but keyRange, generators after the instrument/sampleID, generators invalid at preset level, unknown and
/// unused operators, zones without a link that are not first, links out of range. A repeated operator keeps its last
/// value, as FluidSynth does. sm24 is used only for ifil 2.04 or later and when its size matches smpl (section 6.1).
/// </remarks>
internal sealed class SoundFontParser
{
    /// <summary>Indices into every hydra chunk are 16-bit, so a chunk with more records than this cannot be addressed.</summary>
    private const int MaxRecords = 65536;

    private const int MaxWarnings = 200;

    private readonly Stream _stream;
    private readonly long _origin;
    private readonly long _length;
    private readonly string _name;
    private readonly List<string> _warnings = [];
    private int _droppedWarnings;

    public SoundFontParser(Stream stream, string name)
    {
        _stream = stream;
        _origin = stream.Position;
        _length = Math.Max(0, stream.Length - _origin);
        _name = name;
    }

    private readonly record struct Chunk(string Id, long Position, long Body, uint Size);

    private readonly record struct Bag(int Generator, int Modulator);

    public SoundFontFile Parse()
    {
        Span<byte> header = stackalloc byte[12];
        int got = ReadAt(0, header);
        if (got < 12)
            throw Error("byte 0", $"truncated header: the file is {got} bytes long; a SoundFont starts with a 12-byte RIFF header");
        string magic = FourCc(header[..4]);
        if (magic != "RIFF")
            throw Error("byte 0", $"not a SoundFont: the file starts with '{magic}', not 'RIFF'");
        string form = FourCc(header[8..12]);
        if (form != "sfbk")
            throw Error("byte 8", $"a RIFF file of type '{form}', not a SoundFont ('sfbk')");
        uint riffSize = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        long end = _length;
        if (riffSize + 8L < _length)
            end = riffSize + 8L < 12 ? _length : riffSize + 8L; // bytes after the RIFF form are not part of the bank
        else if (riffSize + 8L > _length)
            Warn("byte 4", $"RIFF size says {riffSize + 8L} bytes, the file has {_length}: reading what is present");

        Chunk? info = null, sdta = null, pdta = null;
        foreach (var chunk in Walk(12, end, "RIFF 'sfbk'"))
        {
            if (chunk.Id != "LIST")
                continue; // unknown top-level chunks are skipped (RIFF rule)
            if (chunk.Size < 4)
                throw Error(Place(chunk), "a LIST chunk shorter than its 4-byte type");
            string type = ReadFourCc(chunk.Body);
            if (type == "INFO" && info is null)
                info = chunk;
            else if (type == "sdta" && sdta is null)
                sdta = chunk;
            else if (type == "pdta" && pdta is null)
                pdta = chunk;
        }

        var infoRecord = info is { } i ? ParseInfo(i) : MissingInfo();
        if (infoRecord.VersionMajor is < 2)
            throw Error("chunk 'ifil'", $"version {infoRecord.VersionMajor}.{infoRecord.VersionMinor}: SoundFont 1 banks are not supported (convert to SoundFont 2)");
        if (infoRecord.VersionMajor > 3)
            Warn("chunk 'ifil'", $"version {infoRecord.VersionMajor}.{infoRecord.VersionMinor} is newer than 3: reading it as SoundFont 2");
        if (pdta is not { } hydra)
            throw Error("", "no 'pdta' LIST: the bank has no presets, instruments or sample headers");
        long smplOffset = -1, smplPoints = 0, sm24Offset = -1;
        if (sdta is { } s)
            (smplOffset, smplPoints, sm24Offset) = ParseSdta(s, infoRecord);
        else
            Warn("", "no 'sdta' LIST: the bank has no sample data");

        var chunks = new Dictionary<string, Chunk>(StringComparer.Ordinal);
        foreach (var c in Walk(hydra.Body + 4, hydra.Body + hydra.Size, "LIST 'pdta'"))
            chunks.TryAdd(c.Id, c);

        var phdr = Records(chunks, "phdr", 38);
        var pbag = ReadBags(chunks, "pbag");
        var pmod = Records(chunks, "pmod", 10);
        var pgen = Records(chunks, "pgen", 4);
        var inst = Records(chunks, "inst", 22);
        var ibag = ReadBags(chunks, "ibag");
        var imod = Records(chunks, "imod", 10);
        var igen = Records(chunks, "igen", 4);
        var shdr = Records(chunks, "shdr", 46);

        var sampleHeaders = ParseSampleHeaders(shdr);
        var instrumentBags = OwnerBags(inst, 22, 20, "inst", ibag.Length);
        CheckBags(ibag, "ibag", igen.Length / 4, imod.Length / 10);
        var instruments = new List<SoundFontInstrument>(instrumentBags.Length - 1);
        for (int n = 0; n < instrumentBags.Length - 1; n++)
        {
            string name = Name(inst.AsSpan(n * 22, 20));
            var (global, zones) = BuildZones("instrument", name, instrumentBags[n], instrumentBags[n + 1], ibag, igen, imod, "igen", presetLevel: false, sampleHeaders.Count);
            instruments.Add(new SoundFontInstrument(name, global, zones));
        }

        var presetBags = OwnerBags(phdr, 38, 24, "phdr", pbag.Length);
        CheckBags(pbag, "pbag", pgen.Length / 4, pmod.Length / 10);
        var presets = new List<SoundFontPreset>(presetBags.Length - 1);
        for (int n = 0; n < presetBags.Length - 1; n++)
        {
            var record = phdr.AsSpan(n * 38, 38);
            string name = Name(record[..20]);
            int program = BinaryPrimitives.ReadUInt16LittleEndian(record[20..]);
            int bank = BinaryPrimitives.ReadUInt16LittleEndian(record[22..]);
            var (global, zones) = BuildZones("preset", name, presetBags[n], presetBags[n + 1], pbag, pgen, pmod, "pgen", presetLevel: true, instruments.Count);
            presets.Add(new SoundFontPreset(
                name, program, bank, global, zones,
                BinaryPrimitives.ReadUInt32LittleEndian(record[26..]),
                BinaryPrimitives.ReadUInt32LittleEndian(record[30..]),
                BinaryPrimitives.ReadUInt32LittleEndian(record[34..])));
        }

        var warnings = _droppedWarnings == 0 ? _warnings : [.. _warnings, $"... and {_droppedWarnings} more warnings"];
        return new SoundFontFile(_name, infoRecord, presets, instruments, sampleHeaders, smplOffset, smplPoints, sm24Offset, warnings);
    }

    /// <summary>The chunks between <paramref name="start"/> and <paramref name="end"/>; each must fit, so each step moves forward at least 8 bytes.</summary>
    private List<Chunk> Walk(long start, long end, string parent)
    {
        var list = new List<Chunk>();
        Span<byte> h = stackalloc byte[8];
        long position = start;
        while (end - position >= 8)
        {
            if (ReadAt(position, h) < 8)
                break;
            string id = FourCc(h[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(h[4..]);
            long body = position + 8;
            if (size > end - body)
                throw Error($"chunk '{Printable(id)}' at byte {position}", $"truncated: the chunk declares {size} bytes but its {parent} ends {end - body} bytes after its header");
            list.Add(new Chunk(id, position, body, size));
            position = body + size + (size & 1);
            // RIFF pads an odd chunk to an even size, but some SF3 writers leave the pad out (Debian's FluidR3Mono_GM.sf3:
            // an odd 'smpl' then 'LIST' one byte early). FluidSynth reads such files; so do we, when the byte after the
            // chunk starts a chunk ID and the padded position does not.
            if ((size & 1) != 0 && end - position >= 8 && !IsKnownChunkAt(position) && IsKnownChunkAt(position - 1))
            {
                Warn($"chunk '{Printable(id)}' at byte {list[^1].Position}", "odd size without the pad byte RIFF asks for: read unpadded");
                position--;
            }
        }

        if (position < end && end - position < 8)
            Warn($"byte {position}", $"{end - position} stray bytes at the end of {parent}: ignored");
        return list;
    }

    /// <summary>The chunk IDs a SoundFont holds (RIFF LIST, INFO sub-chunks, sdta, pdta: sections 4-8).</summary>
    private static readonly HashSet<string> KnownChunkIds = new(StringComparer.Ordinal)
    {
        "LIST", "ifil", "isng", "INAM", "irom", "iver", "ICRD", "IENG", "IPRD", "ICOP", "ICMT", "ISFT", "smpl", "sm24",
        "phdr", "pbag", "pmod", "pgen", "inst", "ibag", "imod", "igen", "shdr",
    };

    /// <summary>True when the four bytes at <paramref name="position"/> are a SoundFont chunk ID.</summary>
    private bool IsKnownChunkAt(long position)
    {
        Span<byte> id = stackalloc byte[4];
        return ReadAt(position, id) == 4 && KnownChunkIds.Contains(FourCc(id));
    }

    private SoundFontInfo ParseInfo(Chunk list)
    {
        int major = -1, minor = 0;
        Span<byte> v = stackalloc byte[4];
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in Walk(list.Body + 4, list.Body + list.Size, "LIST 'INFO'"))
        {
            if (c.Id == "ifil")
            {
                if (c.Size < 4)
                    throw Error(Place(c), $"the version chunk is {c.Size} bytes; it needs 4");
                ReadExact(c.Body, v, Place(c));
                major = BinaryPrimitives.ReadUInt16LittleEndian(v);
                minor = BinaryPrimitives.ReadUInt16LittleEndian(v[2..]);
            }
            else if (c.Id is "isng" or "INAM" or "irom" or "ICRD" or "IENG" or "IPRD" or "ICOP" or "ICMT" or "ISFT")
            {
                // Section 5: strings are at most 256 bytes (ICMT 65,536); longer ones are cut, as FluidSynth does.
                int max = c.Id == "ICMT" ? 65536 : 256;
                var bytes = new byte[Math.Min(c.Size, (uint)max)];
                ReadExact(c.Body, bytes, Place(c));
                texts.TryAdd(c.Id, Name(bytes));
            }
        }

        if (major < 0)
        {
            Warn("LIST 'INFO'", "no 'ifil' version chunk: assuming 2.01");
            (major, minor) = (2, 1);
        }

        string T(string id) => texts.TryGetValue(id, out var t) ? t : "";
        string engine = T("isng");
        return new SoundFontInfo(major, minor, engine.Length == 0 ? "EMU8000" : engine, T("INAM"), T("irom"), T("ICRD"), T("IENG"), T("IPRD"), T("ICOP"), T("ICMT"), T("ISFT"));
    }

    private SoundFontInfo MissingInfo()
    {
        Warn("", "no 'INFO' LIST: assuming version 2.01");
        return new SoundFontInfo(2, 1, "EMU8000", "", "", "", "", "", "", "", "");
    }

    private (long SmplOffset, long SmplPoints, long Sm24Offset) ParseSdta(Chunk list, SoundFontInfo info)
    {
        Chunk? smpl = null, sm24 = null;
        foreach (var c in Walk(list.Body + 4, list.Body + list.Size, "LIST 'sdta'"))
        {
            if (c.Id == "smpl" && smpl is null)
                smpl = c;
            else if (c.Id == "sm24" && sm24 is null)
                sm24 = c;
        }

        if (smpl is not { } data)
        {
            Warn("LIST 'sdta'", "no 'smpl' chunk: the bank has no sample data");
            return (-1, 0, -1);
        }

        bool compressed = info.VersionMajor == 3;
        long points = compressed ? data.Size : data.Size / 2;
        if (!compressed && (data.Size & 1) != 0)
            Warn(Place(data), $"odd size {data.Size}: the last byte is ignored");
        long sm24Offset = -1;
        if (sm24 is { } low)
        {
            // Section 6.1: sm24 holds one byte per smpl point (padded to an even size); it is ignored in files older
            // than 2.04 and when its size does not match.
            long expected = points + (points & 1);
            if (compressed)
                Warn(Place(low), "an 'sm24' chunk in an SF3 bank: ignored");
            else if (info.VersionMajor == 2 && info.VersionMinor < 4)
                Warn(Place(low), $"an 'sm24' chunk in a version {info.VersionMajor}.{info.VersionMinor:00} bank (24-bit data needs 2.04): ignored");
            else if (low.Size != expected && low.Size != points)
                Warn(Place(low), $"size {low.Size} does not match the {points} points of 'smpl' (expected {expected}): 24-bit data ignored");
            else
                sm24Offset = low.Body;
        }

        return (data.Body, points, sm24Offset);
    }

    private byte[] Records(Dictionary<string, Chunk> chunks, string id, int recordSize)
    {
        if (!chunks.TryGetValue(id, out var c))
            throw Error("LIST 'pdta'", $"no '{id}' chunk: a SoundFont's pdta list needs all nine sub-chunks (spec section 7)");
        if (c.Size % recordSize != 0)
            throw Error(Place(c), $"size {c.Size} is not a multiple of the {recordSize}-byte record (spec section 7)");
        long count = c.Size / recordSize;
        if (count == 0)
            throw Error(Place(c), "empty: it needs at least its terminal record (spec section 7)");
        if (count > MaxRecords)
            throw Error(Place(c), $"{count} records: more than the {MaxRecords} that 16-bit indices can address");
        var bytes = new byte[c.Size];
        ReadExact(c.Body, bytes, Place(c));
        return bytes;
    }

    private Bag[] ReadBags(Dictionary<string, Chunk> chunks, string id)
    {
        var raw = Records(chunks, id, 4);
        var bags = new Bag[raw.Length / 4];
        for (int n = 0; n < bags.Length; n++)
            bags[n] = new Bag(BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(n * 4)), BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan((n * 4) + 2)));
        return bags;
    }

    /// <summary>The bag index of each preset or instrument record, terminal included; checks they rise and stay inside the bag chunk.</summary>
    private int[] OwnerBags(byte[] records, int recordSize, int bagField, string id, int bagCount)
    {
        int count = records.Length / recordSize;
        var bags = new int[count];
        for (int n = 0; n < count; n++)
        {
            bags[n] = BinaryPrimitives.ReadUInt16LittleEndian(records.AsSpan((n * recordSize) + bagField));
            if (n > 0 && bags[n] < bags[n - 1])
                throw Error($"chunk '{id}', record {n}", $"bag index {bags[n]} is below the previous record's {bags[n - 1]} (indices must not decrease, spec section 7)");
        }

        string bagId = id == "phdr" ? "pbag" : "ibag";
        if (bags[^1] >= bagCount)
        {
            throw Error($"chunk '{id}', record {count - 1}", bags[^1] == bagCount
                ? $"the terminal record points at bag {bags[^1]}, but '{bagId}' has no terminal record ({bagCount} records)"
                : $"bag index {bags[^1]} is past the end of '{bagId}' ({bagCount} records)");
        }

        if (bags[^1] != bagCount - 1)
            Warn($"chunk '{id}', record {count - 1}", $"the terminal record points at bag {bags[^1]}, but '{bagId}' has {bagCount} records: the rest are unused");
        if (count == 1)
            Warn($"chunk '{id}'", $"only the terminal record: the bank has no {(id == "phdr" ? "presets" : "instruments")}");
        return bags;
    }

    private void CheckBags(Bag[] bags, string id, int generatorCount, int modulatorCount)
    {
        string genId = id == "pbag" ? "pgen" : "igen";
        string modId = id == "pbag" ? "pmod" : "imod";
        for (int n = 1; n < bags.Length; n++)
        {
            if (bags[n].Generator < bags[n - 1].Generator)
                throw Error($"chunk '{id}', record {n}", $"generator index {bags[n].Generator} is below the previous bag's {bags[n - 1].Generator} (indices must not decrease, spec section 7)");
            if (bags[n].Modulator < bags[n - 1].Modulator)
                throw Error($"chunk '{id}', record {n}", $"modulator index {bags[n].Modulator} is below the previous bag's {bags[n - 1].Modulator} (indices must not decrease, spec section 7)");
        }

        var last = bags[^1];
        if (last.Generator > generatorCount)
            throw Error($"chunk '{id}', record {bags.Length - 1}", $"generator index {last.Generator} is past the end of '{genId}' ({generatorCount} records)");
        if (last.Modulator > modulatorCount)
            throw Error($"chunk '{id}', record {bags.Length - 1}", $"modulator index {last.Modulator} is past the end of '{modId}' ({modulatorCount} records)");
        if (last.Generator == generatorCount)
            Warn($"chunk '{genId}'", "no terminal record");
        if (last.Modulator == modulatorCount)
            Warn($"chunk '{modId}'", "no terminal record");
    }

    private (SoundFontZone? Global, List<SoundFontZone> Zones) BuildZones(
        string kind, string owner, int bagStart, int bagEnd, Bag[] bags, byte[] gens, byte[] mods, string genId, bool presetLevel, int linkCount)
    {
        SoundFontZone? global = null;
        var zones = new List<SoundFontZone>(bagEnd - bagStart);
        var generators = new List<SoundFontGenerator>();
        var modulators = new List<SoundFontModulator>();
        var linkType = presetLevel ? SoundFontGeneratorType.Instrument : SoundFontGeneratorType.SampleId;
        string linkName = presetLevel ? "instrument" : "sample";
        int genCount = gens.Length / 4;
        int modCount = mods.Length / 10;
        for (int b = bagStart; b < bagEnd; b++)
        {
            int zoneIndex = b - bagStart;
            generators.Clear();
            modulators.Clear();
            (byte, byte)? keyRange = null, velRange = null;
            int? link = null;
            bool linkInvalid = false;
            int genStart = bags[b].Generator, genEnd = Math.Min(bags[b + 1].Generator, genCount);
            for (int g = genStart; g < genEnd; g++)
            {
                var type = (SoundFontGeneratorType)BinaryPrimitives.ReadUInt16LittleEndian(gens.AsSpan(g * 4));
                ushort amount = BinaryPrimitives.ReadUInt16LittleEndian(gens.AsSpan((g * 4) + 2));
                var gen = new SoundFontGenerator(type, amount);
                string place = $"chunk '{genId}', record {g}";
                if (type == linkType)
                {
                    if (amount >= linkCount)
                    {
                        Warn(place, $"{kind} '{owner}', zone {zoneIndex}: {linkName} {amount} does not exist (the bank has {linkCount}): zone ignored");
                        linkInvalid = true;
                    }

                    link = amount;
                    if (g + 1 < genEnd)
                        Warn(place, $"{kind} '{owner}', zone {zoneIndex}: {genEnd - g - 1} generators after the {linkName} generator ignored (it must be last, spec section 7.{(presetLevel ? 5 : 9)})");
                    break;
                }

                if (type == SoundFontGeneratorType.KeyRange)
                {
                    if (g == genStart)
                        keyRange = (gen.RangeLow, gen.RangeHigh);
                    else
                        Warn(place, $"{kind} '{owner}', zone {zoneIndex}: keyRange is not the first generator: ignored (spec section 7.{(presetLevel ? 5 : 9)})");
                }
                else if (type == SoundFontGeneratorType.VelRange)
                {
                    if (g == genStart || (g == genStart + 1 && keyRange is not null))
                        velRange = (gen.RangeLow, gen.RangeHigh);
                    else
                        Warn(place, $"{kind} '{owner}', zone {zoneIndex}: velRange preceded by a generator other than keyRange: ignored (spec section 7.{(presetLevel ? 5 : 9)})");
                }
                else if (!IsKnown(type))
                {
                    Warn(place, $"{kind} '{owner}', zone {zoneIndex}: unknown or unused generator {(ushort)type}: ignored (spec section 8.1.2)");
                }
                else if (type is SoundFontGeneratorType.Instrument or SoundFontGeneratorType.SampleId || (presetLevel && !IsValidAtPresetLevel(type)))
                {
                    Warn(place, $"{kind} '{owner}', zone {zoneIndex}: generator {type} is not valid at {kind} level: ignored (spec section 8.1.3)");
                }
                else
                {
                    int existing = generators.FindIndex(x => x.Type == type);
                    if (existing >= 0)
                        generators[existing] = gen; // a repeated operator: the last one wins, as in FluidSynth
                    else
                        generators.Add(gen);
                }
            }

            int modStart = bags[b].Modulator, modEnd = Math.Min(bags[b + 1].Modulator, modCount);
            for (int m = modStart; m < modEnd; m++)
            {
                var r = mods.AsSpan(m * 10, 10);
                modulators.Add(new SoundFontModulator(
                    BinaryPrimitives.ReadUInt16LittleEndian(r),
                    BinaryPrimitives.ReadUInt16LittleEndian(r[2..]),
                    BinaryPrimitives.ReadInt16LittleEndian(r[4..]),
                    BinaryPrimitives.ReadUInt16LittleEndian(r[6..]),
                    BinaryPrimitives.ReadUInt16LittleEndian(r[8..])));
            }

            if (linkInvalid)
                continue;
            var zone = new SoundFontZone(zoneIndex, generators, modulators, keyRange, velRange, link);
            if (link is not null)
                zones.Add(zone);
            else if (zoneIndex == 0)
                global = zone;
            else
                Warn($"chunk '{(presetLevel ? "pbag" : "ibag")}', record {b}", $"{kind} '{owner}', zone {zoneIndex}: no {linkName} generator and not the first zone: ignored (spec section 7.{(presetLevel ? 3 : 7)})");
        }

        return (global, zones);
    }

    private List<SoundFontSampleHeader> ParseSampleHeaders(byte[] shdr)
    {
        int count = (shdr.Length / 46) - 1;
        var headers = new List<SoundFontSampleHeader>(count);
        for (int n = 0; n < count; n++)
        {
            var r = shdr.AsSpan(n * 46, 46);
            headers.Add(new SoundFontSampleHeader(
                Name(r[..20]),
                BinaryPrimitives.ReadUInt32LittleEndian(r[20..]),
                BinaryPrimitives.ReadUInt32LittleEndian(r[24..]),
                BinaryPrimitives.ReadUInt32LittleEndian(r[28..]),
                BinaryPrimitives.ReadUInt32LittleEndian(r[32..]),
                BinaryPrimitives.ReadUInt32LittleEndian(r[36..]),
                r[40],
                unchecked((sbyte)r[41]),
                BinaryPrimitives.ReadUInt16LittleEndian(r[42..]),
                (SoundFontSampleType)BinaryPrimitives.ReadUInt16LittleEndian(r[44..])));
        }

        return headers;
    }

    /// <summary>Generators defined by spec section 8.1.2 (the unused and reserved numbers, and anything from 60 on, are not).</summary>
    internal static bool IsKnown(SoundFontGeneratorType type) =>
        (ushort)type < 60 && type is not (SoundFontGeneratorType.Unused1 or SoundFontGeneratorType.Unused2 or SoundFontGeneratorType.Unused3
            or SoundFontGeneratorType.Unused4 or SoundFontGeneratorType.Unused5 or SoundFontGeneratorType.Reserved1
            or SoundFontGeneratorType.Reserved2 or SoundFontGeneratorType.Reserved3);

    /// <summary>Section 8.1.3: sample address offsets, keynum, velocity, sampleModes, exclusiveClass and overridingRootKey are instrument-only.</summary>
    internal static bool IsValidAtPresetLevel(SoundFontGeneratorType type) => type is not (
        SoundFontGeneratorType.StartAddrsOffset or SoundFontGeneratorType.EndAddrsOffset or SoundFontGeneratorType.StartloopAddrsOffset
        or SoundFontGeneratorType.EndloopAddrsOffset or SoundFontGeneratorType.StartAddrsCoarseOffset or SoundFontGeneratorType.EndAddrsCoarseOffset
        or SoundFontGeneratorType.StartloopAddrsCoarseOffset or SoundFontGeneratorType.EndloopAddrsCoarseOffset or SoundFontGeneratorType.Keynum
        or SoundFontGeneratorType.Velocity or SoundFontGeneratorType.SampleModes or SoundFontGeneratorType.ExclusiveClass
        or SoundFontGeneratorType.OverridingRootKey or SoundFontGeneratorType.SampleId);

    /// <summary>A fixed-size name field: up to the first NUL, Latin-1, control characters shown as '?'.</summary>
    private static string Name(ReadOnlySpan<byte> field)
    {
        int n = field.IndexOf((byte)0);
        if (n >= 0)
            field = field[..n];
        var chars = new char[field.Length];
        for (int k = 0; k < field.Length; k++)
            chars[k] = field[k] < 0x20 && field[k] is not (0x0D or 0x0A or 0x09) ? '?' : (char)field[k];
        return new string(chars);
    }

    private string ReadFourCc(long position)
    {
        Span<byte> b = stackalloc byte[4];
        ReadExact(position, b, $"byte {position}");
        return FourCc(b);
    }

    private static string FourCc(ReadOnlySpan<byte> b) => Encoding.Latin1.GetString(b);

    private static string Printable(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (char c in id)
            sb.Append(c is >= ' ' and <= '~' ? c : '?');
        return sb.ToString();
    }

    private static string Place(Chunk c) => $"chunk '{Printable(c.Id)}' at byte {c.Position}";

    private int ReadAt(long position, Span<byte> buffer)
    {
        if (position >= _length)
            return 0;
        _stream.Position = _origin + position;
        int total = 0;
        while (total < buffer.Length)
        {
            int n = _stream.Read(buffer[total..]);
            if (n == 0)
                break;
            total += n;
        }

        return total;
    }

    private void ReadExact(long position, Span<byte> buffer, string place)
    {
        if (ReadAt(position, buffer) < buffer.Length)
            throw Error(place, "truncated: the file ends inside the chunk");
    }

    private void Warn(string place, string message)
    {
        if (_warnings.Count >= MaxWarnings)
        {
            _droppedWarnings++;
            return;
        }

        _warnings.Add(string.IsNullOrEmpty(place) ? $"{_name}: {message}" : $"{_name}: {place}: {message}");
    }

    private InstrumentLoadException Error(string place, string reason) => new(_name, place, reason);
}

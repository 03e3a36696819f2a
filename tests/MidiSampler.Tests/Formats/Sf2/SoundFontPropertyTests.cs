using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using FsCheck.Fluent;
using FsCheck;
using FsGen = FsCheck.Fluent.Gen;
using MidiSampler.Formats.Sf2;
using MidiSampler.Formats;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Formats.Sf2.SoundFontGeneratorType;
using static MidiSampler.Tests.Formats.Sf2.Sf2Builder;

namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>
/// Hostile input: mutated and truncated banks (a generated one, and the shared real bank) load or throw
/// <see cref="InstrumentLoadException"/>, nothing else, in bounded time. Whatever loads is consistent: every region's
/// sample range and loop lie inside its sample.
/// </summary>
public class SoundFontPropertyTests
{
    private static readonly uint[] InterestingWords = [0, 1, 2, 3, 4, 10, 22, 38, 46, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF];

    private static readonly Lazy<byte[]> Generated = new(BuildRichBank);

    private static readonly Lazy<byte[]> Shared = new(() => File.ReadAllBytes(SharedSf2.BankPath));

    [Fact]
    public void Mutated_generated_banks_load_or_reject()
    {
        Prop.ForAll(Mutations(Generated.Value.Length).ToArbitrary(), m => LoadOrReject(Mutate(Generated.Value, m)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(400));
    }

    [SharedDataFact]
    public void Mutated_real_banks_load_or_reject()
    {
        // Mutations aimed at the hydra (pdta) and the headers, where the structure is; the sample data is inert.
        int pdta = SoundFontParserTests.Find(Shared.Value, "pdta");
        var gen =
            from inHydra in FsGen.Frequency((3, FsGen.Constant(true)), (1, FsGen.Constant(false)))
            from ms in Mutations(Shared.Value.Length)
            select inHydra ? ms.Select(m => m with { Position = pdta + (m.Position % (Shared.Value.Length - pdta)) }).ToArray() : ms;
        Prop.ForAll(gen.ToArbitrary(), m => LoadOrReject(Mutate(Shared.Value, m)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Random_bytes_after_a_soundfont_header_load_or_reject()
    {
        var bytes = FsGen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Resize(2048)
            .Select(tail => Encoding.ASCII.GetBytes("RIFF\0\0\0\0sfbk").Concat(tail).ToArray());
        Prop.ForAll(bytes.ToArbitrary(), LoadOrReject).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Random_hydra_chunks_load_or_reject()
    {
        // Well-formed chunks with random bodies whose sizes are multiples of the record: reaches the zone rules and the mapper.
        var rng = from seed in FsGen.Choose(0, int.MaxValue) select seed;
        Prop.ForAll(rng.ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var b = new Sf2Builder { Version = (2, 4), With24Bit = random.Next(2) == 0 };
            b.AddSample("s", new short[64], 8, 40);
            b.TamperPdta = (id, body) =>
            {
                int size = id switch { "phdr" => 38, "inst" => 22, "shdr" => 46, "pmod" or "imod" => 10, _ => 4 };
                var r = new byte[size * random.Next(1, 8)];
                random.NextBytes(r);
                for (int k = 0; k < r.Length; k++)
                    r[k] = random.Next(3) == 0 ? r[k] : (byte)(r[k] & 7); // small values make valid-looking indices
                return r;
            };
            return LoadOrReject(b.Build());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(400));
    }

    private readonly record struct Mutation(int Kind, int Position, uint Word, byte Byte);

    private static FsCheck.Gen<Mutation[]> Mutations(int length) =>
        (from kind in FsGen.Choose(0, 4)
         from position in FsGen.Choose(0, length - 1)
         from word in FsGen.Elements(InterestingWords)
         from b in FsGen.Choose(0, 255)
         select new Mutation(kind, position, word, (byte)b)).ArrayOf().Resize(4);

    private static byte[] Mutate(byte[] original, Mutation[] mutations)
    {
        var bytes = (byte[])original.Clone();
        foreach (var m in mutations)
        {
            int p = m.Position % Math.Max(1, bytes.Length);
            switch (m.Kind)
            {
                case 0 when bytes.Length > 0:
                    bytes[p] ^= (byte)(1 << (m.Byte & 7));
                    break;
                case 1 when bytes.Length > 0:
                    bytes[p] = m.Byte;
                    break;
                case 2 when p + 4 <= bytes.Length:
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(p), m.Word);
                    break;
                case 3 when p + 2 <= bytes.Length:
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(p), (ushort)m.Word);
                    break;
                case 4:
                    bytes = bytes[..p];
                    break;
            }
        }

        return bytes;
    }

    /// <summary>True when the bank loads consistently or is rejected with InstrumentLoadException, within a time bound.</summary>
    private static bool LoadOrReject(byte[] bytes)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var bank = SoundFontLoader.LoadBank(new MemoryStream(bytes), "fuzz.sf2");
            foreach (var r in bank.Presets.SelectMany(p => p.Instrument.Regions))
            {
                long frames = r.Sample.FrameCount;
                if (r.Offset < 0 || r.Offset > r.End || r.End >= frames)
                    return false;
                if (r.LoopMode != MidiSampler.Model.LoopMode.NoLoop && (r.LoopStart < 0 || r.LoopEnd >= frames || r.LoopEnd <= r.LoopStart))
                    return false;
                if (r.LoKey > r.HiKey || r.HiKey > 127 || r.LoVelocity > r.HiVelocity || r.HiVelocity > 127)
                    return false;
            }
        }
        catch (InstrumentLoadException e)
        {
            if (string.IsNullOrEmpty(e.Reason))
                return false;
        }

        return clock.Elapsed < TimeSpan.FromSeconds(5);
    }

    private static byte[] BuildRichBank()
    {
        var b = new Sf2Builder { Version = (2, 4), With24Bit = true };
        var data = Enumerable.Range(0, 200).Select(k => (short)(k * 100)).ToArray();
        int a = b.AddSample("a", data, 20, 180, pitch: 60, low: [.. Enumerable.Range(0, 200).Select(k => (byte)k)]);
        int l = b.AddSample("l", data, 10, 100, type: SoundFontSampleType.Left, link: 2);
        int r = b.AddSample("r", data, 10, 100, type: SoundFontSampleType.Right, link: 1);
        int i0 = b.AddInstrument("one",
            new Zone(Gen(SampleModes, 1), Gen(AttackVolEnv, -2000)),
            new Zone(Range(KeyRange, 0, 60), Range(VelRange, 1, 100), Gen(KeynumToVolEnvHold, 50), SampleId(a)),
            new Zone(Range(KeyRange, 61, 127), Gen(StartloopAddrsOffset, 4), Gen(ExclusiveClass, 2), SampleId(a)));
        int i1 = b.AddInstrument("stereo", new Zone([Gen(Pan, -500), SampleId(l)], [new SoundFontModulator(0x0502, 48, 960, 0, 0)]), new Zone(Gen(Pan, 500), SampleId(r)));
        b.AddPreset("first", 0, 0, new Zone(Gen(InitialAttenuation, 30)), new Zone(Range(KeyRange, 20, 100), Instrument(i0)));
        b.AddPreset("second", 5, 0, new Zone(Instrument(i1)), new Zone(Gen(CoarseTune, 12), Instrument(i0)));
        b.AddPreset("drums", 0, 128, new Zone(Instrument(i0)));
        return b.Build();
    }
}

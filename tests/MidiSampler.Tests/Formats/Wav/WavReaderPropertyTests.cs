using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Formats;
using static MidiSampler.Tests.Formats.Wav.WavBytes;

namespace MidiSampler.Tests.Formats.Wav;

/// <summary>
/// Hostile input: random bytes and mutated or truncated valid files give a sample or an
/// <see cref="InstrumentLoadException"/>, nothing else. Every input is at most a few KiB, and the reader's
/// chunk walk moves forward at least 8 bytes a step, so each case is bounded by construction.
/// </summary>
public class WavReaderPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    private static readonly uint[] InterestingWords = [0, 1, 2, 3, 7, 8, 15, 16, 17, 18, 40, 0x7F, 0x80, 0xFF, 0xFFFE, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF0, 0xFFFFFFFF];

    [Fact]
    public void Random_bytes_never_throw_anything_else()
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Resize(2_048);
        Prop.ForAll(bytes.ToArbitrary(), ReadOrReject).Check(Runs);
    }

    [Fact]
    public void Random_bytes_after_a_wave_header_never_throw_anything_else()
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Resize(2_048)
            .Select(tail => Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVE").Concat(tail).ToArray());
        Prop.ForAll(bytes.ToArbitrary(), ReadOrReject).Check(Runs);
    }

    [Fact]
    public void Random_chunk_soup_never_throws_anything_else()
    {
        // Well-formed chunk headers with real IDs and random sizes and bodies: reaches the fmt and smpl parsers.
        var ids = Gen.Elements("fmt ", "data", "smpl", "LIST", "fact");
        var chunk =
            from id in ids
            from body in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Resize(64)
            from lie in Gen.Frequency((3, Gen.Constant<uint?>(null)), (1, Gen.Elements(InterestingWords).Select(w => (uint?)w)))
            select Chunk(id, body, pad: true, declaredSize: lie);
        var file = chunk.ArrayOf().Resize(8).Select(chunks => Riff(chunks));
        Prop.ForAll(file.ToArbitrary(), ReadOrReject).Check(Runs);
    }

    [Fact]
    public void Mutated_and_truncated_valid_files_never_throw_anything_else()
    {
        var mutation =
            from kind in Gen.Choose(0, 3)
            from position in Gen.Choose(0, 10_000)
            from value in Gen.Elements(InterestingWords)
            from b in Gen.Choose(0, 255)
            select (Kind: kind, Position: position, Word: value, Byte: (byte)b);
        var mutated =
            from file in ValidFile()
            from mutations in mutation.ArrayOf().Resize(4)
            select Mutate(file, mutations);
        Prop.ForAll(mutated.ToArbitrary(), ReadOrReject).Check(Runs);
    }

    [Fact]
    public void Every_truncation_of_a_valid_file_reads_or_rejects()
    {
        var file = Riff(
            Chunk("fmt ", FmtExtensible(1, 2, 44_100, 24, 24)),
            Chunk("LIST", new byte[13]),
            Chunk("data", Pcm24(1, 2, 3, 4, 5, 6, 7, 8)),
            Chunk("smpl", Smpl(60, 5, (0, 1, 3))));
        int readable = 0;
        for (int length = 0; length <= file.Length; length++)
        {
            if (ReadOrReject(file[..length]) && TryRead(file[..length]))
                readable++;
        }

        // Once the data chunk's header is in (12 + 48 fmt + 22 LIST + 8 = byte 90 on), every cut is readable;
        // before that, every cut is rejected.
        Assert.Equal(file.Length - 90 + 1, readable);
    }

    private static bool TryRead(byte[] file)
    {
        try
        {
            Read(file);
            return true;
        }
        catch (InstrumentLoadException)
        {
            return false;
        }
    }

    /// <summary>True when the file reads into a consistent sample or is rejected with InstrumentLoadException.</summary>
    private static bool ReadOrReject(byte[] file)
    {
        try
        {
            var sample = Read(file, []);
            bool shapeOk = sample.Channels is 1 or 2 && sample.SampleRate > 0 && (long)sample.FrameCount * sample.Channels <= file.Length;
            var meta = sample.Metadata;
            bool loopOk = !meta.HasLoop || (meta.LoopStart >= 0 && meta.LoopEnd < sample.FrameCount);
            bool finite = Values(sample).All(float.IsFinite);
            return shapeOk && loopOk && finite;
        }
        catch (InstrumentLoadException e)
        {
            return e.FilePath == Name && e.Message.StartsWith(Name, StringComparison.Ordinal);
        }
    }

    private static Gen<byte[]> ValidFile()
    {
        var formats = Gen.Elements(
            (Tag: 1, Bits: 8, Bytes: 1), (Tag: 1, Bits: 16, Bytes: 2), (Tag: 1, Bits: 24, Bytes: 3),
            (Tag: 1, Bits: 32, Bytes: 4), (Tag: 3, Bits: 32, Bytes: 4), (Tag: 3, Bits: 64, Bytes: 8));
        return from format in formats
               from channels in Gen.Choose(1, 2)
               from frames in Gen.Choose(0, 40)
               from extensible in Gen.Elements(false, true)
               from withSmpl in Gen.Elements(false, true)
               from junkLength in Gen.Choose(0, 9)
               from order in Gen.Shuffle(new[] { 0, 1, 2, 3 })
               select BuildValid(format.Tag, format.Bits, format.Bytes, channels, frames, extensible, withSmpl, junkLength, order);
    }

    private static byte[] BuildValid(int tag, int bits, int bytes, int channels, int frames, bool extensible, bool withSmpl, int junkLength, int[] order)
    {
        var data = new byte[frames * channels * bytes];
        for (int i = 0; i < data.Length; i++)
            data[i] = (byte)(i * 37);
        if (tag == 3)
        {
            // Finite floats only: the reader's invariant is that decoded values are finite.
            for (int i = 0; i + bytes <= data.Length; i += bytes)
            {
                if (bytes == 4)
                    BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i), i / 1000f);
                else
                    BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i), -i / 1000.0);
            }
        }

        var chunks = new[]
        {
            Chunk("fmt ", extensible ? FmtExtensible(tag, channels, 44_100, bits, bits) : Fmt(tag, channels, 44_100, bits)),
            Chunk("data", data),
            withSmpl ? Chunk("smpl", Smpl(60, 0x10000000, (0, 1, (uint)Math.Max(2, frames - 1)))) : [],
            Chunk("junk", new byte[junkLength]),
        };
        return Riff(order.Select(i => chunks[i]));
    }

    private static byte[] Mutate(byte[] file, (int Kind, int Position, uint Word, byte Byte)[] mutations)
    {
        var b = (byte[])file.Clone();
        foreach (var m in mutations)
        {
            if (b.Length == 0)
                break;
            int at = m.Position % b.Length;
            switch (m.Kind)
            {
                case 0:
                    b[at] = m.Byte;
                    break;
                case 1 when at + 4 <= b.Length:
                    BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), m.Word);
                    break;
                case 2 when at + 2 <= b.Length:
                    BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), (ushort)m.Word);
                    break;
                case 3:
                    b = b[..at];
                    break;
            }
        }

        return b;
    }
}

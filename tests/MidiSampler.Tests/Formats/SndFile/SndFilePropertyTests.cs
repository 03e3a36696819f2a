using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Formats;
using MidiSampler.Formats.SndFile;
using MidiSampler.Tests.Formats.Wav;

namespace MidiSampler.Tests.Formats.SndFile;

/// <summary>
/// Hostile input through libsndfile: random bytes, random bytes behind each accepted magic number, and mutated or cut
/// real FLAC files give a consistent sample or an <see cref="InstrumentLoadException"/> naming the file, nothing else.
/// </summary>
public sealed class SndFilePropertyTests : IDisposable
{
    private const string Name = "fuzz.flac";
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Random_bytes_with_a_flac_extension_never_crash()
    {
        string path = _dir.File("random.flac");
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Resize(4_096);
        Prop.ForAll(bytes.ToArbitrary(), file =>
        {
            File.WriteAllBytes(path, file);
            return LoadOrReject(() => SampleFile.Load(path), path, file.Length);
        }).Check(Runs);
    }

    [Fact]
    public void Random_bytes_behind_each_magic_number_never_crash()
    {
        var magic = Gen.Elements("fLaC"u8.ToArray(), "OggS"u8.ToArray(), "FORM\0\0\0\0AIFF"u8.ToArray(), "FORM\0\0\0\0AIFC"u8.ToArray(), "caff"u8.ToArray(), "ID3"u8.ToArray());
        var files =
            from head in magic
            from tail in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Resize(2_048)
            select head.Concat(tail).ToArray();
        Prop.ForAll(files.ToArbitrary(), file => LoadOrReject(() => Read(file), Name, file.Length)).Check(Runs);
    }

    [Fact]
    public void Mutated_and_cut_real_flac_files_read_or_reject()
    {
        string flac = SndFileTestFiles.Convert(SndFileTestFiles.SourceWav(_dir, 16, 2, seconds: 0.1), _dir.File("real.flac"));
        byte[] original = File.ReadAllBytes(flac);
        var mutation =
            from position in Gen.Choose(0, original.Length - 1)
            from value in Gen.Choose(0, 255)
            select (position, (byte)value);
        var files =
            from mutations in mutation.ArrayOf().Resize(6)
            from cut in Gen.Frequency((3, Gen.Constant(original.Length)), (1, Gen.Choose(0, original.Length)))
            select Mutate(original, mutations, cut);
        // Lossless frames carry a CRC, so most mutations are rejected; a mutation in STREAMINFO's length field is a
        // clean decode of fewer frames or a truncation error; nothing else may happen.
        Prop.ForAll(files.ToArbitrary(), file => LoadOrReject(() => Read(file), Name, long.MaxValue / 16)).Check(Runs);
    }

    private static byte[] Mutate(byte[] original, (int Position, byte Value)[] mutations, int cut)
    {
        var copy = original[..cut];
        foreach (var (position, value) in mutations)
        {
            if (position < copy.Length)
                copy[position] = value;
        }

        return copy;
    }

    private static MidiSampler.Model.Sample Read(byte[] file)
    {
        using var stream = new MemoryStream(file, writable: false);
        return SndFileReader.Read(stream, Name);
    }

    private static bool LoadOrReject(Func<MidiSampler.Model.Sample> load, string name, long inputBytes)
    {
        try
        {
            var sample = load();
            // libsndfile can decode a few frames from almost nothing (raw-looking data behind a valid header), but never
            // more than a bounded number per input byte plus the trusted slack.
            long bytes = (long)sample.FrameCount * sample.Channels * 4;
            return sample.Channels is 1 or 2 && sample.SampleRate > 0
                && bytes <= (SndFileDecoder.MaxFloatBytesPerInputByte * inputBytes) + SndFileDecoder.TrustedSlackBytes + (1 << 20);
        }
        catch (InstrumentLoadException e)
        {
            return e.FilePath == name && e.Message.StartsWith(name, StringComparison.Ordinal);
        }
    }
}

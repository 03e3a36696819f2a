using System.Text;
using MidiSampler.Formats;
using MidiSampler.Formats.Wav;
using static MidiSampler.Tests.Formats.Wav.WavBytes;

namespace MidiSampler.Tests.Formats.Wav;

/// <summary>Every rejection names the file, the place and a reason a user can act on.</summary>
public class WavReaderErrorTests
{
    private static readonly byte[] MonoFmt = Fmt(1, 1, 44_100, 16);

    private static InstrumentLoadException Fails(byte[] file)
    {
        var e = Assert.Throws<InstrumentLoadException>(() => Read(file));
        Assert.Equal(Name, e.FilePath);
        Assert.StartsWith(Name + ": ", e.Message, StringComparison.Ordinal);
        return e;
    }

    private static void FailsWith(byte[] file, string location, string reason)
    {
        var e = Fails(file);
        Assert.Equal(location, e.Location);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file()
    {
        string path = Path.Combine(Path.GetTempPath(), "midi-sampler-no-such-" + Guid.NewGuid() + ".wav");
        var e = Assert.Throws<InstrumentLoadException>(() => WavReader.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(path + ": no such file", e.Message);
    }

    [Fact]
    public void A_directory_is_not_a_file()
    {
        var e = Assert.Throws<InstrumentLoadException>(() => WavReader.Load(Path.GetTempPath()));
        Assert.Contains("directory", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_short_files_are_truncated_headers()
    {
        FailsWith([], "byte 0", "truncated header: the file is 0 bytes long");
        FailsWith(Encoding.ASCII.GetBytes("RIFF\x10\0\0\0WAV"), "byte 0", "the file is 11 bytes long");
    }

    [Theory]
    [InlineData("RIFX", "big-endian RIFX")]
    [InlineData("RF64", "RF64")]
    [InlineData("FORM", "AIFF")]
    [InlineData("fLaC", "FLAC")]
    [InlineData("OggS", "Ogg")]
    [InlineData("ID3\u0004", "not a WAV file: it starts with 'ID3?'")]
    public void Not_riff_names_what_it_is(string magic, string reason)
    {
        var file = Mono16(1, 2);
        Encoding.Latin1.GetBytes(magic).CopyTo(file, 0);
        FailsWith(file, "byte 0", reason);
    }

    [Fact]
    public void Riff_but_not_wave()
    {
        var file = Mono16(1, 2);
        Encoding.ASCII.GetBytes("AVI ").CopyTo(file, 8);
        FailsWith(file, "byte 8", "a RIFF file of type 'AVI ', not 'WAVE'");
    }

    [Fact]
    public void No_fmt_chunk_lists_the_chunks_found()
    {
        FailsWith(Riff(Chunk("LIST", new byte[4]), Chunk("data", new byte[4])), "byte 36", "no 'fmt ' chunk: the file ends without one (chunks found: 'LIST', 'data')");
    }

    [Fact]
    public void No_data_chunk()
    {
        FailsWith(Riff(Chunk("fmt ", MonoFmt)), "byte 36", "no 'data' chunk");
    }

    [Fact]
    public void Fmt_behind_a_data_chunk_that_runs_off_the_end_cannot_be_found()
    {
        FailsWith(Riff(Chunk("data", new byte[8], declaredSize: 100), Chunk("fmt ", MonoFmt)), "byte 12", "no 'fmt ' chunk");
    }

    [Theory]
    [InlineData(0x0002, "Microsoft ADPCM (format 0x0002) is not supported; convert the file to PCM")]
    [InlineData(0x0011, "IMA ADPCM (format 0x0011) is not supported")]
    [InlineData(0x0006, "A-law (format 0x0006)")]
    [InlineData(0x0007, "µ-law (format 0x0007)")]
    [InlineData(0x0055, "MP3 (format 0x0055)")]
    [InlineData(0x1234, "an unknown codec (format 0x1234)")]
    public void Unsupported_codecs_are_named(int tag, string reason)
    {
        FailsWith(Riff(Chunk("fmt ", Fmt(tag, 1, 44_100, 4, blockAlign: 256)), Chunk("data", new byte[256])), "chunk 'fmt ' at byte 12", reason);
    }

    [Fact]
    public void Extensible_with_another_codec_or_an_unknown_guid()
    {
        FailsWith(Riff(Chunk("fmt ", FmtExtensible(0x0002, 1, 44_100, 4, 4)), Chunk("data", new byte[4])), "chunk 'fmt ' at byte 12", "Microsoft ADPCM (format 0x0002) is not supported; convert the file to PCM or float WAV (inside WAVE_FORMAT_EXTENSIBLE)");
        // Ambisonic B-format PCM: {00000001-0721-11D3-8644-C8C1CA000000}.
        var ambisonic = FmtExtensible(1, 2, 44_100, 16, 16, [0x21, 0x07, 0xD3, 0x11, 0x86, 0x44, 0xC8, 0xC1, 0xCA, 0x00, 0x00, 0x00]);
        FailsWith(Riff(Chunk("fmt ", ambisonic), Chunk("data", new byte[4])), "chunk 'fmt ' at byte 12", "SubFormat {00000001-0721-11d3-8644-c8c1ca000000} is not PCM or IEEE float");
    }

    [Fact]
    public void Extensible_fmt_too_short()
    {
        var shortened = FmtExtensible(1, 1, 44_100, 16, 16)[..18];
        FailsWith(Riff(Chunk("fmt ", shortened), Chunk("data", new byte[4])), "chunk 'fmt ' at byte 12", "WAVE_FORMAT_EXTENSIBLE needs a 40-byte format chunk; this one is 18 bytes");
    }

    [Fact]
    public void Fmt_chunk_shorter_than_16_bytes()
    {
        FailsWith(Riff(Chunk("fmt ", MonoFmt[..14]), Chunk("data", new byte[4])), "chunk 'fmt ' at byte 12", "the chunk is 14 bytes; a format chunk needs at least 16");
    }

    [Fact]
    public void Block_align_inconsistent()
    {
        FailsWith(Riff(Chunk("fmt ", Fmt(1, 2, 44_100, 16, blockAlign: 3)), Chunk("data", new byte[12])), "chunk 'fmt ' at byte 12", "block align 3 does not match 2 channel(s) of 16-bit samples (4 bytes per frame)");
        // 24-bit samples in 4-byte slots without WAVE_FORMAT_EXTENSIBLE: ambiguous justification, refused.
        FailsWith(Riff(Chunk("fmt ", Fmt(1, 1, 44_100, 24, blockAlign: 4)), Chunk("data", new byte[12])), "chunk 'fmt ' at byte 12", "block align 4");
    }

    [Fact]
    public void Zero_and_too_many_channels()
    {
        FailsWith(Riff(Chunk("fmt ", Fmt(1, 0, 44_100, 16, blockAlign: 2)), Chunk("data", new byte[4])), "chunk 'fmt ' at byte 12", "zero channels");
        FailsWith(Riff(Chunk("fmt ", Fmt(1, 6, 44_100, 16)), Chunk("data", new byte[12])), "chunk 'fmt ' at byte 12", "6 channels: only mono and stereo samples are supported");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_536_001)]
    [InlineData(-1)] // 0xFFFFFFFF
    public void Absurd_sample_rate(int sampleRate)
    {
        FailsWith(Riff(Chunk("fmt ", Fmt(1, 1, sampleRate, 16)), Chunk("data", new byte[4])), "chunk 'fmt ' at byte 12", $"sample rate {(uint)sampleRate} Hz is out of range");
    }

    [Theory]
    [InlineData(1, 0, "0-bit PCM is not supported")]
    [InlineData(1, 40, "40-bit PCM is not supported")]
    [InlineData(3, 16, "16-bit IEEE float is not supported")]
    public void Unsupported_sample_sizes(int tag, int bits, string reason)
    {
        FailsWith(Riff(Chunk("fmt ", Fmt(tag, 1, 44_100, bits, blockAlign: 2)), Chunk("data", new byte[4])), "chunk 'fmt ' at byte 12", reason);
    }

    [Fact]
    public void File_cut_inside_the_fmt_chunk()
    {
        var file = Riff(Chunk("fmt ", MonoFmt), Chunk("data", new byte[4]))[..30];
        FailsWith(file, "chunk 'fmt ' at byte 12", "truncated: the chunk declares 16 bytes but the file ends 10 bytes after its header");
    }

    [Fact]
    public void Loader_errors_carry_the_path()
    {
        string path = Path.Combine(Path.GetTempPath(), "midi-sampler-bad-" + Guid.NewGuid() + ".wav");
        File.WriteAllBytes(path, Riff(Chunk("fmt ", Fmt(2, 1, 44_100, 4, blockAlign: 256)), Chunk("data", new byte[4])));
        try
        {
            var e = Assert.Throws<InstrumentLoadException>(() => WavReader.Load(path));
            Assert.Equal($"{path}: chunk 'fmt ' at byte 12: Microsoft ADPCM (format 0x0002) is not supported; convert the file to PCM or float WAV", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

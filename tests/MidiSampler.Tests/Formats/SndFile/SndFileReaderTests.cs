using MidiSampler.Formats;
using MidiSampler.Formats.SndFile;
using MidiSampler.Formats.Sfz;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Wav;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Tests.Formats.SndFile.SndFileTestFiles;

namespace MidiSampler.Tests.Formats.SndFile;

/// <summary>
/// FLAC, Ogg Vorbis and AIFF through libsndfile, against files the real sox writes: lossless formats decode to exactly
/// the values our WavReader gives for the WAV they were encoded from; Vorbis within its loss. Needs the packages
/// <c>sox</c> (with its FLAC/Vorbis support, as Debian builds it) and <c>libsndfile1</c>.
/// </summary>
public class SndFileReaderTests
{
    [Theory]
    [InlineData(16, 1)]
    [InlineData(16, 2)]
    [InlineData(24, 1)]
    [InlineData(24, 2)]
    public void Flac_decodes_exactly_to_the_wav_it_was_encoded_from(int bits, int channels)
    {
        using var dir = new TempDirectory();
        string wav = SourceWav(dir, bits, channels);
        string flac = Convert(wav, dir.File("tone.flac"));
        var expected = WavReader.Load(wav);
        var warnings = new List<string>();
        var actual = SampleFile.LoadWithWarnings(flac, warnings);
        Assert.Empty(warnings);
        Assert.Equal((expected.SampleRate, expected.Channels, expected.FrameCount), (actual.SampleRate, actual.Channels, actual.FrameCount));
        Assert.Equal(WavBytes.Values(expected), WavBytes.Values(actual));
        Assert.Equal(flac, actual.Name);
        // The guard frames stay silent, and the data is really there (about 0.7 peak, noise included).
        var padded = actual.PaddedValues();
        Assert.All(padded.AsSpan(0, Sample.PadFrames * channels).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(padded.AsSpan(padded.Length - (Sample.PadFrames * channels)).ToArray(), v => Assert.Equal(0f, v));
        Assert.InRange(WavBytes.Values(actual).Max(), 0.5f, 1f);
        if (bits == 24)
        {
            // 24-bit precision survives: some values are not on the 16-bit grid.
            Assert.Contains(WavBytes.Values(actual), v => v * 32768 != MathF.Round(v * 32768));
        }
    }

    [Fact]
    public void A_flac_of_unknown_length_is_read_to_its_end_exactly()
    {
        using var dir = new TempDirectory();
        string wav = SourceWav(dir, 16, 2, seconds: 1.5);
        string flac = Convert(wav, dir.File("stream.flac"));
        byte[] bytes = File.ReadAllBytes(flac);
        // STREAMINFO starts at byte 8 ("fLaC" + a 4-byte block header); its 36-bit total-samples field spans bytes
        // 21 (low 4 bits) to 25. Zero means "unknown", what a streaming encoder writes.
        Assert.Equal("fLaC"u8.ToArray(), bytes[..4]);
        bytes[21] &= 0xF0;
        bytes.AsSpan(22, 4).Clear();
        string streamed = dir.File("unknown-length.flac");
        File.WriteAllBytes(streamed, bytes);
        var expected = WavReader.Load(wav);
        var actual = SndFileReader.Load(streamed);
        Assert.Equal(expected.FrameCount, actual.FrameCount);
        Assert.Equal(WavBytes.Values(expected), WavBytes.Values(actual));
    }

    [Fact]
    public void A_stream_longer_than_the_bound_is_rejected_with_the_bound_named()
    {
        using var dir = new TempDirectory();
        string flac = Convert(SourceWav(dir, 16, 1, seconds: 1), dir.File("long.flac"));
        using var stream = File.OpenRead(flac);
        var e = Assert.Throws<InstrumentLoadException>(() => SndFileReader.ReadSeekable(stream, flac, null, maxValues: 20_000));
        Assert.Equal(flac, e.FilePath);
        Assert.Contains("longer than", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".ogg", 1)]
    [InlineData(".oga", 2)]
    public void Ogg_vorbis_keeps_the_pitch_within_a_cent_and_the_waveform_within_its_loss(string extension, int channels)
    {
        using var dir = new TempDirectory();
        string wav = dir.File("sine.wav");
        var args = new List<string> { "-D", "-n", "-r", "44100", "-c", channels.ToString(), "-b", "16", wav, "synth", "1", "sine", "440" };
        if (channels == 2)
            args.AddRange(["sine", "660"]);
        args.AddRange(["vol", "0.5"]);
        Sox.Run([.. args]);
        string ogg = Convert(wav, dir.File("sine" + extension), "-t", "vorbis", "-C", "6");
        var source = WavReader.Load(wav);
        var decoded = SampleFile.Load(ogg);
        Assert.Equal((44_100, channels), (decoded.SampleRate, decoded.Channels));
        // Vorbis keeps the length exactly (the last page's granule position ends the stream).
        Assert.Equal(source.FrameCount, decoded.FrameCount);
        double[] hz = [440, 660];
        for (int c = 0; c < channels; c++)
        {
            float[] x = Signals.Channel(WavBytes.Values(decoded), channels, c);
            float[] y = Signals.Channel(WavBytes.Values(source), channels, c);
            double cents = Signals.Cents(Signals.Frequency(x, 44_100, 2_000, x.Length - 2_000), hz[c]);
            Assert.InRange(cents, -1, 1);
            double error = 0, power = 0;
            for (int i = 2_000; i < x.Length - 2_000; i++)
            {
                error += (x[i] - y[i]) * (x[i] - y[i]);
                power += y[i] * y[i];
            }

            double snrDb = 10 * Math.Log10(power / error);
            Assert.True(snrDb > 40, $"channel {c}: signal to coding noise {snrDb:F1} dB");
        }
    }

    [Fact]
    public void Aiff_with_inst_and_mark_gives_the_loop_root_key_and_tune()
    {
        using var dir = new TempDirectory();
        var values = new short[1000];
        for (int i = 0; i < values.Length; i++)
            values[i] = (short)(i * 30 - 15000);
        string aiff = dir.File("looped.aiff");
        File.WriteAllBytes(aiff, AiffBytes.Mono16(values, 48_000, baseNote: 57, detuneCents: -12, loopStart: 100, loopEnd: 900));
        var warnings = new List<string>();
        var sample = SampleFile.LoadWithWarnings(aiff, warnings);
        Assert.Empty(warnings);
        Assert.Equal((48_000, 1, 1000), (sample.SampleRate, sample.Channels, sample.FrameCount));
        Assert.Equal(values.Select(v => v / 32768f), WavBytes.Values(sample));
        // The end marker sits after the last looped frame; the model's loop end is inclusive.
        Assert.Equal(new SampleMetadata(57, -12, 100, 899), sample.Metadata);
    }

    [Fact]
    public void Aiff_forward_backward_loops_keep_their_points_and_bad_loops_are_dropped()
    {
        using var dir = new TempDirectory();
        var values = new short[200];
        string backward = dir.File("backward.aif");
        // INST playMode 2 (forward/backward): libsndfile reports every AIFF loop as SF_LOOP_FORWARD (aiff.c), so the
        // points survive and the direction cannot be known here.
        File.WriteAllBytes(backward, AiffBytes.Mono16(values, 44_100, 60, 0, 10, 150, loopMode: 2));
        var meta = SampleFile.Load(backward).Metadata;
        Assert.Equal((10L, 149L), (meta.LoopStart, meta.LoopEnd));

        string outside = dir.File("outside.aiff");
        File.WriteAllBytes(outside, AiffBytes.Mono16(values, 44_100, 60, 0, 10, 5_000));
        var warnings = new List<string>();
        var sample = SampleFile.LoadWithWarnings(outside, warnings);
        Assert.False(sample.Metadata.HasLoop);
        Assert.Equal(60, sample.Metadata.RootKey);
        Assert.Contains(warnings, w => w.Contains("outside the 200 frames", StringComparison.Ordinal));
    }

    [Fact]
    public void Aiff_written_by_sox_reads_like_its_wav()
    {
        using var dir = new TempDirectory();
        string wav = SourceWav(dir, 24, 2);
        string aiff = Convert(wav, dir.File("tone.aif"));
        Assert.Equal(WavBytes.Values(WavReader.Load(wav)), WavBytes.Values(SampleFile.Load(aiff)));
        Assert.Equal(SampleMetadata.None, SampleFile.Load(aiff).Metadata);
    }

    [Fact]
    public void More_than_two_channels_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        string flac = Convert(SourceWav(dir, 16, 3), dir.File("three.flac"));
        var e = Assert.Throws<InstrumentLoadException>(() => SampleFile.Load(flac));
        Assert.Equal(flac, e.FilePath);
        Assert.Contains("3 channels", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_a_directory_and_text_are_errors_naming_the_file()
    {
        using var dir = new TempDirectory();
        string missing = dir.File("missing.flac");
        Assert.Equal("no such file", Assert.Throws<InstrumentLoadException>(() => SampleFile.Load(missing)).Reason);

        string folder = dir.File("folder.flac");
        Directory.CreateDirectory(folder);
        Assert.Equal(folder, Assert.Throws<InstrumentLoadException>(() => SampleFile.Load(folder)).FilePath);

        string text = dir.File("notes.ogg");
        File.WriteAllText(text, "these are my notes, not audio");
        var e = Assert.Throws<InstrumentLoadException>(() => SampleFile.Load(text));
        Assert.Equal((text, "byte 0"), (e.FilePath, e.Location));
        Assert.Contains("not a FLAC, Ogg, AIFF", e.Reason, StringComparison.Ordinal);
        Assert.Contains("'these ar'", e.Reason, StringComparison.Ordinal);

        string empty = dir.File("empty.aiff");
        File.WriteAllBytes(empty, []);
        Assert.Equal("the file is empty", Assert.Throws<InstrumentLoadException>(() => SampleFile.Load(empty)).Reason);
    }

    [Fact]
    public void A_corrupt_header_gives_libsndfiles_reason()
    {
        using var dir = new TempDirectory();
        string bad = dir.File("bad.flac");
        // The FLAC magic followed by garbage instead of a STREAMINFO block.
        File.WriteAllBytes(bad, [.. "fLaC"u8, .. Enumerable.Repeat((byte)0xFF, 64)]);
        var e = Assert.Throws<InstrumentLoadException>(() => SampleFile.Load(bad));
        Assert.Equal(bad, e.FilePath);
        Assert.StartsWith("libsndfile cannot open it: ", e.Reason, StringComparison.Ordinal);
        Assert.True(e.Reason.Length > "libsndfile cannot open it: ".Length + 3, e.Reason);
    }

    [Fact]
    public void A_truncated_flac_is_an_error_naming_the_file_and_the_frame()
    {
        using var dir = new TempDirectory();
        string flac = Convert(SourceWav(dir, 16, 2, seconds: 1), dir.File("whole.flac"));
        byte[] bytes = File.ReadAllBytes(flac);
        string cut = dir.File("cut.flac");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InstrumentLoadException>(() => SampleFile.Load(cut));
        Assert.Equal(cut, e.FilePath);
        Assert.StartsWith("frame ", e.Location, StringComparison.Ordinal);
        Assert.Contains("44100 frames", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wav_under_a_flac_name_is_read_as_wav_with_a_warning()
    {
        using var dir = new TempDirectory();
        string wav = SourceWav(dir, 16, 1);
        string renamed = dir.File("really-a-wav.flac");
        File.Copy(wav, renamed);
        var warnings = new List<string>();
        Assert.Equal(WavBytes.Values(WavReader.Load(wav)), WavBytes.Values(SampleFile.LoadWithWarnings(renamed, warnings)));
        Assert.Contains(warnings, w => w.Contains("read as WAV", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_libsndfile_the_error_names_the_file_and_the_package()
    {
        using var dir = new TempDirectory();
        string flac = Convert(SourceWav(dir, 16, 1), dir.File("needs-lib.flac"));
        using (SndFileLibrary.SimulateLibraryName("libsndfile-not-installed.so.9"))
        {
            Assert.False(SndFileReader.IsAvailable);
            Assert.Null(SndFileReader.LibraryVersion);
            var e = Assert.Throws<InstrumentLoadException>(() => SampleFile.Load(flac));
            Assert.Equal(flac, e.FilePath);
            Assert.StartsWith("FLAC/Ogg/AIFF samples need libsndfile: apt install libsndfile1", e.Reason, StringComparison.Ordinal);
            Assert.StartsWith(flac + ": FLAC/Ogg/AIFF samples need libsndfile", e.Message, StringComparison.Ordinal);
        }

        // The real path is untouched once the simulation ends.
        Assert.True(SndFileReader.IsAvailable);
        Assert.StartsWith("libsndfile-1.", SndFileReader.LibraryVersion, StringComparison.Ordinal);
        Assert.Equal(1, SampleFile.Load(flac).Channels);
    }

    [Fact]
    public void An_sfz_instrument_plays_flac_samples_through_the_default_loader()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("samples"));
        string wav = SourceWav(dir, 24, 2);
        Convert(wav, dir.File(Path.Combine("samples", "tone.flac")));
        string sfz = dir.File("flac.sfz");
        File.WriteAllText(sfz, "<region> sample=samples/tone.flac lokey=60 hikey=72 pitch_keycenter=69\n");
        var instrument = SfzLoader.Load(sfz);
        var region = Assert.Single(instrument.Regions);
        Assert.Equal((60, 72, 69), (region.LoKey, region.HiKey, region.PitchKeyCenter));
        Assert.Equal(WavBytes.Values(WavReader.Load(wav)), WavBytes.Values(region.Sample));
    }

    [Fact]
    public void Reading_from_a_stream_that_cannot_seek_works()
    {
        using var dir = new TempDirectory();
        string wav = SourceWav(dir, 16, 2);
        string flac = Convert(wav, dir.File("piped.flac"));
        using var stream = new UnseekableStream(File.ReadAllBytes(flac));
        var sample = SndFileReader.Read(stream, "piped");
        Assert.Equal(WavBytes.Values(WavReader.Load(wav)), WavBytes.Values(sample));
        Assert.Equal("piped", sample.Name);
    }

    [Fact]
    public void A_stream_window_never_reads_past_its_end()
    {
        // An SF3-style window: the FLAC bytes in the middle of a larger stream, with garbage around them.
        using var dir = new TempDirectory();
        string wav = SourceWav(dir, 16, 1);
        byte[] flac = File.ReadAllBytes(Convert(wav, dir.File("w.flac")));
        byte[] padded = [.. Enumerable.Repeat((byte)0xAB, 100), .. flac, .. Enumerable.Repeat((byte)0xCD, 100)];
        using var stream = new MemoryStream(padded, writable: false);
        var sample = SndFileDecoder.Decode(stream, 100, flac.Length, "window", "", SndFileDecoder.DefaultMaxValues, null, out int format);
        Assert.Equal(0x170000, format & 0x0FFF0000);
        Assert.Equal(WavBytes.Values(WavReader.Load(wav)), WavBytes.Values(sample));
    }
}

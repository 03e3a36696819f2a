using MidiSampler.Formats;
using MidiSampler.Formats.SndFile;
using MidiSampler.Formats.Sf2;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Wav;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Formats.Sf2.SoundFontGeneratorType;
using static MidiSampler.Tests.Formats.Sf2.Sf2Builder;

namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>
/// SF3 banks (MuseScore's Ogg Vorbis SoundFonts) assembled at test time: sines encoded to Ogg Vorbis by the real sox,
/// put into smpl as bytes by <see cref="Sf2Builder.AddCompressedSample"/>. Needs <c>sox</c> and <c>libsndfile1</c>.
/// </summary>
public sealed class Sf3Tests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_sf3_bank_plays_its_vorbis_samples_with_loops_relative_to_each_sample()
    {
        var (a, aWav) = Vorbis("a", 440, 1.0);
        var (c, cWav) = Vorbis("c", 660, 0.5);
        var b = new Sf2Builder { Version = (3, 1) };
        int sa = b.AddCompressedSample("sine440", a, 1_000, 30_000, pitch: 69);
        int sc = b.AddCompressedSample("sine660", c, 0, 0, pitch: 76);
        int i = b.AddInstrument("inst",
            new Zone(Range(KeyRange, 0, 70), Gen(SampleModes, 1), SampleId(sa)),
            new Zone(Range(KeyRange, 71, 127), SampleId(sc)));
        b.AddPreset("preset", 0, 0, new Zone(Instrument(i)));
        var instrument = SoundFontLoader.Load(new MemoryStream(b.Build()), "test.sf3", 0, 0);

        Assert.Equal(2, instrument.Regions.Count);
        var low = instrument.Regions.Single(r => r.HiKey == 70);
        var high = instrument.Regions.Single(r => r.LoKey == 71);
        Assert.Equal(("sine440", 44_100, 1, 44_100), (low.Sample.Name, low.Sample.SampleRate, low.Sample.Channels, low.Sample.FrameCount));
        Assert.Equal(22_050, high.Sample.FrameCount);
        // Loop points are decoded frames from the sample's own start (the second sample's stream starts far into smpl).
        Assert.Equal((LoopMode.LoopContinuous, 1_000L, 29_999L), (low.LoopMode, low.LoopStart, low.LoopEnd));
        Assert.Equal((0L, 44_099L), (low.Offset, low.End));
        Assert.Equal(LoopMode.NoLoop, high.LoopMode);
        Assert.Equal((69, 76), (low.PitchKeyCenter, high.PitchKeyCenter));

        AssertSounds(low.Sample, aWav, 440);
        AssertSounds(high.Sample, cWav, 660);
    }

    [Fact]
    public void A_truncated_vorbis_stream_in_the_bank_is_an_error_naming_the_sample()
    {
        var (a, _) = Vorbis("a", 440, 1.0);
        var b = new Sf2Builder { Version = (3, 1) };
        int s = b.AddCompressedSample("cut", a[..(a.Length / 2)], 0, 0);
        b.AddPreset("p", 0, 0, new Zone(Instrument(b.AddInstrument("i", new Zone(SampleId(s))))));
        var e = Assert.Throws<InstrumentLoadException>(() => SoundFontLoader.Load(new MemoryStream(b.Build()), "cut.sf3", 0, 0));
        Assert.Equal("cut.sf3", e.FilePath);
        Assert.StartsWith("sample 'cut' (chunk 'shdr', record 0)", e.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compressed_sample_reaching_past_smpl_is_skipped_with_a_warning()
    {
        var (a, _) = Vorbis("a", 440, 0.2);
        var b = new Sf2Builder { Version = (3, 1) };
        int good = b.AddCompressedSample("good", a, 0, 0);
        int bad = b.AddCompressedSample("bad", a, 0, 0, declaredBytes: 1_000_000);
        b.AddPreset("p", 0, 0, new Zone(Instrument(b.AddInstrument("i", new Zone(Range(KeyRange, 0, 60), SampleId(good)), new Zone(Range(KeyRange, 61, 127), SampleId(bad))))));
        var instrument = SoundFontLoader.Load(new MemoryStream(b.Build()), "over.sf3", 0, 0);
        Assert.Equal("good", Assert.Single(instrument.Regions).Sample.Name);
        Assert.Contains(instrument.Warnings, w => w.Contains("sample 'bad'", StringComparison.Ordinal) && w.Contains("bytes of 'smpl'", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_libsndfile_an_sf3_bank_says_which_package_to_install()
    {
        var (a, _) = Vorbis("a", 440, 0.2);
        var b = new Sf2Builder { Version = (3, 1) };
        int s = b.AddCompressedSample("s", a, 0, 0);
        b.AddPreset("p", 0, 0, new Zone(Instrument(b.AddInstrument("i", new Zone(SampleId(s))))));
        using (SndFileLibrary.SimulateLibraryName("libsndfile-not-installed.so.9"))
        {
            var e = Assert.Throws<InstrumentLoadException>(() => SoundFontLoader.Load(new MemoryStream(b.Build()), "bank.sf3", 0, 0));
            Assert.Equal(("bank.sf3", "chunk 'ifil'"), (e.FilePath, e.Location));
            Assert.Contains("need libsndfile: apt install libsndfile1", e.Reason, StringComparison.Ordinal);
        }
    }

    /// <summary>A mono 16-bit sine at 44.1 kHz as WAV (the reference) and as Ogg Vorbis bytes.</summary>
    private (byte[] Ogg, string Wav) Vorbis(string name, double hz, double seconds)
    {
        string wav = _dir.File(name + ".wav");
        Sox.Run("-D", "-n", "-r", "44100", "-c", "1", "-b", "16", wav, "synth", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "sine", hz.ToString(System.Globalization.CultureInfo.InvariantCulture), "vol", "0.5");
        string ogg = _dir.File(name + ".ogg");
        Sox.Run("-D", wav, "-C", "6", ogg);
        return (File.ReadAllBytes(ogg), wav);
    }

    private static void AssertSounds(Sample sample, string sourceWav, double hz)
    {
        float[] x = WavBytes.Values(sample);
        float[] y = WavBytes.Values(WavReader.Load(sourceWav));
        Assert.Equal(y.Length, x.Length);
        Assert.InRange(Signals.Cents(Signals.Frequency(x, 44_100, 1_000, x.Length - 1_000), hz), -1, 1);
        double error = 0, power = 0;
        for (int i = 1_000; i < x.Length - 1_000; i++)
        {
            error += (x[i] - y[i]) * (x[i] - y[i]);
            power += y[i] * y[i];
        }

        Assert.True(10 * Math.Log10(power / error) > 40, $"{sample.Name}: coding noise too high");
    }
}

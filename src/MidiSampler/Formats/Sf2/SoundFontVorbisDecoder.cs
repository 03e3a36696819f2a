using MidiSampler.Formats.SndFile;
using MidiSampler.Formats.SndFile.Native;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sf2;

/// <summary>
/// Decodes the Ogg Vorbis samples of an SF3 bank through libsndfile, once each, on demand. Control or loader thread.
/// </summary>
/// <remarks>
/// Design: SF3 is MuseScore's sftools extension of SoundFont 2 (ifil major 3; FluidSynth reads it since 1.1.7). A
/// header with sfSampleType bit 0x10 holds its own Ogg Vorbis stream: dwStart/dwEnd are byte offsets of that stream in
/// smpl (end exclusive), and dwStartloop/dwEndloop are frames of the decoded sample, relative to its start (not to
/// smpl), as FluidSynth's fluid_defsfont_load_sampledata treats them. Each channel of a stereo pair is its own mono
/// stream. The stream's window is handed to libsndfile through <c>sf_open_virtual</c> without copying, after checking
/// that it starts with an Ogg page ("OggS") and, once opened, that libsndfile found Ogg Vorbis: libsndfile recognises
/// dozens of formats by content, and a bank must not be able to route its bytes into an unrelated parser (FluidSynth
/// only warns there). The sample is decoded before the zones that play it are mapped, because its length is only known
/// from the stream. Total decoded values are bounded relative to smpl's size (<see cref="MaxValuesPerByte"/>) so that
/// many headers pointing at one stream cannot multiply memory.
/// </remarks>
internal sealed class SoundFontVorbisDecoder
{
    /// <summary>Decoded values per compressed byte allowed over the whole bank (Vorbis at its lowest bitrates is near 40).</summary>
    internal const long MaxValuesPerByte = 256;

    private readonly Stream _stream;
    private readonly long _origin;
    private readonly SoundFontFile _file;
    private readonly Action<string> _warn;
    private readonly Dictionary<int, Sample> _decoded = [];
    private readonly long _budgetValues;
    private long _valuesLoaded;

    public SoundFontVorbisDecoder(Stream stream, long origin, SoundFontFile file, Action<string> warn)
    {
        _stream = stream;
        _origin = origin;
        _file = file;
        _warn = warn;
        _budgetValues = Math.Min(SndFileDecoder.DefaultMaxValues * 4, (MaxValuesPerByte * SmplBytes(file)) + (1L << 22));
    }

    /// <summary>The samples decoded so far, by header index.</summary>
    public IReadOnlyDictionary<int, Sample> Decoded => _decoded;

    /// <summary>Bytes in smpl: SF3 counts them as its "points"; a 2.x bank that flags a Vorbis sample counts 16-bit points.</summary>
    public static long SmplBytes(SoundFontFile file) => file.Info.VersionMajor == 3 ? file.SampleDataPoints : file.SampleDataPoints * 2;

    /// <summary>Decodes header <paramref name="index"/> (already checked to lie inside smpl), or returns it if done already.</summary>
    public Sample Decode(int index)
    {
        if (_decoded.TryGetValue(index, out var done))
            return done;
        if (!SndFileLibrary.IsAvailable)
        {
            throw new InstrumentLoadException(_file.SourcePath, "chunk 'ifil'",
                "this SF3 bank has Ogg Vorbis compressed samples, which need libsndfile: apt install libsndfile1");
        }

        var h = _file.SampleHeaders[index];
        string place = $"sample '{h.Name}' (chunk 'shdr', record {index})";
        long start = _origin + _file.SampleDataOffset + h.Start;
        Span<byte> magic = stackalloc byte[4];
        _stream.Position = start;
        if (_stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("OggS"u8))
            throw new InstrumentLoadException(_file.SourcePath, place, $"marked as Ogg Vorbis, but its data at byte {h.Start} of 'smpl' does not start with an Ogg page ('OggS')");

        var decodeWarnings = new List<string>(); // a Vorbis stream may decode past ±16: made safe there, reported here
        var decoded = SndFileDecoder.Decode(_stream, start, (long)h.End - h.Start, _file.SourcePath, place, _budgetValues - _valuesLoaded, decodeWarnings, out int format);
        foreach (string warning in decodeWarnings)
            _warn(warning);
        if ((format & LibSndFile.SF_FORMAT_TYPEMASK) != LibSndFile.SF_FORMAT_OGG || (format & LibSndFile.SF_FORMAT_SUBMASK) != LibSndFile.SF_FORMAT_VORBIS)
            throw new InstrumentLoadException(_file.SourcePath, place, $"an Ogg stream that is not Vorbis (libsndfile format 0x{format:X6})");
        if (decoded.Channels != 1)
            throw new InstrumentLoadException(_file.SourcePath, place, $"a {decoded.Channels}-channel Vorbis stream: SF3 stores each channel as its own mono stream");
        _valuesLoaded += decoded.FrameCount;
        if (decoded.SampleRate != h.SampleRate)
            _warn($"{place}: the header says {h.SampleRate} Hz, its Vorbis stream {decoded.SampleRate} Hz: using the stream's rate");
        var sample = Sample.FromBuffer(h.Name, decoded.SampleRate, 1, decoded.FrameCount, decoded.Format, decoded.Buffer!, null);
        _decoded[index] = sample;
        return sample;
    }
}

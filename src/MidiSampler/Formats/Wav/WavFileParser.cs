using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Formats.Wav;

/// <summary>One pass over one WAV stream: walks the chunks, validates the fmt chunk, decodes the data. Control or loader thread.</summary>
/// <remarks>
/// Design: two phases over a seekable stream. The walk reads only chunk headers and the small fmt and
/// smpl bodies, seeking over everything else, so chunks may come in any order (fmt after data is
/// handled) and a 2 GB file costs nothing to walk. Then the data is decoded in 128 KiB blocks straight
/// into the sample's final padded array: memory is the float array plus one pooled block, never the
/// file's bytes as well.
/// Bounds: every size comes from the file, so each is checked against the bytes actually present
/// before use. A chunk that declares more than the file holds ends the walk (no chunk after it can be
/// located), so a size of 0xFFFFFFFF cannot loop or seek into nowhere; each step moves forward by at
/// least 8 bytes, so the walk ends; the float array is sized from the data bytes present, never from a
/// declared size.
/// What is tolerated (with a warning) follows libsndfile and sox: a RIFF size that disagrees with the
/// file (0 and 0xFFFFFFFF are what streaming writers leave), a data chunk cut short (read what is there,
/// whole frames), a data size of 0 or 0xFFFFFFFF under an unfinished RIFF header (the data runs to the
/// end), a missing pad byte after an odd-sized chunk, an unusable loop (ignored), NaN, infinite or huge floats (made safe by SampleSanitizer)
/// (silenced). What is an error: a file cut inside its RIFF header or fmt chunk, no fmt or data chunk,
/// an unsupported codec, more than two channels, a block align that disagrees with the sample size.
/// </remarks>
internal sealed class WavFileParser
{
    /// <summary>Bytes decoded per read: large enough to amortise the read call, small enough to stay in L2.</summary>
    private const int BlockBytes = 128 * 1024;

    /// <summary>The largest sample rate a <see cref="Sample"/> accepts, in Hz.</summary>
    private const int MaxSampleRate = 1_536_000;

    private const uint RiffId = 0x46464952; // "RIFF" read as little-endian uint
    private const uint WaveId = 0x45564157; // "WAVE"
    private const uint FmtId = 0x20746D66; // "fmt "
    private const uint DataId = 0x61746164; // "data"
    private const uint SmplId = 0x6C706D73; // "smpl"

    /// <summary>The last 12 bytes of KSDATAFORMAT_SUBTYPE_PCM and _IEEE_FLOAT (ksmedia.h): {0000xxxx-0000-0010-8000-00AA00389B71}.</summary>
    private static readonly byte[] SubFormatGuidTail = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private readonly Stream _stream;
    private readonly long _origin;
    private readonly long _length;
    private readonly string _name;
    private readonly ICollection<string>? _warnings;

    public WavFileParser(Stream stream, string name, ICollection<string>? warnings)
    {
        _stream = stream;
        _origin = stream.Position;
        _length = Math.Max(0, stream.Length - _origin);
        _name = name;
        _warnings = warnings;
    }

    public Sample Parse()
    {
        var (fmt, dataStart, dataBytes, smpl) = Walk();
        return Decode(fmt, dataStart, dataBytes, smpl);
    }

    /// <summary>
    /// Walks the chunks only (no sample data is read): the format, where the frames start and how many there are, and
    /// the loop and root key. The streaming sample store reads the head and later ranges itself from this layout.
    /// </summary>
    public WavLayout ParseLayout()
    {
        var (fmt, dataStart, dataBytes, smpl) = Walk();
        long frames = dataBytes / fmt.BlockAlignBytes;
        if (dataBytes % fmt.BlockAlignBytes != 0)
            Warn($"chunk 'data' at byte {dataStart - 8}", $"the data ends {dataBytes % fmt.BlockAlignBytes} bytes into a frame: that partial frame is dropped");
        if (frames > int.MaxValue - (2 * Sample.PadFrames))
            throw Error($"chunk 'data' at byte {dataStart - 8}", $"{frames} frames is too long for one sample");
        var metadata = smpl is { } fields ? ToMetadata(fields, (int)frames) : SampleMetadata.None;
        return new WavLayout(fmt, _origin + dataStart, frames, metadata);
    }

    private (WavFormat Format, long DataStart, long DataBytes, SmplFields? Smpl) Walk()
    {
        Span<byte> header = stackalloc byte[12];
        int got = ReadAt(0, header);
        if (got < 12)
            throw Error("byte 0", $"truncated header: the file is {got} bytes long; a WAV file starts with a 12-byte RIFF header");
        CheckSignature(header);
        uint riffSize = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        bool unfinishedRiffSize = riffSize is 0 or uint.MaxValue;
        if (unfinishedRiffSize)
            Warn("byte 4", $"RIFF size 0x{riffSize:X8} (an unfinished streaming header): using the file's length");
        else if (riffSize + 8L != _length && riffSize + 9L != _length)
            Warn("byte 4", $"RIFF size says {riffSize + 8L} bytes, the file has {_length}: using the chunks that are present");

        WavFormat? format = null;
        SmplFields? smpl = null;
        long dataStart = -1;
        long dataBytes = 0;
        var seen = new List<string>();
        Span<byte> chunkHeader = stackalloc byte[8];
        long position = 12;
        while (_length - position >= 8)
        {
            if (ReadAt(position, chunkHeader) < 8)
                break;
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (seen.Count < 12)
                seen.Add(FourCc(chunkHeader[..4]));
            long body = position + 8;
            long available = _length - body;
            bool fits = size <= available;
            bool dataRunsToEnd = false;
            if (id == FmtId && format is null)
            {
                if (!fits)
                    throw Error(ChunkPlace("fmt ", position), $"truncated: the chunk declares {size} bytes but the file ends {available} bytes after its header");
                format = ParseFormat(body, size, position);
            }
            else if (id == DataId && dataStart < 0)
            {
                dataStart = body;
                dataBytes = size;
                if (!fits && (size == uint.MaxValue || unfinishedRiffSize))
                {
                    Warn(ChunkPlace("data", position), $"data size 0x{size:X8} (an unfinished streaming header): reading to the end of the file");
                    dataBytes = available;
                    dataRunsToEnd = true;
                }
                else if (!fits)
                {
                    Warn(ChunkPlace("data", position), $"truncated: the chunk declares {size} bytes but only {available} are in the file; reading those");
                    dataBytes = available;
                }
                else if (size == 0 && unfinishedRiffSize && available > 0)
                {
                    // A streaming writer that never came back to patch its sizes (ffmpeg on a pipe, a crashed recorder).
                    Warn(ChunkPlace("data", position), "data size 0 under an unfinished RIFF header: reading to the end of the file");
                    dataBytes = available;
                    dataRunsToEnd = true;
                }
            }
            else if (id == SmplId && smpl is null)
            {
                smpl = ReadSmpl(body, size, fits, position);
            }

            if (!fits || dataRunsToEnd)
                break; // nothing after a chunk that runs off the end can be located
            position = NextChunk(body, size);
        }

        if (format is not { } fmt)
            throw Error($"byte {Math.Min(position, _length)}", $"no 'fmt ' chunk: the file ends without one (chunks found: {Describe(seen)})");
        if (dataStart < 0)
            throw Error($"byte {Math.Min(position, _length)}", $"no 'data' chunk: the file ends without one (chunks found: {Describe(seen)})");
        return (fmt, dataStart, dataBytes, smpl);
    }

    private void CheckSignature(ReadOnlySpan<byte> header)
    {
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (magic == RiffId)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != WaveId)
                throw Error("byte 8", $"a RIFF file of type '{FourCc(header[8..12])}', not 'WAVE'");
            return;
        }

        string start = FourCc(header[..4]);
        string reason = start switch
        {
            "RIFX" => "big-endian RIFX WAV is not supported; convert it to a standard (little-endian) WAV",
            "RF64" or "BW64" => $"{start} (a WAV over 4 GB) is not supported; split or convert the file",
            "FORM" => "this is an AIFF (IFF) file, not a WAV",
            "fLaC" => "this is a FLAC file, not a WAV",
            "OggS" => "this is an Ogg file, not a WAV",
            "riff" => "this is a Sony Wave64 file, not a WAV",
            _ => $"not a WAV file: it starts with '{start}', not 'RIFF'",
        };
        throw Error("byte 0", reason);
    }

    private WavFormat ParseFormat(long body, uint size, long chunkPosition)
    {
        string place = ChunkPlace("fmt ", chunkPosition);
        if (size < 16)
            throw Error(place, $"the chunk is {size} bytes; a format chunk needs at least 16");
        Span<byte> fmt = stackalloc byte[40];
        fmt = fmt[..(int)Math.Min(size, 40)];
        if (ReadAt(body, fmt) < fmt.Length)
            throw Error(place, "truncated: the file ends inside the chunk");
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (channels == 0)
            throw Error(place, "zero channels");
        if (channels > 2)
            throw Error(place, $"{channels} channels: only mono and stereo samples are supported (split or mix down the file)");
        if (sampleRate is 0 or > MaxSampleRate)
            throw Error(place, $"sample rate {sampleRate} Hz is out of range (1 to {MaxSampleRate})");

        int codec = tag;
        if (tag == WavCodecNames.Extensible)
            codec = ParseSubFormat(fmt, size, place);

        WavEncoding encoding;
        if (codec == WavCodecNames.Pcm)
        {
            // Bits that are not a multiple of 8 (12, 20) are left-justified in the next whole byte count
            // (RIFF spec, "Data Format of the Samples"), so decoding the container is exact.
            encoding = bits switch
            {
                >= 1 and <= 8 => WavEncoding.Pcm8,
                >= 9 and <= 16 => WavEncoding.Pcm16,
                >= 17 and <= 24 => WavEncoding.Pcm24,
                >= 25 and <= 32 => WavEncoding.Pcm32,
                _ => throw Error(place, $"{bits}-bit PCM is not supported (8, 16, 24 or 32 bits)"),
            };
        }
        else if (codec == WavCodecNames.IeeeFloat)
        {
            encoding = bits switch
            {
                32 => WavEncoding.Float32,
                64 => WavEncoding.Float64,
                _ => throw Error(place, $"{bits}-bit IEEE float is not supported (32 or 64 bits)"),
            };
        }
        else
        {
            throw Error(place, WavCodecNames.NotSupported(codec) + (tag == WavCodecNames.Extensible ? " (inside WAVE_FORMAT_EXTENSIBLE)" : ""));
        }

        int expectedBlockAlign = channels * WavDecoder.BytesPerSample(encoding);
        if (blockAlign != expectedBlockAlign)
            throw Error(place, $"block align {blockAlign} does not match {channels} channel(s) of {bits}-bit samples ({expectedBlockAlign} bytes per frame)");
        return new WavFormat(encoding, channels, (int)sampleRate, blockAlign);
    }

    /// <summary>The codec inside a WAVE_FORMAT_EXTENSIBLE fmt chunk, from its SubFormat GUID.</summary>
    private int ParseSubFormat(ReadOnlySpan<byte> fmt, uint size, string place)
    {
        if (size < 40)
            throw Error(place, $"WAVE_FORMAT_EXTENSIBLE needs a 40-byte format chunk; this one is {size} bytes");
        int extraBytes = BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]);
        if (extraBytes < 22)
            throw Error(place, $"WAVE_FORMAT_EXTENSIBLE with cbSize {extraBytes}; it must be at least 22");
        ReadOnlySpan<byte> guid = fmt.Slice(24, 16);
        uint subTag = BinaryPrimitives.ReadUInt32LittleEndian(guid);
        if (!guid[4..].SequenceEqual(SubFormatGuidTail) || subTag > 0xFFFF)
            throw Error(place, $"WAVE_FORMAT_EXTENSIBLE SubFormat {{{new Guid(guid)}}} is not PCM or IEEE float; convert the file to PCM or float WAV");
        return (int)subTag;
    }

    private SmplFields? ReadSmpl(long body, uint size, bool fits, long chunkPosition)
    {
        string place = ChunkPlace("smpl", chunkPosition);
        if (!fits || size < WavSmplChunk.HeaderBytes)
        {
            Warn(place, fits ? $"the chunk is {size} bytes, too short for a sampler chunk (36): ignored" : "truncated by the end of the file: ignored");
            return null;
        }

        Span<byte> smpl = stackalloc byte[WavSmplChunk.OneLoopBytes];
        smpl = smpl[..(int)Math.Min(size, WavSmplChunk.OneLoopBytes)];
        return ReadAt(body, smpl) < smpl.Length ? null : WavSmplChunk.Parse(smpl);
    }

    /// <summary>
    /// Where the next chunk starts: odd sizes are followed by a pad byte (RIFF spec), but some writers
    /// forget it. If the byte after the pad does not start a plausible chunk ID and the pad position does,
    /// the pad is missing and the ID starts right there.
    /// </summary>
    private long NextChunk(long body, uint size)
    {
        long end = body + size;
        if ((size & 1) == 0)
            return end;
        if (_length - end >= 9 && !LooksLikeChunkId(end + 1) && LooksLikeChunkId(end))
        {
            Warn($"byte {end}", "missing pad byte after an odd-sized chunk: continuing without it");
            return end;
        }

        return end + 1;
    }

    private bool LooksLikeChunkId(long position)
    {
        Span<byte> id = stackalloc byte[4];
        if (ReadAt(position, id) < 4)
            return false;
        foreach (byte b in id)
        {
            if (b is < 0x20 or > 0x7E)
                return false;
        }

        return true;
    }

    private Sample Decode(WavFormat format, long dataStart, long dataBytes, SmplFields? smpl)
    {
        string place = $"chunk 'data' at byte {dataStart - 8}";
        long frames = dataBytes / format.BlockAlignBytes;
        long partial = dataBytes % format.BlockAlignBytes;
        if (partial != 0)
            Warn(place, $"the data ends {partial} bytes into a frame: that partial frame is dropped");
        // Straight into native memory, in the compact storage format (16-bit stays 16-bit): no managed array of the
        // sample's size, one pooled block.
        var storage = WavDecoder.StorageFormat(format.Encoding);
        int valueBytes = storage == SampleFormat.Int16 ? 2 : 4;
        long values = (frames + (2L * Sample.PadFrames)) * format.Channels;
        if (values * valueBytes > int.MaxValue)
            throw Error(place, $"{frames} frames is too long to load into memory (at most {(int.MaxValue / valueBytes / format.Channels) - (2 * Sample.PadFrames)} frames)");

        int frameCount = (int)frames;
        var buffer = Sample.Allocate(frameCount, format.Channels, storage);
        Span<byte> destination;
        unsafe
        {
            destination = new Span<byte>(buffer.Pointer + (Sample.PadFrames * format.Channels * valueBytes), checked(frameCount * format.Channels * valueBytes));
        }

        int bytesPerSample = format.BlockAlignBytes / format.Channels;
        int blockBytes = BlockBytes / format.BlockAlignBytes * format.BlockAlignBytes;
        byte[] pooled = ArrayPool<byte>.Shared.Rent(blockBytes);
        long nonFinite = 0;
        try
        {
            long remaining = frames * format.BlockAlignBytes;
            long position = dataStart;
            while (remaining > 0)
            {
                int count = (int)Math.Min(blockBytes, remaining);
                Span<byte> block = pooled.AsSpan(0, count);
                if (ReadAt(position, block) < count)
                    throw Error($"byte {position}", "the file ended while its data was being read (was it changed during the load?)");
                nonFinite += WavDecoder.DecodeTo(format.Encoding, storage, block, destination);
                destination = destination[(count / bytesPerSample * valueBytes)..];
                remaining -= count;
                position += count;
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }

        if (nonFinite > 0)
            Warn(place, SampleSanitizer.Warning(nonFinite));
        var metadata = smpl is { } fields ? ToMetadata(fields, frameCount) : SampleMetadata.None;
        return Sample.FromBuffer(_name, format.SampleRate, format.Channels, frameCount, storage, buffer, metadata);
    }

    private SampleMetadata ToMetadata(SmplFields smpl, int frameCount)
    {
        const string place = "chunk 'smpl'";
        int? rootKey = null;
        if (smpl.UnityNote <= 127)
            rootKey = (int)smpl.UnityNote;
        else
            Warn(place, $"MIDI unity note {smpl.UnityNote} is outside 0..127: ignored");
        double tuneCents = WavSmplChunk.FractionToTuneCents(smpl.PitchFraction);
        long? loopStart = null;
        long? loopEnd = null;
        if (smpl.HasLoop)
        {
            // An end one past the last frame is the common off-by-one of writers that store an exclusive end: sfizz
            // clamps it to the last frame (FilePool: min(end, loop end)), and so do we, so the loop still sustains.
            // Ends further out are not an off-by-one and stay refused.
            if (smpl.LoopEnd == frameCount && smpl.LoopStart < frameCount - 1)
            {
                Warn(place, $"loop end {smpl.LoopEnd} is one past the last of the {frameCount} frames of audio: clamped to {frameCount - 1}");
                smpl = smpl with { LoopEnd = (uint)(frameCount - 1) };
            }

            if (smpl.LoopEnd <= smpl.LoopStart || smpl.LoopEnd >= frameCount)
            {
                Warn(place, $"loop {smpl.LoopStart}..{smpl.LoopEnd} is empty or outside the {frameCount} frames of audio: no loop");
            }
            else
            {
                loopStart = smpl.LoopStart;
                loopEnd = smpl.LoopEnd;
                if (smpl.LoopType != 0)
                    Warn(place, $"loop type {smpl.LoopType} ({(smpl.LoopType == 1 ? "alternating" : smpl.LoopType == 2 ? "backward" : "unknown")}) is played as a forward loop");
            }
        }
        else if (smpl.LoopCount > 0)
        {
            Warn(place, $"declares {smpl.LoopCount} loop(s) but holds no loop record: no loop");
        }

        return new SampleMetadata(rootKey, tuneCents, loopStart, loopEnd);
    }

    /// <summary>Reads up to <paramref name="buffer"/>'s length at <paramref name="position"/> (relative to the WAV's start).</summary>
    private int ReadAt(long position, Span<byte> buffer)
    {
        if (position >= _length)
            return 0;
        _stream.Position = _origin + position;
        return _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    }

    private static string ChunkPlace(string id, long position) => $"chunk '{id}' at byte {position}";

    private static string FourCc(ReadOnlySpan<byte> id)
    {
        var text = new StringBuilder(4);
        foreach (byte b in id)
            text.Append(b is >= 0x20 and <= 0x7E ? (char)b : '?');
        return text.ToString();
    }

    private static string Describe(List<string> seen) => seen.Count == 0 ? "none" : "'" + string.Join("', '", seen) + "'";

    private void Warn(string place, string reason) => _warnings?.Add($"{_name}: {place}: {reason}");

    private InstrumentLoadException Error(string place, string reason) => new(_name, place, reason);
}

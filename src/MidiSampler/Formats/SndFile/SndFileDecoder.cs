using System.Buffers;
using System.Runtime.InteropServices;
using MidiSampler.Dsp;
using MidiSampler.Formats.SndFile.Native;
using MidiSampler.Model;

namespace MidiSampler.Formats.SndFile;

/// <summary>Decodes one stream window through libsndfile into a <see cref="Sample"/>. Control or loader thread.</summary>
/// <remarks>
/// Design: libsndfile's float read (<c>sf_readf_float</c>, normalisation on, its default) scales n-bit integers by
/// 2^-(n-1), exactly as <c>WavDecoder</c> does, so 16- and 24-bit FLAC/AIFF decode bit-exactly to the values of the WAV
/// they came from. Frames are read in blocks straight into the sample's final padded array when the declared length
/// is believable: positive, not SF_COUNT_MAX, under the caller's maximum, and no more than
/// <see cref="MaxFloatBytesPerInputByte"/> float bytes per input byte (plus <see cref="TrustedSlackBytes"/>), so a
/// 100-byte header claiming a billion frames cannot make us allocate gigabytes up front. Otherwise (unknown or
/// implausible length: streamed FLAC with total_samples 0, very long silence) the frames are read until end of stream
/// into a pooled buffer that doubles as it fills, bounded by the maximum, then copied once into an exact array.
/// Errors name the file, the place and libsndfile's own reason (<c>sf_strerror</c>); a stream that ends before its
/// declared length is an error (a truncated file), since playing a cut sample would be a silent surprise.
/// </remarks>
internal static unsafe class SndFileDecoder
{
    /// <summary>The default bound on one sample: 2^28 values (1 GiB of floats, 50 minutes of 44.1 kHz stereo).</summary>
    public const long DefaultMaxValues = 1L << 28;

    /// <summary>Float bytes per input byte above which a declared length is not trusted (Vorbis averages about 30).</summary>
    internal const long MaxFloatBytesPerInputByte = 64;

    /// <summary>Declared lengths up to this many float bytes are trusted whatever the input size.</summary>
    internal const long TrustedSlackBytes = 32L << 20;

    private const int BlockFrames = 16 * 1024;

    /// <summary>
    /// Decodes the window [<paramref name="origin"/>, <paramref name="origin"/> + <paramref name="length"/>) of
    /// <paramref name="stream"/>. <paramref name="name"/> names the file in errors and becomes the sample's name;
    /// <paramref name="place"/> (may be empty) says where in it the stream is. <paramref name="format"/> is libsndfile's
    /// format code (container | codec).
    /// </summary>
    public static Sample Decode(Stream stream, long origin, long length, string name, string place, long maxValues,
        ICollection<string>? warnings, out int format)
    {
        using var handle = Open(stream, origin, length, name, place, out var io, out var info);
        format = info.format;
        if (info.channels is < 1 or > 2)
            throw new InstrumentLoadException(name, place, $"{info.channels} channels: only mono and stereo samples are supported");
        if (info.samplerate is < 1 or > 1_536_000)
            throw new InstrumentLoadException(name, place, $"sample rate {info.samplerate} Hz is out of range (1 to 1,536,000 Hz)");
        int channels = info.channels;
        long maxFrames = Math.Min(maxValues, Array.MaxLength) / channels - (2 * Sample.PadFrames);
        long declared = info.frames;
        bool trusted = declared > 0 && declared != LibSndFile.SF_COUNT_MAX && declared <= maxFrames
            && declared * channels * sizeof(float) <= (MaxFloatBytesPerInputByte * length) + TrustedSlackBytes;
        var (data, frames) = trusted
            ? ReadDeclared(handle, io, name, place, channels, declared)
            : ReadToEnd(handle, io, name, place, channels, maxFrames);
        try
        {
            // libsndfile passes float and double files through as they are: NaN, infinity and 3e38 included.
            int unsafeValues = SampleSanitizer.Sanitize(Sample.Body<float>(data, frames, channels));
            if (unsafeValues > 0)
                warnings?.Add(name + (place.Length > 0 ? ", " + place : "") + ": " + SampleSanitizer.Warning(unsafeValues));
            var metadata = Metadata(handle, info.format, frames, name, place, warnings);
            if ((info.format & LibSndFile.SF_FORMAT_TYPEMASK) == LibSndFile.SF_FORMAT_FLAC && metadata.RootKey is null && !metadata.HasLoop)
                metadata = FlacForeignMetadata.Read(stream, origin, frames, name, warnings) ?? metadata; // a WAV original's smpl
            return Sample.FromBuffer(name, info.samplerate, channels, frames, SampleFormat.Float32, data, metadata);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the window [<paramref name="origin"/>, <paramref name="origin"/> + <paramref name="length"/>) of
    /// <paramref name="stream"/> with libsndfile, reading only its headers. The caller owns the handle (and keeps the
    /// stream open while it is used). Throws <see cref="InstrumentLoadException"/> naming the file when libsndfile is
    /// missing or refuses the stream.
    /// </summary>
    internal static SndFileHandle Open(Stream stream, long origin, long length, string name, string place, out SndFileStreamIO io, out SF_INFO info)
    {
        SndFileLibrary.EnsureAvailable(name);
        io = new SndFileStreamIO(stream, origin, length);
        var userData = GCHandle.Alloc(io);
        SF_INFO opened = default;
        SF_VIRTUAL_IO callbacks = SndFileStreamIO.Callbacks;
        SNDFILE* raw;
        try
        {
            raw = LibSndFile.sf_open_virtual(&callbacks, LibSndFile.SFM_READ, &opened, (void*)GCHandle.ToIntPtr(userData));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            userData.Free();
            throw SndFileLibrary.Missing(name, e.Message, e);
        }

        if (raw is null)
        {
            string reason = Text(LibSndFile.sf_strerror(null));
            userData.Free();
            throw io.Failure is { } failure
                ? new InstrumentLoadException(name, place, "cannot read the file: " + failure.Message, failure)
                : new InstrumentLoadException(name, place, $"libsndfile cannot open it: {reason}");
        }

        info = opened;
        return new SndFileHandle(raw, userData);
    }

    /// <summary>libsndfile's version string ("libsndfile-1.2.2"), or null when the library cannot be loaded.</summary>
    public static string? Version()
    {
        if (!SndFileLibrary.IsAvailable)
            return null;
        try
        {
            return Text(LibSndFile.sf_version_string());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static (SampleBuffer Data, int Frames) ReadDeclared(SndFileHandle handle, SndFileStreamIO io, string name, string place, int channels, long declared)
    {
        // Decoded straight into the sample's native buffer: no managed array of its size.
        int frames = (int)declared;
        var data = Sample.Allocate(frames, channels, SampleFormat.Float32);
        try
        {
            long done = 0;
            float* first = (float*)data.Pointer + (Sample.PadFrames * channels);
            while (done < frames)
            {
                long got = LibSndFile.sf_readf_float(handle, first + (done * channels), Math.Min(BlockFrames, frames - done));
                if (got <= 0)
                    break;
                done += got;
            }

            CheckReadErrors(handle, io, name, place, done);
            if (done < frames)
                throw new InstrumentLoadException(name, Place(place, done), $"the audio ends after {done} of its {frames} frames (a truncated file?){LibSndFileSays(handle)}");
            return (data, frames);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    private static (SampleBuffer Data, int Frames) ReadToEnd(SndFileHandle handle, SndFileStreamIO io, string name, string place, int channels, long maxFrames)
    {
        float[] buffer = ArrayPool<float>.Shared.Rent(BlockFrames * channels * 4);
        long done = 0;
        try
        {
            while (true)
            {
                if ((done + BlockFrames) * channels > buffer.Length)
                {
                    long wanted = Math.Min((long)buffer.Length * 2, (maxFrames + BlockFrames) * channels);
                    float[] larger = ArrayPool<float>.Shared.Rent((int)Math.Min(wanted, Array.MaxLength));
                    buffer.AsSpan(0, (int)(done * channels)).CopyTo(larger);
                    ArrayPool<float>.Shared.Return(buffer);
                    buffer = larger;
                }

                long got;
                fixed (float* start = buffer)
                    got = LibSndFile.sf_readf_float(handle, start + (done * channels), BlockFrames);
                if (got <= 0)
                    break;
                done += got;
                if (done > maxFrames)
                    throw new InstrumentLoadException(name, place, $"the audio is longer than {maxFrames} frames, the most one sample may have");
            }

            CheckReadErrors(handle, io, name, place, done);
            if (done == 0)
                throw new InstrumentLoadException(name, place, $"no audio frames could be decoded{LibSndFileSays(handle)}");
            var data = Sample.Allocate((int)done, channels, SampleFormat.Float32);
            buffer.AsSpan(0, (int)(done * channels)).CopyTo(Sample.Body<float>(data, (int)done, channels));
            return (data, (int)done);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    internal static void CheckReadErrors(SndFileHandle handle, SndFileStreamIO io, string name, string place, long done)
    {
        if (io.Failure is { } failure)
            throw new InstrumentLoadException(name, Place(place, done), "cannot read the file: " + failure.Message, failure);
        if (LibSndFile.sf_error(handle) != 0)
            throw new InstrumentLoadException(name, Place(place, done), $"libsndfile cannot decode it: {Text(LibSndFile.sf_strerror((SNDFILE*)handle.DangerousGetHandle()))}");
    }

    /// <summary>Root key, tune and the first loop from <c>SFC_GET_INSTRUMENT</c> (a WAV smpl or an AIFF INST/MARK pair).</summary>
    internal static SampleMetadata Metadata(SndFileHandle handle, int format, int frames, string name, string place, ICollection<string>? warnings)
    {
        SF_INSTRUMENT instrument = default;
        if (LibSndFile.sf_command(handle, LibSndFile.SFC_GET_INSTRUMENT, &instrument, sizeof(SF_INSTRUMENT)) != LibSndFile.SF_TRUE)
            return SampleMetadata.None;
        string where = string.IsNullOrEmpty(place) ? "instrument chunk" : place + ", instrument chunk";
        int? rootKey = instrument.basenote >= 0 ? instrument.basenote : null;
        if (rootKey is null)
            warnings?.Add($"{name}: {where}: base note {(byte)instrument.basenote} is outside 0..127: ignored");
        // AIFF INST detune is the playback correction ("negative numbers mean the pitch should be lowered", AIFF 1.3,
        // section 10); for WAV-family files libsndfile reports the smpl pitch fraction, by how much the recording is sharp.
        int container = format & LibSndFile.SF_FORMAT_TYPEMASK;
        bool riff = container is LibSndFile.SF_FORMAT_WAV or LibSndFile.SF_FORMAT_WAVEX or LibSndFile.SF_FORMAT_W64 or LibSndFile.SF_FORMAT_RF64;
        double tuneCents = riff ? -instrument.detune : instrument.detune;
        long? loopStart = null, loopEnd = null;
        int count = Math.Clamp(instrument.loop_count, 0, 16);
        for (int i = 0; i < count; i++)
        {
            var loop = instrument.loops[i];
            if (loop.mode == LibSndFile.SF_LOOP_NONE)
                continue;
            // SF_INSTRUMENT loop ends are exclusive (see SF_LOOP); the model's are inclusive. An inclusive end equal to
            // the frame count (one past the last frame) is clamped to the last frame, as sfizz does (see WavFileParser).
            uint loopEndExclusive = loop.end;
            if (loopEndExclusive == frames + 1 && loop.start + 1L < frames)
            {
                warnings?.Add($"{name}: {where}: loop end {loop.end - 1} is one past the last of the {frames} frames of audio: clamped to {frames - 1}");
                loopEndExclusive = (uint)frames;
            }

            if (loopEndExclusive <= loop.start + 1L || loopEndExclusive > (uint)frames)
            {
                warnings?.Add($"{name}: {where}: loop {loop.start}..{loop.end} is empty or outside the {frames} frames of audio: no loop");
                break;
            }

            if (loop.mode != LibSndFile.SF_LOOP_FORWARD)
                warnings?.Add($"{name}: {where}: {(loop.mode == LibSndFile.SF_LOOP_BACKWARD ? "backward" : "alternating")} loop is played as a forward loop");
            loopStart = loop.start;
            loopEnd = loopEndExclusive - 1L;
            break;
        }

        return new SampleMetadata(rootKey, tuneCents, loopStart, loopEnd);
    }

    private static string LibSndFileSays(SndFileHandle handle)
    {
        string text = Text(LibSndFile.sf_strerror((SNDFILE*)handle.DangerousGetHandle()));
        return text.Length == 0 || text.StartsWith("No Error", StringComparison.OrdinalIgnoreCase) ? "" : $" (libsndfile: {text})";
    }

    private static string Place(string place, long frame) =>
        string.IsNullOrEmpty(place) ? $"frame {frame}" : $"{place}, frame {frame}";

    private static string Text(byte* utf8) => utf8 is null ? "" : Marshal.PtrToStringUTF8((nint)utf8) ?? "";
}

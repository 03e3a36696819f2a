using MidiSampler.Dsp;
using MidiSampler.Formats;
using MidiSampler.Formats.SndFile;
using MidiSampler.Formats.SndFile.Native;

namespace MidiSampler.Streaming;

/// <summary>
/// Reads ranges of a FLAC, Ogg, AIFF, CAF or Wave64 file through libsndfile: <c>sf_seek</c> to the first frame (skipped
/// when reading on from where the last read ended, the streamer's usual pattern), then <c>sf_readf_float</c>.
/// One thread at a time.
/// </summary>
internal sealed unsafe class SndFileStreamSource : StreamSource
{
    private FileStream? _stream;
    private SndFileHandle? _handle;
    private SndFileStreamIO? _io;
    private long _nextFrame = -1;

    private SndFileStreamSource(string path, int rate, int channels, long frames, Model.SampleMetadata metadata)
        : base(path, rate, channels, frames, metadata)
    {
    }

    public override bool IsOpen => _handle is not null;

    /// <summary>
    /// Reads the file's headers and returns a source, or null when the file cannot be streamed (its length is unknown or
    /// libsndfile cannot seek in it): the caller then decodes it whole. Throws <see cref="InstrumentLoadException"/>.
    /// </summary>
    public static SndFileStreamSource? TryOpen(string path, ICollection<string>? warnings)
    {
        var source = new SndFileStreamSource(path, 1, 1, 0, Model.SampleMetadata.None);
        source.OpenFile(out var info);
        try
        {
            if (info.channels is < 1 or > 2 || info.samplerate is < 1 or > 1_536_000)
                return null; // the whole-file decoder reports these with their reasons
            if (info.seekable == 0 || info.frames <= 0 || info.frames == LibSndFile.SF_COUNT_MAX || info.frames > int.MaxValue / 2)
                return null;
            var metadata = SndFileDecoder.Metadata(source._handle!, info.format, (int)info.frames, path, "", warnings);
            if ((info.format & LibSndFile.SF_FORMAT_TYPEMASK) == LibSndFile.SF_FORMAT_FLAC && metadata.RootKey is null && !metadata.HasLoop)
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
                metadata = FlacForeignMetadata.Read(file, 0, (int)info.frames, path, warnings) ?? metadata; // a WAV original's smpl
            }

            return new SndFileStreamSource(path, info.samplerate, info.channels, info.frames, metadata);
        }
        finally
        {
            source.Close();
        }
    }

    public override void Read(long firstFrame, int frames, Span<byte> bytes, byte[] scratch)
    {
        var destination = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes);
        if (_handle is null)
            OpenFile(out _);
        if (firstFrame != _nextFrame && LibSndFile.sf_seek(_handle!, firstFrame, LibSndFile.SEEK_SET) != firstFrame)
        {
            _nextFrame = -1;
            throw new InstrumentLoadException(Name, $"frame {firstFrame}", "libsndfile cannot seek there");
        }

        long done = 0;
        fixed (float* first = destination)
        {
            while (done < frames)
            {
                long got = LibSndFile.sf_readf_float(_handle!, first + (done * Channels), frames - done);
                if (got <= 0)
                    break;
                done += got;
            }
        }

        SndFileDecoder.CheckReadErrors(_handle!, _io!, Name, "", firstFrame + done);
        // The same values the load saw (and warned about): NaN to silence, clamped to ±16.
        SampleSanitizer.Sanitize(destination[..(int)(done * Channels)]);
        _nextFrame = firstFrame + done;
        if (done < frames)
        {
            _nextFrame = -1;
            throw new InstrumentLoadException(Name, $"frame {firstFrame + done}", "the audio ends early (was the file changed after the load?)");
        }
    }

    public override void Close()
    {
        _handle?.Dispose();
        _handle = null;
        _io = null;
        _stream?.Dispose();
        _stream = null;
        _nextFrame = -1;
    }

    private void OpenFile(out SF_INFO info)
    {
        try
        {
            _stream = new FileStream(Name, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InstrumentLoadException(Name, "", "no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InstrumentLoadException(Name, "", "cannot open the file: " + e.Message, e);
        }

        try
        {
            _handle = SndFileDecoder.Open(_stream, 0, _stream.Length, Name, "", out var io, out info);
            _io = io;
            _nextFrame = 0;
        }
        catch
        {
            Close();
            throw;
        }
    }
}

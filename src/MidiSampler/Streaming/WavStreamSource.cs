using Microsoft.Win32.SafeHandles;
using MidiSampler.Formats;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;

namespace MidiSampler.Streaming;

/// <summary>Reads ranges of a WAV file's frames with positioned reads (no seek state) and the WAV decoder. One thread at a time.</summary>
internal sealed class WavStreamSource : StreamSource
{
    private readonly WavLayout _layout;
    private readonly SampleFormat _format;
    private SafeFileHandle? _file;

    private WavStreamSource(string path, WavLayout layout, bool compact)
        : base(path, layout.Format.SampleRate, layout.Format.Channels, layout.Frames, layout.Metadata)
    {
        _layout = layout;
        _format = compact ? WavDecoder.StorageFormat(layout.Format.Encoding) : SampleFormat.Float32;
    }

    public override bool IsOpen => _file is not null;

    public override SampleFormat Format => _format;

    /// <summary>
    /// Walks the file's chunks (no data read) and returns a source for it; <paramref name="compact"/> lets 8- and 16-bit
    /// data stay 16-bit. Throws <see cref="InstrumentLoadException"/>.
    /// </summary>
    public static WavStreamSource Open(string path, ICollection<string>? warnings, bool compact = true)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InstrumentLoadException(path, "", "no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InstrumentLoadException(path, "", "cannot open the file: " + e.Message, e);
        }

        using (stream)
        {
            try
            {
                return new WavStreamSource(path, new WavFileParser(stream, path, warnings).ParseLayout(), compact);
            }
            catch (IOException e)
            {
                throw new InstrumentLoadException(path, "", "cannot read the file: " + e.Message, e);
            }
        }
    }

    public override int ScratchBytes(int frames) => frames * _layout.Format.BlockAlignBytes;

    public override void Read(long firstFrame, int frames, Span<byte> destination, byte[] scratch)
    {
        int blockAlign = _layout.Format.BlockAlignBytes;
        int bytes = frames * blockAlign;
        _file ??= File.OpenHandle(Name, FileMode.Open, FileAccess.Read, FileShare.Read);
        long offset = _layout.DataOffsetBytes + (firstFrame * blockAlign);
        var block = scratch.AsSpan(0, bytes);
        int got = 0;
        while (got < bytes)
        {
            int n = RandomAccess.Read(_file, block[got..], offset + got);
            if (n <= 0)
                throw new InstrumentLoadException(Name, $"byte {offset + got}", "the file ended while its data was being read (was it changed after the load?)");
            got += n;
        }

        WavDecoder.DecodeTo(_layout.Format.Encoding, _format, block, destination);
    }

    public override void Close()
    {
        _file?.Dispose();
        _file = null;
    }
}

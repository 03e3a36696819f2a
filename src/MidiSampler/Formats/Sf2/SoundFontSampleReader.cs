using System.Buffers;
using System.Buffers.Binary;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sf2;

/// <summary>Decodes the sample data of chosen sample headers into mono <see cref="Sample"/>s. Control or loader thread.</summary>
/// <remarks>
/// Design: the headers are visited in file order (sorted by start), each read straight into its native buffer, so the
/// reads move forward through <c>smpl</c> in one pass and the managed heap sees only one pooled block. 16-bit points are
/// stored as they are (<see cref="SampleFormat.Int16"/>: the file's bytes on a little-endian host, half the memory of
/// float; the kernels scale by 1/32768 as they interpolate). With a usable <c>sm24</c> chunk (2.04, section 6.1) each
/// point is (smpl &lt;&lt; 8 | sm24) / 8388608, stored as float: exact (24 bits fit float's mantissa) and the same 4 bytes
/// a 24-in-32 integer would take. A header whose range falls outside <c>smpl</c> was already rejected by the mapper.
/// The total decoded is bounded (<see cref="MaxLoadFactor"/>) so that hostile headers that all cover the whole of smpl
/// cannot multiply memory. Headers chosen for streaming (<see cref="Streaming.SampleStore"/>) are left to the caller.
/// </remarks>
internal sealed class SoundFontSampleReader
{
    /// <summary>Decoded frames may exceed smpl's point count by this factor (headers may legitimately overlap a little).</summary>
    internal const int MaxLoadFactor = 4;

    private const int BlockPoints = 32 * 1024;

    private readonly Stream _stream;
    private readonly long _origin;
    private readonly SoundFontFile _file;
    private long _framesLoaded;

    /// <param name="stream">The bank, seekable.</param>
    /// <param name="origin">The stream position of the bank's first byte (offsets in <paramref name="file"/> count from it).</param>
    /// <param name="file">The parsed bank.</param>
    public SoundFontSampleReader(Stream stream, long origin, SoundFontFile file)
    {
        _stream = stream;
        _origin = origin;
        _file = file;
    }

    /// <summary>How the bank's PCM samples are held: float with a usable sm24 chunk, else 16-bit.</summary>
    public SampleFormat Format => _file.Sample24Offset >= 0 ? SampleFormat.Float32 : SampleFormat.Int16;

    /// <summary>Loads the given headers (already validated to lie inside smpl); returns them by header index.</summary>
    public Dictionary<int, Sample> Load(IEnumerable<int> headerIndices)
    {
        var order = headerIndices.Distinct().OrderBy(i => _file.SampleHeaders[i].Start).ThenBy(i => i).ToList();
        var samples = new Dictionary<int, Sample>(order.Count);
        long budget = (MaxLoadFactor * _file.SampleDataPoints) + (1 << 20);
        byte[]? block = _file.Sample24Offset >= 0 ? ArrayPool<byte>.Shared.Rent(BlockPoints * 2) : null;
        byte[]? low = _file.Sample24Offset >= 0 ? ArrayPool<byte>.Shared.Rent(BlockPoints) : null;
        try
        {
            foreach (int index in order)
            {
                var h = _file.SampleHeaders[index];
                int frames = checked((int)(h.End - h.Start));
                _framesLoaded += frames;
                if (_framesLoaded > budget)
                {
                    throw new InstrumentLoadException(_file.SourcePath, $"chunk 'shdr', record {index}",
                        $"the sample headers overlap so much that decoding them would need {_framesLoaded * 4 / (1 << 20)} MB for {_file.SampleDataPoints * 2 / (1 << 20)} MB of sample data");
                }

                var buffer = Sample.Allocate(frames, 1, Format);
                try
                {
                    if (low is null)
                        ReadExact(_file.SampleDataOffset + (h.Start * 2), System.Runtime.InteropServices.MemoryMarshal.AsBytes(Sample.Body<short>(buffer, frames, 1)), index);
                    else
                        Read24(h.Start, Sample.Body<float>(buffer, frames, 1), block!, low, index);
                    if (!BitConverter.IsLittleEndian && low is null)
                    {
                        var values = Sample.Body<short>(buffer, frames, 1);
                        for (int k = 0; k < values.Length; k++)
                            values[k] = BinaryPrimitives.ReverseEndianness(values[k]);
                    }
                }
                catch
                {
                    buffer.Dispose();
                    throw;
                }

                samples[index] = Sample.FromBuffer(h.Name, (int)h.SampleRate, 1, frames, Format, buffer, null);
            }
        }
        finally
        {
            if (block is not null)
                ArrayPool<byte>.Shared.Return(block);
            if (low is not null)
                ArrayPool<byte>.Shared.Return(low);
        }

        return samples;
    }

    /// <summary>Decodes 24-bit points (smpl and sm24) from <paramref name="firstPoint"/> into <paramref name="destination"/>.</summary>
    internal void Read24(long firstPoint, Span<float> destination, byte[] block, byte[] low, int headerIndex)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int n = Math.Min(BlockPoints, destination.Length - done);
            long point = firstPoint + done;
            ReadExact(_file.SampleDataOffset + (point * 2), block.AsSpan(0, n * 2), headerIndex);
            ReadExact(_file.Sample24Offset + point, low.AsSpan(0, n), headerIndex);
            var dst = destination.Slice(done, n);
            for (int k = 0; k < n; k++)
                dst[k] = ((BinaryPrimitives.ReadInt16LittleEndian(block.AsSpan(k * 2)) << 8) | low[k]) / 8388608f;
            done += n;
        }
    }

    private void ReadExact(long position, Span<byte> buffer, int headerIndex)
    {
        _stream.Position = _origin + position;
        int total = 0;
        while (total < buffer.Length)
        {
            int n = _stream.Read(buffer[total..]);
            if (n == 0)
                throw new InstrumentLoadException(_file.SourcePath, $"chunk 'shdr', record {headerIndex}", "the file ends inside the sample's data");
            total += n;
        }
    }
}

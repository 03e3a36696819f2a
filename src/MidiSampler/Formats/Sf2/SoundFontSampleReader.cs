using System.Buffers;
using System.Buffers.Binary;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sf2;

/// <summary>Decodes the sample data of chosen sample headers into mono <see cref="Sample"/>s. Control or loader thread.</summary>
/// <remarks>
/// Design: the headers are visited in file order (sorted by start), each read in 64 KiB blocks straight into its padded
/// float array, so the reads move forward through <c>smpl</c> in one pass and memory is the floats plus one pooled
/// block. 16-bit points become value / 32768; with a usable <c>sm24</c> chunk (2.04, section 6.1) each point is
/// (smpl &lt;&lt; 8 | sm24) / 8388608. A header whose range falls outside <c>smpl</c> was already rejected by the mapper.
/// The total decoded is bounded (<see cref="MaxLoadFactor"/>) so that hostile headers that all cover the whole of smpl
/// cannot multiply memory.
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

    /// <summary>Loads the given headers (already validated to lie inside smpl); returns them by header index.</summary>
    public Dictionary<int, Sample> Load(IEnumerable<int> headerIndices)
    {
        var order = headerIndices.Distinct().OrderBy(i => _file.SampleHeaders[i].Start).ThenBy(i => i).ToList();
        var samples = new Dictionary<int, Sample>(order.Count);
        long budget = (MaxLoadFactor * _file.SampleDataPoints) + (1 << 20);
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockPoints * 2);
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

                var data = Sample.AllocatePadded(frames, 1);
                int done = 0;
                while (done < frames)
                {
                    int n = Math.Min(BlockPoints, frames - done);
                    long point = h.Start + (long)done;
                    ReadExact(_file.SampleDataOffset + (point * 2), block.AsSpan(0, n * 2), index);
                    var dst = data.AsSpan(Sample.PadFrames + done, n);
                    if (low is null)
                    {
                        for (int k = 0; k < n; k++)
                            dst[k] = BinaryPrimitives.ReadInt16LittleEndian(block.AsSpan(k * 2)) / 32768f;
                    }
                    else
                    {
                        ReadExact(_file.Sample24Offset + point, low.AsSpan(0, n), index);
                        for (int k = 0; k < n; k++)
                            dst[k] = ((BinaryPrimitives.ReadInt16LittleEndian(block.AsSpan(k * 2)) << 8) | low[k]) / 8388608f;
                    }

                    done += n;
                }

                samples[index] = Sample.FromPaddedArray(h.Name, (int)h.SampleRate, 1, frames, data, null);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
            if (low is not null)
                ArrayPool<byte>.Shared.Return(low);
        }

        return samples;
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

using System.Buffers.Binary;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;

namespace MidiSampler.Formats.SndFile;

/// <summary>
/// The root key, tune and loop of a FLAC file that carries its WAV original's <c>smpl</c> chunk: <c>flac
/// --keep-foreign-metadata</c> stores each RIFF chunk it does not encode in an APPLICATION metadata block with the id
/// <c>riff</c> (the FLAC format's registered application ids; the block's data is the chunk, id and size included).
/// libsndfile reads no instrument data from FLAC, so without this an SFZ's <c>pitch_keycenter=sample</c> and the
/// file's loop are lost when a library converts its WAVs to FLAC. Control or loader thread.
/// </summary>
internal static class FlacForeignMetadata
{
    /// <summary>Metadata blocks read at most (a picture block can be large; audio frames follow the last block).</summary>
    private const long MaxMetadataBytes = 64L << 20;

    /// <summary>
    /// The smpl chunk's metadata, or null when the stream (at <paramref name="origin"/>, restored afterwards) is not FLAC
    /// or carries none. Problems with the chunk are added to <paramref name="warnings"/> naming the file and the block.
    /// </summary>
    public static SampleMetadata? Read(Stream stream, long origin, int frames, string name, ICollection<string>? warnings)
    {
        long saved = stream.Position;
        try
        {
            stream.Position = origin;
            Span<byte> header = stackalloc byte[8];
            if (stream.ReadAtLeast(header[..4], 4, throwOnEndOfStream: false) < 4 || !header[..4].SequenceEqual("fLaC"u8))
                return null;
            long at = 4;
            while (at < MaxMetadataBytes)
            {
                if (stream.ReadAtLeast(header[..4], 4, throwOnEndOfStream: false) < 4)
                    return null;
                bool last = (header[0] & 0x80) != 0;
                int type = header[0] & 0x7F;
                int length = (header[1] << 16) | (header[2] << 8) | header[3];
                long body = at + 4;
                if (type == 2 && length >= 12)
                {
                    var data = new byte[length];
                    if (stream.ReadAtLeast(data, length, throwOnEndOfStream: false) < length)
                        return null;
                    if (data.AsSpan(0, 4).SequenceEqual("riff"u8) && data.AsSpan(4, 4).SequenceEqual("smpl"u8))
                    {
                        uint size = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8, 4));
                        var chunk = data.AsSpan(12, (int)Math.Min(size, (uint)(length - 12)));
                        return chunk.Length < 36 ? null : ToMetadata(WavSmplChunk.Parse(chunk), frames, $"{name}: byte {at}, APPLICATION 'riff' block 'smpl'", warnings);
                    }
                }
                else
                {
                    stream.Position = origin + body + length;
                }

                at = body + length;
                if (last)
                    return null;
            }

            return null;
        }
        catch (IOException)
        {
            return null; // libsndfile reports the file's real problems; the metadata is optional
        }
        finally
        {
            stream.Position = saved;
        }
    }

    private static SampleMetadata ToMetadata(SmplFields smpl, int frames, string where, ICollection<string>? warnings)
    {
        int? rootKey = smpl.UnityNote <= 127 ? (int)smpl.UnityNote : null;
        if (rootKey is null)
            warnings?.Add($"{where}: MIDI unity note {smpl.UnityNote} is outside 0..127: ignored");
        long? loopStart = null, loopEnd = null;
        if (smpl.HasLoop)
        {
            uint end = smpl.LoopEnd == frames && smpl.LoopStart < frames - 1 ? (uint)(frames - 1) : smpl.LoopEnd; // as WAV: sfizz clamps
            if (end <= smpl.LoopStart || end >= frames)
            {
                warnings?.Add($"{where}: loop {smpl.LoopStart}..{smpl.LoopEnd} is empty or outside the {frames} frames of audio: no loop");
            }
            else
            {
                (loopStart, loopEnd) = (smpl.LoopStart, end);
            }
        }

        return new SampleMetadata(rootKey, WavSmplChunk.FractionToTuneCents(smpl.PitchFraction), loopStart, loopEnd);
    }
}

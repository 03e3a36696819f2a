using System.Buffers.Binary;
using MidiSampler.Model;

namespace MidiSampler.Formats.Wav;

/// <summary>
/// The sampler chunk (<c>smpl</c>, Multimedia Programming Interface and Data Specifications 1.0, 1991):
/// 36 bytes of header then 24 bytes per loop. Any thread.
/// </summary>
/// <remarks>
/// Design: dwMIDIPitchFraction is "the fraction of a semitone up from the specified MIDI unity note"
/// (0x80000000 is 50 cents): the recording sounds that many cents sharp of its root key. The sampler's
/// <see cref="SampleMetadata.TuneCents"/> is the correction applied on playback (added to the region's
/// tune, like SFZ <c>tune</c>), so it is the negated fraction: a sample 50 cents sharp gets -50 cents.
/// Loop ends are inclusive in the chunk ("this sample will also be played"), as in SampleMetadata.
/// </remarks>
internal static class WavSmplChunk
{
    /// <summary>Bytes before the loop records.</summary>
    public const int HeaderBytes = 36;

    /// <summary>Bytes per loop record.</summary>
    public const int LoopBytes = 24;

    /// <summary>Size of a chunk body with one loop.</summary>
    public const int OneLoopBytes = HeaderBytes + LoopBytes;

    private const double FractionPerCent = 4_294_967_296.0 / 100;

    /// <summary>The raw fields this sampler uses, from a body of at least <see cref="HeaderBytes"/> bytes.</summary>
    public static SmplFields Parse(ReadOnlySpan<byte> body)
    {
        uint unityNote = BinaryPrimitives.ReadUInt32LittleEndian(body[12..]);
        uint pitchFraction = BinaryPrimitives.ReadUInt32LittleEndian(body[16..]);
        uint loopCount = BinaryPrimitives.ReadUInt32LittleEndian(body[28..]);
        bool hasLoop = loopCount > 0 && body.Length >= OneLoopBytes;
        return new SmplFields(
            unityNote,
            pitchFraction,
            loopCount,
            hasLoop,
            hasLoop ? BinaryPrimitives.ReadUInt32LittleEndian(body[(HeaderBytes + 4)..]) : 0,
            hasLoop ? BinaryPrimitives.ReadUInt32LittleEndian(body[(HeaderBytes + 8)..]) : 0,
            hasLoop ? BinaryPrimitives.ReadUInt32LittleEndian(body[(HeaderBytes + 12)..]) : 0);
    }

    /// <summary>Playback correction in cents for a pitch fraction (see the type remarks for the sign).</summary>
    public static double FractionToTuneCents(uint pitchFraction) => -(pitchFraction / FractionPerCent);

    /// <summary>
    /// Writes a one-loop (or loopless) chunk body for <paramref name="metadata"/> into <paramref name="body"/>
    /// (<see cref="OneLoopBytes"/> long) and returns the bytes used. Root key 60 when the metadata has none.
    /// </summary>
    public static int Write(SampleMetadata metadata, int sampleRate, Span<byte> body)
    {
        body[..OneLoopBytes].Clear();
        // The recording sounds at rootKey - tuneCents/100 semitones; split it into a unity note and an
        // upward fraction in [0, 1) semitone.
        double pitchSemitones = (metadata.RootKey ?? 60) - (metadata.TuneCents / 100);
        double unity = Math.Floor(pitchSemitones);
        double fraction = Math.Round((pitchSemitones - unity) * 100 * FractionPerCent);
        if (fraction >= 4_294_967_296.0)
        {
            unity += 1;
            fraction = 0;
        }

        uint samplePeriodNs = (uint)Math.Round(1e9 / sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(body[8..], samplePeriodNs);
        BinaryPrimitives.WriteUInt32LittleEndian(body[12..], (uint)Math.Clamp(unity, 0, 127));
        BinaryPrimitives.WriteUInt32LittleEndian(body[16..], (uint)fraction);
        if (!metadata.HasLoop)
            return HeaderBytes;
        BinaryPrimitives.WriteUInt32LittleEndian(body[28..], 1);
        // Loop record: identifier 0, type 0 (forward), start, end (inclusive), fraction 0, play count 0 (infinite).
        BinaryPrimitives.WriteUInt32LittleEndian(body[(HeaderBytes + 8)..], (uint)metadata.LoopStart!.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(body[(HeaderBytes + 12)..], (uint)metadata.LoopEnd!.Value);
        return OneLoopBytes;
    }
}

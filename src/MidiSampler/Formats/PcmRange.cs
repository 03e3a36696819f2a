namespace MidiSampler.Formats;

/// <summary>
/// One mono sample stored as raw 16-bit little-endian PCM in a range of a larger file (a SoundFont's <c>smpl</c> chunk),
/// with an optional plane of low bytes that makes it 24-bit (<c>sm24</c>).
/// </summary>
/// <param name="Path">The file, full path.</param>
/// <param name="Name">The sample's name, for messages.</param>
/// <param name="SampleRate">Its rate in Hz.</param>
/// <param name="Frames">Its frames (points).</param>
/// <param name="DataOffsetBytes">File offset of its first 16-bit point.</param>
/// <param name="LowBytesOffset">File offset of its first low byte, or -1 for 16-bit data.</param>
public sealed record PcmRange(string Path, string Name, int SampleRate, long Frames, long DataOffsetBytes, long LowBytesOffset);

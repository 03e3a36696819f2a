using MidiSampler.Model;

namespace MidiSampler.Formats.Wav;

/// <summary>Where a WAV file's frames are and how to decode them, read from its chunks without touching the data.</summary>
/// <param name="Format">Encoding, channels, rate and block align from the fmt chunk.</param>
/// <param name="DataOffsetBytes">Stream position of the first frame's first byte.</param>
/// <param name="Frames">Whole frames present in the data chunk.</param>
/// <param name="Metadata">Root key, tune and loop from the smpl chunk.</param>
internal readonly record struct WavLayout(WavFormat Format, long DataOffsetBytes, long Frames, SampleMetadata Metadata);

namespace MidiSampler.Model;

/// <summary>What a sample file says about itself beyond its audio: root key, fine tune and a loop.</summary>
/// <param name="RootKey">MIDI key at which the sample sounds at its recorded pitch, or <c>null</c>.</param>
/// <param name="TuneCents">Fine tuning from the file (the smpl chunk's pitch fraction), in cents.</param>
/// <param name="LoopStart">First frame of the loop, or <c>null</c> when the file has no loop.</param>
/// <param name="LoopEnd">Last frame of the loop, inclusive (as in SFZ and the WAV smpl chunk).</param>
public sealed record SampleMetadata(int? RootKey, double TuneCents, long? LoopStart, long? LoopEnd)
{
    /// <summary>No metadata.</summary>
    public static SampleMetadata None { get; } = new(null, 0, null, null);

    /// <summary>True when the file defines a loop.</summary>
    public bool HasLoop => LoopStart is not null && LoopEnd is not null && LoopEnd > LoopStart;
}

namespace MidiSampler.Formats.Wav;

/// <summary>The parts of a validated fmt chunk the decoder needs.</summary>
/// <param name="Encoding">How each sample is stored.</param>
/// <param name="Channels">1 or 2.</param>
/// <param name="SampleRate">Frames per second, in Hz.</param>
/// <param name="BlockAlignBytes">Bytes per frame (all channels).</param>
internal readonly record struct WavFormat(WavEncoding Encoding, int Channels, int SampleRate, int BlockAlignBytes);

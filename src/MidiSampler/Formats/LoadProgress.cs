namespace MidiSampler.Formats;

/// <summary>How far an instrument load is (reported through <see cref="InstrumentLoadOptions.Progress"/>).</summary>
/// <param name="SamplesDone">Sample files decoded (heads, or whole files in RAM mode).</param>
/// <param name="SamplesTotal">Sample files to decode.</param>
/// <param name="BytesDecoded">Decoded bytes held so far.</param>
public readonly record struct LoadProgress(int SamplesDone, int SamplesTotal, long BytesDecoded);

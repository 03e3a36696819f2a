namespace MidiSampler.Rendering;

/// <summary>Receives rendered interleaved audio, one block at a time (the span is reused afterwards: copy or write it out).</summary>
public delegate void AudioSink(ReadOnlySpan<float> interleaved);

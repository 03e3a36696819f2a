using MidiSampler.Model;

namespace MidiSampler.Formats;

/// <summary>One sample file's outcome in <see cref="ISampleLoader.LoadAll"/>: the sample, or why it could not be loaded.</summary>
/// <param name="Sample">The sample; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">The error naming the file and the reason; null on success.</param>
public readonly record struct SampleLoadResult(Sample? Sample, InstrumentLoadException? Error);

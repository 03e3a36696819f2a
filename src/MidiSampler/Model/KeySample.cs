namespace MidiSampler.Model;

/// <summary>
/// The sample a region plays for notes <paramref name="LowKey"/>..<paramref name="HighKey"/> in place of
/// <see cref="Region.Sample"/>: a band-limited table of an oscillator (SFZ <c>*saw</c>, <c>oscillator=on</c>), so that
/// high notes play a table with fewer harmonics and nothing folds back above the output's Nyquist frequency. Every
/// table of a region has the same length, rate and metadata as <see cref="Region.Sample"/>, so loop points and offsets
/// hold for all of them.
/// </summary>
/// <param name="LowKey">First key (0..127) that plays <paramref name="Sample"/>.</param>
/// <param name="HighKey">Last key, inclusive.</param>
/// <param name="Sample">The table for those keys.</param>
public sealed record KeySample(int LowKey, int HighKey, Sample Sample);

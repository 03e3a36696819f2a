namespace MidiSampler.Formats;

/// <summary>Options for <see cref="InstrumentLoader"/>.</summary>
public sealed record InstrumentLoadOptions
{
    /// <summary>
    /// Root key for an instrument made from a single sample file. When null, the file's own root key (the WAV
    /// <c>smpl</c> chunk) is used, and 60 (middle C) when it has none.
    /// </summary>
    public int? RootKey { get; init; }
}

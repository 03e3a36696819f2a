namespace MidiSampler.Formats.Sf2;

/// <summary>
/// A parsed SoundFont 2 (or SF3) bank, faithful to the file: INFO, presets and instruments with their zones,
/// generators and modulators, and the sample headers. The sample data is not loaded; <see cref="SampleDataOffset"/>
/// says where it is. Read with <see cref="SoundFontLoader.Read(string)"/>; turned into playable instruments by
/// <see cref="SoundFontLoader"/>. Any thread: immutable.
/// </summary>
public sealed class SoundFontFile
{
    internal SoundFontFile(
        string sourcePath,
        SoundFontInfo info,
        IReadOnlyList<SoundFontPreset> presets,
        IReadOnlyList<SoundFontInstrument> instruments,
        IReadOnlyList<SoundFontSampleHeader> sampleHeaders,
        long sampleDataOffset,
        long sampleDataPoints,
        long sample24Offset,
        IReadOnlyList<string> warnings)
    {
        SourcePath = sourcePath;
        Info = info;
        Presets = presets;
        Instruments = instruments;
        SampleHeaders = sampleHeaders;
        SampleDataOffset = sampleDataOffset;
        SampleDataPoints = sampleDataPoints;
        Sample24Offset = sample24Offset;
        Warnings = warnings;
    }

    /// <summary>The file it was read from (used in messages).</summary>
    public string SourcePath { get; }

    /// <summary>The INFO list.</summary>
    public SoundFontInfo Info { get; }

    /// <summary>The presets, in file order (without the terminal "EOP" record).</summary>
    public IReadOnlyList<SoundFontPreset> Presets { get; }

    /// <summary>The instruments, in file order (without the terminal "EOI" record); preset zones link to them by index.</summary>
    public IReadOnlyList<SoundFontInstrument> Instruments { get; }

    /// <summary>The sample headers, in file order (without the terminal "EOS" record); instrument zones link to them by index.</summary>
    public IReadOnlyList<SoundFontSampleHeader> SampleHeaders { get; }

    /// <summary>Byte position of the <c>smpl</c> chunk's data in the file, or -1 when the file has none.</summary>
    public long SampleDataOffset { get; }

    /// <summary>Number of 16-bit data points in <c>smpl</c> (for SF3: its size in bytes).</summary>
    public long SampleDataPoints { get; }

    /// <summary>Byte position of the <c>sm24</c> chunk's data (the low 8 bits of 24-bit samples), or -1 when not used.</summary>
    public long Sample24Offset { get; }

    /// <summary>True for an SF3 bank (ifil major 3) or a bank with Ogg Vorbis compressed samples.</summary>
    public bool HasCompressedSamples => Info.VersionMajor == 3 || SampleHeaders.Any(h => h.IsCompressed);

    /// <summary>What was tolerated while reading: ignored generators, zones without a link, an unusable sm24 chunk.</summary>
    public IReadOnlyList<string> Warnings { get; }
}

namespace MidiSampler.Formats.Wav;

/// <summary>Names of WAV format tags, so that an unsupported codec is named in the error a user reads.</summary>
internal static class WavCodecNames
{
    /// <summary>WAVE_FORMAT_PCM (mmreg.h).</summary>
    public const int Pcm = 0x0001;

    /// <summary>WAVE_FORMAT_IEEE_FLOAT (mmreg.h).</summary>
    public const int IeeeFloat = 0x0003;

    /// <summary>WAVE_FORMAT_EXTENSIBLE (mmreg.h): the real codec is in the SubFormat GUID.</summary>
    public const int Extensible = 0xFFFE;

    /// <summary>A readable name for <paramref name="formatTag"/>, from the registered tags in mmreg.h.</summary>
    public static string Name(int formatTag) => formatTag switch
    {
        0x0000 => "an unknown codec",
        0x0001 => "PCM",
        0x0002 => "Microsoft ADPCM",
        0x0003 => "IEEE float",
        0x0006 => "A-law",
        0x0007 => "µ-law",
        0x0011 => "IMA ADPCM",
        0x0016 => "ITU G.723 ADPCM",
        0x0031 => "GSM 6.10",
        0x0040 => "ITU G.721 ADPCM",
        0x0050 => "MPEG audio",
        0x0055 => "MP3",
        0x0092 => "Dolby AC-3 (S/PDIF)",
        0x00FF or 0x1610 => "AAC",
        0x0160 or 0x0161 or 0x0162 or 0x0163 => "Windows Media Audio",
        0x2000 => "Dolby AC-3",
        0x2001 => "DTS",
        0xF1AC => "FLAC",
        _ => "an unknown codec",
    };

    /// <summary>"IMA ADPCM (format 0x0011) is not supported; convert to PCM".</summary>
    public static string NotSupported(int formatTag) =>
        $"{Name(formatTag)} (format 0x{formatTag:X4}) is not supported; convert the file to PCM or float WAV";
}

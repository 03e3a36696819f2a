namespace MidiSampler.Formats.Sf2;

/// <summary>The <c>sfSampleType</c> bits of a sample header (spec section 7.10; 0x10 is SF3's Ogg Vorbis flag).</summary>
[Flags]
public enum SoundFontSampleType : ushort
{
    /// <summary>No bit set (only the terminal record has it).</summary>
    None = 0,

    /// <summary>A mono sample.</summary>
    Mono = 1,

    /// <summary>The right channel of a stereo pair (its link names the left).</summary>
    Right = 2,

    /// <summary>The left channel of a stereo pair (its link names the right).</summary>
    Left = 4,

    /// <summary>A member of a linked chain (not supported by the spec's reference implementation either).</summary>
    Linked = 8,

    /// <summary>SF3: the data is Ogg Vorbis compressed (start/end are byte offsets of the Ogg stream in smpl).</summary>
    Vorbis = 0x10,

    /// <summary>The data lives in the sound card's ROM, not in this file.</summary>
    Rom = 0x8000,
}

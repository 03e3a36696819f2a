namespace MidiSampler.Tests.Hardening;

/// <summary>Valid Standard MIDI Files that declare absurd lengths (issue 20, finding 4).</summary>
internal static class AbsurdSongs
{
    /// <summary>
    /// 40 bytes, format 0, one tick per beat: a tempo of 2.09 s a beat, then a note-on after the largest delta a file can
    /// hold (0x0FFFFFFF ticks): the note comes 17.8 years in, and is never released.
    /// </summary>
    public static readonly byte[] SeventeenYears =
    [
        .. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, 0, 1,
        .. "MTrk"u8, 0, 0, 0, 18,
        0x00, 0xFF, 0x51, 0x03, 0x1F, 0xEC, 0x20,
        0xFF, 0xFF, 0xFF, 0x7F, 0x90, 0x3C, 0x64,
        0x00, 0xFF, 0x2F, 0x00,
    ];

    /// <summary>
    /// A note at 0 s released at 0.5 s (96 ticks a beat, 120 bpm), then the end of track after the largest delta
    /// (0x0FFFFFFF ticks): 16 days of declared silence.
    /// </summary>
    public static readonly byte[] SixteenDaysOfSilence =
    [
        .. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96,
        .. "MTrk"u8, 0, 0, 0, 15,
        0x00, 0x90, 0x3C, 0x64,
        0x30, 0x80, 0x3C, 0x00,
        0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0x2F, 0x00,
    ];
}

namespace MidiSampler.Engine;

/// <summary>
/// The controller numbers a modulation route (SFZ <c>*_onccN</c>) may name: the 128 MIDI controllers, and the
/// ARIA/sfizz "extended controllers" above them (sfzformat.com, extensions/midi_ccs), which are not controllers but
/// note and channel values read as if they were. Values, as sfizz's ControllerSource and MidiState produce them:
/// 128 pitch bend −1..1, 129 channel aftertouch 0..1, 130 the voice key's polyphonic aftertouch 0..1 (these three follow
/// the channel while the note sounds); 131 note-on velocity 0..1, 132 note-off velocity 0..1 (release-trigger voices),
/// 133 note number / 127, 134 note gate (1 when another key was down at note-on, else 0), 135 random 0..1,
/// 136 random −1..1, 137 alternate (0, 1, 0, 1… per note-on of the channel), 140 key delta (this key minus the
/// previous note-on's key, in semitones, 0 for the first note), 141 its absolute value (these are fixed at note-on).
/// Threads: any (pure).
/// </summary>
internal static class ControllerSources
{
    /// <summary>Pitch bend, −1..1.</summary>
    public const int PitchBend = 128;

    /// <summary>Channel aftertouch (pressure), 0..1.</summary>
    public const int ChannelAftertouch = 129;

    /// <summary>Polyphonic aftertouch of the voice's key, 0..1.</summary>
    public const int PolyAftertouch = 130;

    /// <summary>Note-on velocity, 0..1.</summary>
    public const int NoteOnVelocity = 131;

    /// <summary>Note-off velocity, 0..1.</summary>
    public const int NoteOffVelocity = 132;

    /// <summary>Note number / 127.</summary>
    public const int NoteNumber = 133;

    /// <summary>Note gate: 1 when another key was held at note-on.</summary>
    public const int NoteGate = 134;

    /// <summary>Unipolar random, 0..1, drawn at note-on.</summary>
    public const int UnipolarRandom = 135;

    /// <summary>Bipolar random, −1..1, drawn at note-on.</summary>
    public const int BipolarRandom = 136;

    /// <summary>Alternate: 0 and 1 on successive note-ons.</summary>
    public const int Alternate = 137;

    /// <summary>Key delta in semitones from the previous note-on.</summary>
    public const int KeyDelta = 140;

    /// <summary>Absolute key delta in semitones.</summary>
    public const int AbsoluteKeyDelta = 141;

    /// <summary>One past the highest source number: per-voice tables are indexed by <c>controller − 128</c>.</summary>
    public const int End = 142;

    /// <summary>True for a number a modulation route may name: 0..127 or one of the extended sources.</summary>
    public static bool IsSource(int controller) => controller is >= 0 and < 128 || IsExtended(controller);

    /// <summary>True for an ARIA/sfizz extended source (128..137, 140, 141).</summary>
    public static bool IsExtended(int controller) => controller is >= PitchBend and <= Alternate or KeyDelta or AbsoluteKeyDelta;

    /// <summary>
    /// True when a <c>*_curveccN</c> curve shapes this source. sfizz passes pitch bend, channel aftertouch and the key
    /// deltas through unshaped (they are not 0..1 values), every other source through its curve.
    /// </summary>
    public static bool TakesCurve(int controller) =>
        controller is not (PitchBend or ChannelAftertouch or KeyDelta or AbsoluteKeyDelta);
}

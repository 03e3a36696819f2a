namespace MidiSampler.Engine;

/// <summary>
/// The channel's part of the ARIA/sfizz extended controllers (<see cref="ControllerSources"/>): values set at each
/// note-on (and note-off) that the voices started by it read once. Audio thread only.
/// </summary>
internal sealed partial class MidiChannelState
{
    /// <summary>cc134: 1 when another key was down at the last note-on, else 0 (sfizz MidiState: activeNotes &gt; 0).</summary>
    public float NoteGate { get; private set; }

    /// <summary>cc137: 0 at the first note-on after a reset, then 1, 0, 1… (sfizz toggles it after each note-on).</summary>
    public float Alternate { get; private set; }

    /// <summary>cc140: the last note-on's key minus the one before it, in semitones (0 for the first note).</summary>
    public float KeyDelta { get; private set; }

    /// <summary>cc135: a random 0..1 drawn at the last note-on (only when the instrument reads it).</summary>
    public float UnipolarRandom { get; private set; }

    /// <summary>cc136: a random −1..1 drawn at the last note-on (only when the instrument reads it).</summary>
    public float BipolarRandom { get; private set; }

    /// <summary>cc132: the velocity 0..1 of the note-off that is starting release-trigger voices; 0 while a note-on starts voices.</summary>
    public float NoteOffVelocity { get; set; }

    private float _nextAlternate;

    /// <summary>Note-on: the values the voices it starts read. <paramref name="previousKey"/> is −1 for the first note.</summary>
    public void NoteSourcesAtNoteOn(int key, int previousKey, bool otherKeysHeld, float unipolar, float bipolar)
    {
        NoteGate = otherKeysHeld ? 1 : 0;
        KeyDelta = previousKey >= 0 ? key - previousKey : 0;
        UnipolarRandom = unipolar;
        BipolarRandom = bipolar;
        NoteOffVelocity = 0;
        Alternate = _nextAlternate;
        _nextAlternate = 1 - _nextAlternate;
    }
}

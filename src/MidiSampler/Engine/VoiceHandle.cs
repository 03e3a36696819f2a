namespace MidiSampler.Engine;

/// <summary>
/// Identifies the voices started by one note-on, so that they can be released or killed later even
/// after the key is struck again. Issued on the control thread before the event reaches the audio thread.
/// </summary>
/// <param name="NoteId">The note's identifier; 0 is <see cref="None"/>.</param>
public readonly record struct VoiceHandle(int NoteId)
{
    /// <summary>No note (the event could not be queued).</summary>
    public static VoiceHandle None => default;

    /// <summary>True when the note-on was queued.</summary>
    public bool IsValid => NoteId != 0;
}

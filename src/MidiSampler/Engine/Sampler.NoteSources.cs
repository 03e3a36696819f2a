namespace MidiSampler.Engine;

/// <summary>The note-on values behind the ARIA/sfizz extended controllers 134–141 (<see cref="ControllerSources"/>). Audio thread.</summary>
public sealed unsafe partial class Sampler
{
    /// <summary>
    /// Sets the channel's note-on sources before the note's regions start. The random pair is drawn once per note (sfizz
    /// draws it in MidiState at note-on, so layered regions of one note read the same value), and only when the instrument
    /// reads cc135/cc136, so that instruments without them keep their random sequence.
    /// </summary>
    private void SetNoteSources(MidiChannelState channel, CompiledInstrument? instrument, int key, bool otherKeysHeld)
    {
        float unipolar = 0, bipolar = 0;
        if (instrument is not null && instrument.ReadsRandomSources)
        {
            unipolar = _random.NextFloat();
            bipolar = (_random.NextFloat() * 2) - 1;
        }

        channel.NoteSourcesAtNoteOn(key, channel.PreviousKey, otherKeysHeld, unipolar, bipolar);
    }
}

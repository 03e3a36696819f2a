namespace MidiSampler.Engine;

/// <summary>
/// What playing one installed instrument writes: the round-robin counters, the last keyswitch per channel, the group
/// timers and the count of voices playing it. Built by the sampler with the program slot it belongs to (control
/// thread), then written by the audio thread only; the count is read by the control thread to free retired data.
/// </summary>
/// <remarks>
/// Design: a <see cref="CompiledInstrument"/> is read-only once built, so nothing a performance does is kept in it;
/// the state lives beside it in the program table (<see cref="InstalledInstrument"/>). Two slots holding the same
/// compiled data would then still count their round robins and keyswitches apart.
/// </remarks>
internal sealed class InstrumentPlayState
{
    public InstrumentPlayState(CompiledInstrument instrument)
    {
        SequenceCounters = new int[instrument.Regions.Length];
        GroupTimers = new GroupTimers(instrument.Regions);
        LastKeyswitch = new int[EngineLimits.MidiChannels];
        Array.Fill(LastKeyswitch, instrument.DefaultKeyswitch);
    }

    /// <summary>Per region index, how many matching triggers it has seen (round robin).</summary>
    public int[] SequenceCounters { get; }

    /// <summary>Per MIDI channel, the last keyswitch struck (or the default, or -1).</summary>
    public int[] LastKeyswitch { get; }

    /// <summary>lotimer/hitimer: each group's last start.</summary>
    public GroupTimers GroupTimers { get; }

    /// <summary>Voices playing the instrument. Written by the audio thread; read by the control thread to free retired data.</summary>
    public int ActiveVoices;
}

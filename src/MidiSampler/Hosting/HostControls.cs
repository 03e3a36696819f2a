using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Hosting;

/// <summary>
/// The control side both live hosts (JACK and ALSA) share: the program slots, the lock that serialises control
/// operations (the audio thread never takes it), instrument installation with warm-up, events, panic, gain and the
/// freeing of retired instruments, all on whatever sampler the host plays now.
/// </summary>
/// <remarks>
/// Design: the host passes a function that returns its current sampler (the JACK host rebuilds it when the server's
/// rate changes, under <see cref="Gate"/>), so every operation reaches the sampler playing at that moment; the slots
/// outlive a sampler, so that a rebuilt one, or a reconnection, installs the same set. Control thread.
/// </remarks>
public sealed class HostControls
{
    private readonly Func<Sampler> _sampler;

    /// <summary>Controls over the sampler <paramref name="sampler"/> returns (read on control threads only).</summary>
    public HostControls(Func<Sampler> sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        _sampler = sampler;
    }

    /// <summary>The control lock: hold it to change the sampler or read <see cref="Slots"/>. Never taken by the audio thread.</summary>
    public Lock Gate { get; } = new();

    /// <summary>What is installed, by (bank, program); guarded by <see cref="Gate"/>.</summary>
    public ProgramSlots Slots { get; } = new();

    /// <summary>Output gain in dB, ramped over the next period. Any thread.</summary>
    public double GainDb
    {
        get => _sampler().MasterGainDb;
        set
        {
            lock (Gate)
                _sampler().MasterGainDb = value;
        }
    }

    /// <summary>
    /// Installs (or clears) instruments at (bank, program) slots: each compiled and warmed up first, then all published at
    /// once; sounding notes keep theirs. Control thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bank or program is out of range.</exception>
    public void SetInstruments(IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> instruments)
    {
        ProgramSlots.Validate(instruments);
        // Before they go live: their paths (SF2 voices, filters, effects, streaming...) compiled now, not on the first
        // note (once per kind of instrument: a SoundFont's presets share a few kinds).
        foreach (var (_, _, instrument) in instruments)
            _sampler().WarmUpIfNew(instrument);
        lock (Gate)
        {
            Slots.Apply(instruments);
            _sampler().SetInstruments(instruments);
        }
    }

    /// <summary>The instrument at (bank, program), or null. Control thread.</summary>
    public Instrument? GetInstrument(int bank, int program)
    {
        lock (Gate)
            return Slots.Get(bank, program);
    }

    /// <summary>Every installed slot. Control thread.</summary>
    public IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> GetInstruments()
    {
        lock (Gate)
            return Slots.All();
    }

    /// <summary>Queues an event for the start of the next period; false when the ring is full. Control thread.</summary>
    public bool Send(in MidiEvent midiEvent)
    {
        lock (Gate)
            return _sampler().Send(midiEvent);
    }

    /// <summary>Fades out every voice and resets every controller (MIDI panic). Control thread.</summary>
    public void Panic()
    {
        lock (Gate)
            _sampler().Panic();
    }

    /// <summary>Frees the instruments the audio thread has retired. The host's worker thread.</summary>
    public void CollectRetired()
    {
        lock (Gate)
            _sampler().CollectRetired();
    }

    /// <summary>The sampler's statistics with the host's xrun count and its own dropped MIDI events folded in. Any thread.</summary>
    public SamplerStats GetStats(long xruns, long hostDroppedEvents)
    {
        var stats = _sampler().GetStats();
        return stats with { Xruns = xruns, DroppedEvents = stats.DroppedEvents + hostDroppedEvents };
    }
}

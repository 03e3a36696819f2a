using MidiSampler.Model;

namespace MidiSampler.Hosting;

/// <summary>
/// What a live host has installed, by (bank, program): the host's own record, kept beside the sampler's table so that a
/// rebuilt sampler (a new rate) or a reconnection installs the same set. Not thread-safe: the host guards it with its
/// control lock. Control thread.
/// </summary>
public sealed class ProgramSlots
{
    private readonly SortedDictionary<(int Bank, int Program), Instrument> _slots = [];

    /// <summary>Checks that every slot is a MIDI bank 0..16383 and program 0..127. Any thread.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bank or program is out of range.</exception>
    public static void Validate(IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (bank, program, _) in changes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bank);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(bank, 16383);
            ArgumentOutOfRangeException.ThrowIfNegative(program);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(program, 127);
        }
    }

    /// <summary>Records the changes (null clears a slot). Control thread, under the host's lock.</summary>
    public void Apply(IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> changes)
    {
        Validate(changes);
        foreach (var (bank, program, instrument) in changes)
        {
            if (instrument is null)
                _slots.Remove((bank, program));
            else
                _slots[(bank, program)] = instrument;
        }
    }

    /// <summary>The instrument at (bank, program), or null. Control thread, under the host's lock.</summary>
    public Instrument? Get(int bank, int program) => _slots.GetValueOrDefault((bank, program));

    /// <summary>Every installed slot, in bank then program order (a copy). Control thread, under the host's lock.</summary>
    public IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> All() =>
        [.. _slots.Select(kv => (kv.Key.Bank, kv.Key.Program, (Instrument?)kv.Value))];

    /// <summary>The distinct instruments installed (one per SoundFont preset, shared ones once). Control thread, under the host's lock.</summary>
    public IReadOnlyList<Instrument> Distinct() => [.. _slots.Values.Distinct()];
}

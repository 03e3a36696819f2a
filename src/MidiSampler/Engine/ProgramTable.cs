namespace MidiSampler.Engine;

/// <summary>
/// The installed instruments by (bank, program): an immutable snapshot that the control thread replaces as a whole
/// and the audio thread reads without locks or allocation.
/// </summary>
/// <remarks>
/// Design: copy-on-write. Installing builds a new table on the control thread (a copy of the slot arrays, a few KB)
/// and publishes it with one release store; the audio thread takes the reference at a block boundary. Banks are kept
/// sorted in a small array and found by binary search (a SoundFont has a handful of banks), each bank holding 128
/// program slots, so a lookup is a few comparisons and two array reads.
/// </remarks>
internal sealed class ProgramTable
{
    public const int Programs = 128;

    /// <summary>The highest bank number: CC0 and CC32 together select 0..16383.</summary>
    public const int MaxBank = 16383;

    private readonly int[] _banks;
    private readonly InstalledInstrument?[][] _slots;

    private ProgramTable(int[] banks, InstalledInstrument?[][] slots)
    {
        _banks = banks;
        _slots = slots;
    }

    /// <summary>A table with nothing installed.</summary>
    public static ProgramTable Empty { get; } = new([], []);

    /// <summary>The instrument at (bank, program), or null. Any thread.</summary>
    public InstalledInstrument? Get(int bank, int program)
    {
        int b = Array.BinarySearch(_banks, bank);
        return b < 0 || (uint)program >= Programs ? null : _slots[b][program];
    }

    /// <summary>True when some instrument is installed in <paramref name="bank"/>. Any thread.</summary>
    public bool HasBank(int bank) => Array.BinarySearch(_banks, bank) >= 0;

    /// <summary>Every (bank, program, instrument) installed, in bank then program order. Control thread.</summary>
    public IEnumerable<(int Bank, int Program, InstalledInstrument Instrument)> All()
    {
        for (int b = 0; b < _banks.Length; b++)
        {
            for (int p = 0; p < Programs; p++)
            {
                if (_slots[b][p] is { } instrument)
                    yield return (_banks[b], p, instrument);
            }
        }
    }

    /// <summary>A copy of this table with the given slots replaced (null clears a slot); empty banks are dropped. Control thread.</summary>
    public ProgramTable With(IEnumerable<(int Bank, int Program, InstalledInstrument? Instrument)> changes)
    {
        var banks = new SortedDictionary<int, InstalledInstrument?[]>();
        for (int b = 0; b < _banks.Length; b++)
            banks[_banks[b]] = (InstalledInstrument?[])_slots[b].Clone();
        foreach (var (bank, program, instrument) in changes)
        {
            if (!banks.TryGetValue(bank, out var slots))
            {
                if (instrument is null)
                    continue;
                banks[bank] = slots = new InstalledInstrument?[Programs];
            }

            slots[program] = instrument;
        }

        var kept = banks.Where(kv => Array.Exists(kv.Value, i => i is not null)).ToList();
        return new ProgramTable([.. kept.Select(kv => kv.Key)], [.. kept.Select(kv => kv.Value)]);
    }
}

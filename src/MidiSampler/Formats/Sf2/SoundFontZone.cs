namespace MidiSampler.Formats.Sf2;

/// <summary>
/// One zone (bag) of a preset or an instrument, after the structural rules of spec sections 7.3-7.9 and 8.1 were
/// applied: key range first, velocity range only after it, the link (instrument or sample) last, generators invalid at
/// this level and unknown generators dropped, a repeated generator replaced by its last occurrence (as FluidSynth does).
/// Any thread: immutable.
/// </summary>
public sealed class SoundFontZone
{
    private readonly SoundFontGenerator[] _generators;
    private readonly SoundFontModulator[] _modulators;

    /// <summary>Creates a zone. Control or loader thread.</summary>
    /// <param name="bagIndex">Position of the zone in its preset or instrument, 0-based, counting a global zone (FluidSynth's "pz:NAME/N" suffix).</param>
    /// <param name="generators">Valid generators, without keyRange, velRange and the link (those have their own properties).</param>
    /// <param name="modulators">The zone's modulators, raw.</param>
    /// <param name="keyRange">The keyRange amount, or <c>null</c> when the zone has none.</param>
    /// <param name="velocityRange">The velRange amount, or <c>null</c> when the zone has none.</param>
    /// <param name="link">The instrument (preset zone) or sample header (instrument zone) index, or <c>null</c> for a global zone.</param>
    public SoundFontZone(
        int bagIndex,
        IReadOnlyList<SoundFontGenerator> generators,
        IReadOnlyList<SoundFontModulator> modulators,
        (byte Low, byte High)? keyRange,
        (byte Low, byte High)? velocityRange,
        int? link)
    {
        ArgumentNullException.ThrowIfNull(generators);
        ArgumentNullException.ThrowIfNull(modulators);
        BagIndex = bagIndex;
        _generators = [.. generators];
        _modulators = [.. modulators];
        KeyRange = keyRange;
        VelocityRange = velocityRange;
        Link = link;
    }

    /// <summary>Position of the zone in its preset or instrument, 0-based, counting a global zone.</summary>
    public int BagIndex { get; }

    /// <summary>The generators other than keyRange, velRange and the link, in file order, each operator at most once.</summary>
    public IReadOnlyList<SoundFontGenerator> Generators => _generators;

    /// <summary>The modulators, raw, in file order.</summary>
    public IReadOnlyList<SoundFontModulator> Modulators => _modulators;

    /// <summary>The key range (0..127 each), or <c>null</c> when the zone sets none (FluidSynth shows "0 - 128").</summary>
    public (byte Low, byte High)? KeyRange { get; }

    /// <summary>The velocity range, or <c>null</c> when the zone sets none.</summary>
    public (byte Low, byte High)? VelocityRange { get; }

    /// <summary>The instrument index (preset zones) or sample header index (instrument zones); <c>null</c> for a global zone.</summary>
    public int? Link { get; }

    /// <summary>True for a global zone (no instrument or sample link).</summary>
    public bool IsGlobal => Link is null;

    /// <summary>Finds a generator by operator. Any thread.</summary>
    public bool TryGetGenerator(SoundFontGeneratorType type, out SoundFontGenerator generator)
    {
        foreach (var g in _generators)
        {
            if (g.Type == type)
            {
                generator = g;
                return true;
            }
        }

        generator = default;
        return false;
    }
}

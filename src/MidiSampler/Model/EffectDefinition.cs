using MidiSampler.Dsp.Effects;

namespace MidiSampler.Model;

/// <summary>
/// One effect of an instrument (an SFZ <c>&lt;effect&gt;</c> header): its bus, its type, and how to build its DSP for a
/// given output rate. Immutable; the sampler builds a fresh <see cref="BusEffect"/> from it each time it compiles the
/// instrument, on the control thread.
/// </summary>
/// <remarks>
/// Design: the model stays independent of any output rate (an instrument may be installed in samplers of different
/// rates), so it keeps a factory rather than an effect: the loader has already read the opcodes and reported their
/// problems; <see cref="Create"/> only builds the DSP. Threads: any (immutable); <see cref="Create"/>
/// on the control thread.
/// </remarks>
public sealed class EffectDefinition
{
    private readonly Func<int, int, BusEffect?> _create;

    /// <summary>Creates a definition. Control thread.</summary>
    /// <param name="bus">The bus the effect processes.</param>
    /// <param name="type">The effect type as written (<c>type</c>, lower case), for reports.</param>
    /// <param name="location">Where it was defined (for example "piano.sfz:12"), for reports.</param>
    /// <param name="create">Builds the effect for (sample rate in Hz, maximum block frames); null when it cannot.</param>
    /// <param name="bypass">Controllers that bypass the effect (<c>bypass_onccN</c>).</param>
    public EffectDefinition(EffectBus bus, string type, string location, Func<int, int, BusEffect?> create, IReadOnlyList<EffectBypass>? bypass = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(create);
        Bus = bus;
        Type = type;
        Location = location;
        _create = create;
        Bypass = bypass?.ToArray() ?? [];
    }

    /// <summary>The bus the effect processes, in the order the effects of a bus were defined.</summary>
    public EffectBus Bus { get; }

    /// <summary>The effect type (SFZ <c>type</c>, lower case).</summary>
    public string Type { get; }

    /// <summary>Where the effect was defined (file and line), for reports.</summary>
    public string Location { get; }

    /// <summary>Controllers that bypass the effect (<c>bypass_onccN</c>); empty when none.</summary>
    public IReadOnlyList<EffectBypass> Bypass { get; }

    /// <summary>Builds the effect's DSP for <paramref name="sampleRate"/> and runs of at most <paramref name="maxBlockFrames"/>. Control thread.</summary>
    public BusEffect? Create(int sampleRate, int maxBlockFrames) => _create(sampleRate, maxBlockFrames);
}

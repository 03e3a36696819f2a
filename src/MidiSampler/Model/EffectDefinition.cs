using MidiSampler.Dsp.Effects;

namespace MidiSampler.Model;

/// <summary>
/// One effect of an instrument (an SFZ <c>&lt;effect&gt;</c> header): its bus, its type, and its parameters as plain
/// data. Immutable; the sampler builds a fresh effect from it each time it compiles the instrument, on the control thread.
/// </summary>
/// <remarks>
/// Design: the model stays independent of any output rate (an instrument may be installed in samplers of different
/// rates) and holds no code: the loader has already read the opcodes and reported their problems into
/// <see cref="Settings"/>; the engine maps the settings onto the DSP. Threads: any (immutable).
/// </remarks>
public sealed class EffectDefinition
{

    /// <summary>Creates a definition. Control thread.</summary>
    /// <param name="bus">The bus the effect processes.</param>
    /// <param name="type">The effect type as written (<c>type</c>, lower case), for reports.</param>
    /// <param name="location">Where it was defined (for example "piano.sfz:12"), for reports.</param>
    /// <param name="settings">The effect's parameters (the record's type says which effect it is).</param>
    /// <param name="bypass">Controllers that bypass the effect (<c>bypass_onccN</c>).</param>
    public EffectDefinition(EffectBus bus, string type, string location, EffectSettings settings, IReadOnlyList<EffectBypass>? bypass = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(settings);
        Bus = bus;
        Type = type;
        Location = location;
        Settings = settings;
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

    /// <summary>The effect's parameters, in the units of its DSP (a delay's <c>DelaySettings</c>, an equaliser's <c>EqSettings</c>, ...).</summary>
    public EffectSettings Settings { get; }
}

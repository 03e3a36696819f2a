using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Reads the <see cref="EffectSettings"/> an SFZ <c>&lt;effect&gt;</c> header describes, by its <c>type</c>.
/// </summary>
/// <remarks>
/// Design: one static <c>Prepare</c> per effect type, each in its own file beside this one (for example
/// <c>SfzDelayEffectFactory</c>): it reads its opcodes from <see cref="SfzEffectOpcodes"/> once, at load, where its
/// warnings belong, and returns the effect's settings: plain data. The loader keeps them in the instrument's
/// <c>EffectDefinition</c>, and the engine builds the effect from them when it compiles the instrument (so the effect's
/// memory, a delay line of seconds, is allocated only then, and the opcodes are not read again). Type names are those of sfz.org's effect pages
/// and ARIA/sfizz. Threads: control or loader thread.
/// </remarks>
internal static class SfzEffectFactory
{
    /// <summary>
    /// Reads <paramref name="opcodes"/> and returns the effect's settings, or null (with a warning naming the header's place) when its type is absent or unknown.
    /// </summary>
    /// <param name="opcodes">The header's opcodes.</param>
    /// <param name="resolvePath">Finds a file the header names (<c>tdfir_impulse</c>) as the loader finds samples; null: none.</param>
    public static EffectSettings? Prepare(SfzEffectOpcodes opcodes, Func<string, string?>? resolvePath = null)
    {
        switch (opcodes.Type)
        {
            case "delay":
                return SfzDelayEffectFactory.Prepare(opcodes);
            case "comp":
                return SfzCompEffectFactory.Prepare(opcodes);
            case "gate":
                return SfzGateEffectFactory.Prepare(opcodes);
            case "disto":
                return SfzDistoEffectFactory.Prepare(opcodes);
            case "phaser":
                return SfzPhaserEffectFactory.Prepare(opcodes);
            case "apan":
                return SfzApanEffectFactory.Prepare(opcodes);
            case "static":
                return SfzStaticEffectFactory.Prepare(opcodes);
            case "strings":
                return SfzStringsEffectFactory.Prepare(opcodes);
            case "eq":
                return SfzEqEffectFactory.Prepare(opcodes);
            case "filter":
                return SfzFilterEffectFactory.Prepare(opcodes);
            case "lofi":
                return SfzLofiEffectFactory.Prepare(opcodes);
            case "tdfir":
                return SfzTdfirEffectFactory.Prepare(opcodes, resolvePath);
            case "fverb" or "reverb":
                // sfz.org lists fverb (and mverb); "reverb" is accepted as the obvious spelling.
                return SfzReverbEffectFactory.Prepare(opcodes);
            case "":
                opcodes.Warn("<effect> has no 'type'; the header is skipped");
                return null;
            default:
                opcodes.Warn($"<effect> type '{opcodes.Type}' is not supported; the header is skipped");
                return null;
        }
    }
}

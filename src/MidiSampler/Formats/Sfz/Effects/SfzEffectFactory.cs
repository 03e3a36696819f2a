using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Builds the <see cref="BusEffect"/> an SFZ <c>&lt;effect&gt;</c> header describes, by its <c>type</c>.
/// </summary>
/// <remarks>
/// Design: one static <c>Create</c> per effect type, each in its own file beside this one (for example
/// <c>SfzDelayEffectFactory</c>), reading its opcodes from <see cref="SfzEffectOpcodes"/>. Type names are those of
/// sfz.org's effect pages and ARIA/sfizz. Threads: control or loader thread.
/// </remarks>
internal static class SfzEffectFactory
{
    /// <summary>
    /// The effect for <paramref name="opcodes"/>, or null (with a warning naming the header's place) when its type is
    /// absent or unknown.
    /// </summary>
    public static BusEffect? Create(SfzEffectOpcodes opcodes, int sampleRate, int maxBlockFrames)
    {
        switch (opcodes.Type)
        {
            case "delay":
                return SfzDelayEffectFactory.Create(opcodes, sampleRate);
            case "comp":
                return SfzCompEffectFactory.Create(opcodes, sampleRate);
            case "gate":
                return SfzGateEffectFactory.Create(opcodes, sampleRate);
            case "disto":
                return SfzDistoEffectFactory.Create(opcodes, sampleRate);
            case "phaser":
                return SfzPhaserEffectFactory.Create(opcodes, sampleRate);
            case "apan":
                return SfzApanEffectFactory.Create(opcodes, sampleRate);
            case "static":
                return SfzStaticEffectFactory.Create(opcodes, sampleRate);
            case "strings":
                return SfzStringsEffectFactory.Create(opcodes, sampleRate);
            case "eq":
                return SfzEqEffectFactory.Create(opcodes, sampleRate);
            case "filter":
                return SfzFilterEffectFactory.Create(opcodes, sampleRate);
            case "lofi":
                return SfzLofiEffectFactory.Create(opcodes, sampleRate);
            case "fverb" or "reverb":
                // sfz.org lists fverb (and mverb); "reverb" is accepted as the obvious spelling.
                return SfzReverbEffectFactory.Create(opcodes, sampleRate, maxBlockFrames);
            case "":
                opcodes.Warn("<effect> has no 'type'; the header is skipped");
                return null;
            default:
                opcodes.Warn($"<effect> type '{opcodes.Type}' is not supported; the header is skipped");
                return null;
        }
    }
}

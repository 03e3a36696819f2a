using System.Collections.Frozen;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// The <c>&lt;effect&gt;</c> opcodes the effect factories read, by effect type, as the SFZ opcode database names them
/// (<c>N</c> for a controller number). They are listed in <c>SfzOpcodeCatalog.Implemented</c> too; a region does not
/// take them. Threads: any (immutable).
/// </summary>
internal static class SfzEffectOpcodeNames
{
    /// <summary>Per effect type, its opcodes.</summary>
    public static readonly FrozenDictionary<string, string[]> ByType = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["delay"] = SfzDelayEffectFactory.Opcodes,
        ["comp"] = SfzCompEffectFactory.Opcodes,
        ["gate"] = SfzGateEffectFactory.Opcodes,
        ["disto"] = SfzDistoEffectFactory.Opcodes,
        ["phaser"] = SfzPhaserEffectFactory.Opcodes,
        ["apan"] = SfzApanEffectFactory.Opcodes,
        ["static"] = SfzStaticEffectFactory.Opcodes,
        ["strings"] = SfzStringsEffectFactory.Opcodes,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>All of them.</summary>
    public static readonly FrozenSet<string> All = ByType.Values.SelectMany(v => v).ToFrozenSet(StringComparer.Ordinal);
}

using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Builds a <see cref="Compressor"/> from an <c>&lt;effect&gt; type=comp</c> header's <c>comp_*</c> opcodes.
/// </summary>
/// <remarks>
/// Units as syntax.yml gives them (attack and release in seconds, threshold in dB); ranges and defaults as sfizz's
/// (attack/release 0..10 s, threshold −100..0 dB, gain −100..100 dB); the ratio from 1 (none) to syntax.yml's 100.
/// Threads: control or loader thread.
/// </remarks>
internal static class SfzCompEffectFactory
{
    /// <summary>The opcodes this factory reads.</summary>
    public static readonly string[] Opcodes = ["comp_attack", "comp_release", "comp_ratio", "comp_threshold", "comp_gain", "comp_stlink"];

    /// <summary>Reads the header once (its warnings now) and returns how to build the effect at a rate.</summary>
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes) => Settings(opcodes);

    /// <summary>The settings the header describes.</summary>
    public static CompressorSettings Settings(SfzEffectOpcodes opcodes) => new()
    {
        AttackSeconds = opcodes.Number("comp_attack", 0.005, 0, 10),
        ReleaseSeconds = opcodes.Number("comp_release", 0.05, 0, 10),
        Ratio = opcodes.Number("comp_ratio", 1, 1, 100),
        ThresholdDb = opcodes.Number("comp_threshold", 0, -100, 0),
        GainDb = opcodes.Number("comp_gain", 0, -100, 100),
        StereoLink = SfzEffectParameter.Switch(opcodes, "comp_stlink", false),
    };
}

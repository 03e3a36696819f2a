using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Builds a <see cref="NoiseGate"/> from an <c>&lt;effect&gt; type=gate</c> header's <c>gate_*</c> opcodes.
/// </summary>
/// <remarks>
/// Ranges and defaults as sfizz's (attack/release 0..10 s, threshold −100..0 dB); <c>gate_onccN</c> ("gate manual
/// control") holds the gate open by its depth in percent. Threads: control or loader thread.
/// </remarks>
internal static class SfzGateEffectFactory
{
    /// <summary>The opcodes this factory reads.</summary>
    public static readonly string[] Opcodes = ["gate_attack", "gate_release", "gate_threshold", "gate_stlink", "gate_onccN"];

    /// <summary>Reads the header once (its warnings now) and returns how to build the effect at a rate.</summary>
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes) => Settings(opcodes);

    /// <summary>The settings the header describes.</summary>
    public static GateSettings Settings(SfzEffectOpcodes opcodes) => new()
    {
        AttackSeconds = opcodes.Number("gate_attack", 0.005, 0, 10),
        ReleaseSeconds = opcodes.Number("gate_release", 0.05, 0, 10),
        ThresholdDb = opcodes.Number("gate_threshold", 0, -100, 0),
        StereoLink = SfzEffectParameter.Switch(opcodes, "gate_stlink", false),
        ManualPercent = new ControlledParameter(0, 0, 100, opcodes.ControllerDepths("gate", 0, 100)),
    };
}

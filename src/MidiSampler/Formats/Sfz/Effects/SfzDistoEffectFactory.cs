using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Builds a <see cref="Distortion"/> from an <c>&lt;effect&gt; type=disto</c> header's <c>disto_*</c> opcodes.
/// </summary>
/// <remarks>
/// Ranges as syntax.yml (depth, tone, wet, dry 0..100 %); stages 1..10 (sfizz's bound). Defaults: depth 0, tone 100,
/// one stage, wet 100, dry 0. Threads: control or loader thread.
/// </remarks>
internal static class SfzDistoEffectFactory
{
    /// <summary>The opcodes this factory reads.</summary>
    public static readonly string[] Opcodes =
    [
        "disto_depth", "disto_tone", "disto_stages", "disto_wet", "disto_dry",
        "disto_depth_onccN", "disto_tone_onccN", "disto_wet_onccN", "disto_dry_onccN",
    ];

    /// <summary>Reads the header once (its warnings now) and returns how to build the effect at a rate.</summary>
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes) => Settings(opcodes);

    /// <summary>The settings the header describes.</summary>
    public static DistortionSettings Settings(SfzEffectOpcodes opcodes) => new()
    {
        DepthPercent = SfzEffectParameter.Read(opcodes, "disto_depth", 0, 0, 100),
        TonePercent = SfzEffectParameter.Read(opcodes, "disto_tone", 100, 0, 100),
        Stages = (int)Math.Round(opcodes.Number("disto_stages", 1, 1, DistortionSettings.MaxStages)),
        WetPercent = SfzEffectParameter.Read(opcodes, "disto_wet", 100, 0, 100),
        DryPercent = SfzEffectParameter.Read(opcodes, "disto_dry", 0, 0, 100),
    };
}

using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Builds an <see cref="AutoPan"/> from an <c>&lt;effect&gt; type=apan</c> header's <c>apan_*</c> opcodes.
/// </summary>
/// <remarks>
/// Ranges as syntax.yml (depth, dry, wet 0..100 %; phase 0..180°); rate 0..50 Hz; waveform 0..7 (as
/// <c>lfoN_wave</c>). Defaults: triangle (as sfizz), 1 Hz, 180° (sfizz's half cycle), depth 50, dry 0, wet 100.
/// Threads: control or loader thread.
/// </remarks>
internal static class SfzApanEffectFactory
{
    /// <summary>The opcodes this factory reads.</summary>
    public static readonly string[] Opcodes =
    [
        "apan_depth", "apan_dry", "apan_freq", "apan_phase", "apan_waveform", "apan_wet",
        "apan_depth_onccN", "apan_dry_onccN", "apan_freq_onccN", "apan_phase_onccN", "apan_wet_onccN",
    ];

    /// <summary>Reads the header once (its warnings now) and returns how to build the effect at a rate.</summary>
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes) => Settings(opcodes);

    /// <summary>The settings the header describes.</summary>
    public static AutoPanSettings Settings(SfzEffectOpcodes opcodes) => new()
    {
        Waveform = SfzEffectParameter.Wave(opcodes, "apan_waveform", 0),
        FrequencyHz = SfzEffectParameter.Read(opcodes, "apan_freq", 1, 0, 50),
        PhaseDegrees = SfzEffectParameter.Read(opcodes, "apan_phase", 180, 0, 180),
        DepthPercent = SfzEffectParameter.Read(opcodes, "apan_depth", 50, 0, 100),
        DryPercent = SfzEffectParameter.Read(opcodes, "apan_dry", 0, 0, 100),
        WetPercent = SfzEffectParameter.Read(opcodes, "apan_wet", 100, 0, 100),
    };
}

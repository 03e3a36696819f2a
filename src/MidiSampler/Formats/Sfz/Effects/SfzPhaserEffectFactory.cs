using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Builds a <see cref="Phaser"/> from an <c>&lt;effect&gt; type=phaser</c> header's <c>phaser_*</c> opcodes.
/// </summary>
/// <remarks>
/// Ranges as syntax.yml where it gives them (depth, feedback, wet, phase 0..100 %); rate 0..20 Hz, stages 1..12,
/// waveform 0..7 (as <c>lfoN_wave</c>). Defaults: depth 50, feedback 0, 0.5 Hz, 4 stages, sine, wet 100.
/// Threads: control or loader thread.
/// </remarks>
internal static class SfzPhaserEffectFactory
{
    /// <summary>The opcodes this factory reads.</summary>
    public static readonly string[] Opcodes =
    [
        "phaser_depth", "phaser_feedback", "phaser_freq", "phaser_stages", "phaser_waveform", "phaser_wet",
        "phaser_phase_onccN", "phaser_depth_onccN", "phaser_feedback_onccN", "phaser_freq_onccN", "phaser_wet_onccN",
    ];

    /// <summary>Reads the header once (its warnings now) and returns how to build the effect at a rate.</summary>
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes) => Settings(opcodes);

    /// <summary>The settings the header describes.</summary>
    public static PhaserSettings Settings(SfzEffectOpcodes opcodes) => new()
    {
        DepthPercent = SfzEffectParameter.Read(opcodes, "phaser_depth", 50, 0, 100),
        FeedbackPercent = SfzEffectParameter.Read(opcodes, "phaser_feedback", 0, 0, 100),
        FrequencyHz = SfzEffectParameter.Read(opcodes, "phaser_freq", 0.5, 0, 20),
        Stages = (int)Math.Round(opcodes.Number("phaser_stages", 4, 1, PhaserSettings.MaxStages)),
        Waveform = SfzEffectParameter.Wave(opcodes, "phaser_waveform", 1),
        WetPercent = SfzEffectParameter.Read(opcodes, "phaser_wet", 100, 0, 100),
        StereoPhasePercent = new ControlledParameter(0, 0, 100, opcodes.ControllerDepths("phaser_phase", 0, 100)),
    };
}

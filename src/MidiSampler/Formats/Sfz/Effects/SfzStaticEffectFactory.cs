using MidiSampler.Dsp;
using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Builds a <see cref="StaticNoise"/> from an <c>&lt;effect&gt; type=static</c> header's <c>static_*</c> opcodes.
/// </summary>
/// <remarks>
/// Ranges as syntax.yml (levels and tone 0..100 %, times in seconds, here 0..60); <c>static_filter</c> takes the effect
/// filter names (lpf_1p, hpf_1p, lpf_2p, hpf_2p, bpf_2p, brf_2p); <c>static_stereo</c> is on/off (or 1/0).
/// Threads: control or loader thread.
/// </remarks>
internal static class SfzStaticEffectFactory
{
    /// <summary>The opcodes this factory reads.</summary>
    public static readonly string[] Opcodes =
    [
        "static_level", "static_filter", "static_tone", "static_stereo", "static_cyclic_level", "static_cyclic_time",
        "static_random_level", "static_random_mintime", "static_random_maxtime", "static_level_onccN",
    ];

    /// <summary>Reads the header once (its warnings now) and returns how to build the effect at a rate.</summary>
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes) => Settings(opcodes);

    /// <summary>The settings the header describes.</summary>
    public static StaticNoiseSettings Settings(SfzEffectOpcodes opcodes)
    {
        var filter = SfzDelayEffectFactory.FilterType(opcodes, "static_filter");
        double minTime = opcodes.Number("static_random_mintime", 0.05, 0.001, 60);
        double maxTime = opcodes.Number("static_random_maxtime", Math.Max(0.5, minTime), 0.001, 60);
        if (maxTime < minTime)
        {
            opcodes.Warn($"static_random_maxtime ({maxTime}) is below static_random_mintime ({minTime}); using {minTime}");
            maxTime = minTime;
        }

        return new StaticNoiseSettings
        {
            LevelPercent = SfzEffectParameter.Read(opcodes, "static_level", 0, 0, 100),
            Filter = filter == EffectFilterType.None ? EffectFilterType.Lowpass1Pole : filter,
            TonePercent = opcodes.Number("static_tone", 100, 0, 100),
            Stereo = SfzEffectParameter.Switch(opcodes, "static_stereo", true),
            CyclicLevelPercent = opcodes.Number("static_cyclic_level", 0, 0, 100),
            CyclicTimeSeconds = opcodes.Number("static_cyclic_time", 1.8, 0.001, 60),
            RandomLevelPercent = opcodes.Number("static_random_level", 0, 0, 100),
            RandomMinTimeSeconds = minTime,
            RandomMaxTimeSeconds = maxTime,
        };
    }
}

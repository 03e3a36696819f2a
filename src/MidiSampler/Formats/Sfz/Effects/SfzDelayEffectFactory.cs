using MidiSampler.Dsp;
using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Builds a <see cref="StereoDelay"/> from an <c>&lt;effect&gt; type=delay</c> header's <c>delay_*</c> opcodes.
/// </summary>
/// <remarks>
/// Units and ranges as syntax.yml (the SFZ opcode database) gives them: levels, pans, feedback, damping, modulation
/// depth, spread, input, wet and dry 0..100 %; times in seconds (0..10 here, our line length); cutoff in Hz; resonance in
/// dB (0..40, as the region's <c>resonance</c>). The database gives no defaults for the effect, so ours are documented
/// on <see cref="DelaySettings"/>. Threads: control or loader thread.
/// </remarks>
internal static class SfzDelayEffectFactory
{
    /// <summary>The opcodes this factory reads, as the SFZ opcode database names them.</summary>
    public static readonly string[] Opcodes =
    [
        "delay_mode", "delay_timel", "delay_timer", "delay_timec", "delay_levell", "delay_levelr", "delay_levelc",
        "delay_panl", "delay_panr", "delay_panc", "delay_feedback", "delay_filter", "delay_cutoff", "delay_resonance",
        "delay_damphi", "delay_damplo", "delay_lfofreq", "delay_moddepth", "delay_spread", "delay_syncl_onccN",
        "delay_syncr_onccN", "delay_syncc_onccN", "delay_time_tap", "delay_input", "delay_wet", "delay_dry",
        "delay_timel_onccN", "delay_timer_onccN", "delay_timec_onccN", "delay_panl_onccN", "delay_panr_onccN",
        "delay_panc_onccN", "delay_feedback_onccN", "delay_cutoff_onccN", "delay_resonance_onccN", "delay_damphi_onccN",
        "delay_damplo_onccN", "delay_lfofreq_onccN", "delay_moddepth_onccN", "delay_spread_onccN", "delay_input_onccN",
        "delay_wet_onccN", "delay_dry_onccN",
    ];

    /// <summary>Reads the header once (its warnings now) and returns how to build the effect at a rate.</summary>
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes) => Settings(opcodes);

    /// <summary>The settings the header describes (for tests and for <see cref="Prepare"/>).</summary>
    public static DelaySettings Settings(SfzEffectOpcodes opcodes)
    {
        const double maxTime = DelaySettings.MaxTimeSeconds;
        return new DelaySettings
        {
            Mode = Mode(opcodes),
            TimeLeftSeconds = SfzEffectParameter.Read(opcodes, "delay_timel", 0.25, 0, maxTime),
            TimeRightSeconds = SfzEffectParameter.Read(opcodes, "delay_timer", 0.25, 0, maxTime),
            TimeCentreSeconds = SfzEffectParameter.Read(opcodes, "delay_timec", 0.25, 0, maxTime),
            LevelLeftPercent = opcodes.Number("delay_levell", 100, 0, 100),
            LevelRightPercent = opcodes.Number("delay_levelr", 100, 0, 100),
            LevelCentrePercent = opcodes.Number("delay_levelc", 0, 0, 100),
            PanLeftPercent = SfzEffectParameter.Read(opcodes, "delay_panl", 0, 0, 100),
            PanRightPercent = SfzEffectParameter.Read(opcodes, "delay_panr", 100, 0, 100),
            PanCentrePercent = SfzEffectParameter.Read(opcodes, "delay_panc", 50, 0, 100),
            FeedbackPercent = SfzEffectParameter.Read(opcodes, "delay_feedback", 0, 0, 100),
            Filter = Filter(opcodes),
            CutoffHz = SfzEffectParameter.Read(opcodes, "delay_cutoff", 2000, 10, 20_000),
            ResonanceDb = SfzEffectParameter.Read(opcodes, "delay_resonance", 0, 0, 40),
            DampHighPercent = SfzEffectParameter.Read(opcodes, "delay_damphi", 0, 0, 100),
            DampLowPercent = SfzEffectParameter.Read(opcodes, "delay_damplo", 0, 0, 100),
            LfoFrequencyHz = SfzEffectParameter.Read(opcodes, "delay_lfofreq", 0.5, 0, 20),
            ModDepthPercent = SfzEffectParameter.Read(opcodes, "delay_moddepth", 0, 0, 100),
            SpreadPercent = SfzEffectParameter.Read(opcodes, "delay_spread", 100, 0, 100),
            InputPercent = SfzEffectParameter.Read(opcodes, "delay_input", 100, 0, 100),
            WetPercent = SfzEffectParameter.Read(opcodes, "delay_wet", 100, 0, 100),
            DryPercent = SfzEffectParameter.Read(opcodes, "delay_dry", 100, 0, 100),
            SyncLeft = opcodes.ControllerDepths("delay_syncl", 0, 64),
            SyncRight = opcodes.ControllerDepths("delay_syncr", 0, 64),
            SyncCentre = opcodes.ControllerDepths("delay_syncc", 0, 64),
            TapController = opcodes.Has("delay_time_tap") ? (int)Math.Round(opcodes.Number("delay_time_tap", -1, 0, 127)) : -1,
        };
    }

    private static DelayMode Mode(SfzEffectOpcodes opcodes)
    {
        string? text = opcodes.Text("delay_mode");
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "stereo" or "lrc" or "rlc" or "tlcr":
                return DelayMode.Stereo;
            case "ping":
                return DelayMode.PingPong;
            case "cross":
                return DelayMode.Cross;
            case "mod":
                return DelayMode.Modulated;
            case "multimod" or "chorus" or "flanger" or "detune":
                return DelayMode.MultiModulated;
            case "panning":
                return DelayMode.Panning;
            default:
                opcodes.Warn($"'delay_mode={text}' is not a delay mode; using 'stereo'");
                return DelayMode.Stereo;
        }
    }

    /// <summary>An effect filter type by its SFZ name (<c>lpf_1p</c>, <c>hpf_2p</c>, ...), warning on others.</summary>
    internal static EffectFilterType FilterType(SfzEffectOpcodes opcodes, string name)
    {
        string? text = opcodes.Text(name);
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "none":
                return EffectFilterType.None;
            case "lpf_1p":
                return EffectFilterType.Lowpass1Pole;
            case "hpf_1p":
                return EffectFilterType.Highpass1Pole;
            case "lpf_2p":
                return EffectFilterType.Lowpass2Pole;
            case "hpf_2p":
                return EffectFilterType.Highpass2Pole;
            case "bpf_2p":
                return EffectFilterType.Bandpass2Pole;
            case "brf_2p":
                return EffectFilterType.Bandreject2Pole;
            default:
                opcodes.Warn($"'{name}={text}' is not a filter this effect has (lpf_1p, hpf_1p, lpf_2p, hpf_2p, bpf_2p, brf_2p); no filter");
                return EffectFilterType.None;
        }
    }

    private static EffectFilterType Filter(SfzEffectOpcodes opcodes) => FilterType(opcodes, "delay_filter");
}

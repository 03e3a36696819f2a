namespace MidiSampler.Formats.Sfz;

/// <summary>The opcodes of the &lt;effect&gt; header that the loader maps and the engine plays.</summary>
internal static partial class SfzOpcodeCatalog
{
    /// <summary>
    /// Opcodes of &lt;effect&gt; headers that work (read by SfzInstrumentBuilder.Effects.cs or an effect type's factory in
    /// Formats/Sfz/Effects, and played by the effect racks). Kept apart from <see cref="Implemented"/> (region and
    /// control opcodes) because they are only valid inside an &lt;effect&gt;; the coverage generator reads both lists.
    /// </summary>
    internal static readonly string[] ImplementedInEffect =
    [
        // Routing (any type).
        "type", "bus", "directtomain", "fxNtomain", "fxNtomix", "bypass_onccN",

        // type=eq
        "eq_freq", "eq_bw", "eq_gain", "eq_type", "eq_freq_onccN", "eq_bw_onccN", "eq_gain_onccN",

        // type=filter
        "filter_type", "filter_cutoff", "filter_resonance", "filter_cutoff_onccN", "filter_resonance_onccN",

        // type=lofi
        "bitred", "decim", "bitred_onccN", "decim_onccN",

        // type=tdfir (SfzTdfirEffectFactory, Dsp/Effects/FirConvolution)
        "tdfir_impulse", "tdfir_wet", "tdfir_dry", "tdfir_gain", "tdfir_wet_onccN", "tdfir_dry_onccN",

        // type=fverb (or reverb)
        "reverb_type", "reverb_input", "reverb_size", "reverb_predelay", "reverb_tone", "reverb_damp", "reverb_wet", "reverb_dry",
        "reverb_input_onccN", "reverb_size_onccN", "reverb_predelay_onccN", "reverb_tone_onccN", "reverb_damp_onccN",
        "reverb_wet_onccN", "reverb_dry_onccN",

        // <effect> types delay, comp, gate, disto, phaser, apan, static, strings (Formats/Sfz/Effects, Dsp/Effects):
        // the effect DSP and its factory. Equal to SfzEffectOpcodeNames (a test checks).
        "delay_mode", "delay_timel", "delay_timer", "delay_timec", "delay_levell", "delay_levelr", "delay_levelc",
        "delay_panl", "delay_panr", "delay_panc", "delay_feedback", "delay_filter", "delay_cutoff", "delay_resonance",
        "delay_damphi", "delay_damplo", "delay_lfofreq", "delay_moddepth", "delay_spread", "delay_syncl_onccN",
        "delay_syncr_onccN", "delay_syncc_onccN", "delay_time_tap", "delay_input", "delay_wet", "delay_dry",
        "delay_timel_onccN", "delay_timer_onccN", "delay_timec_onccN", "delay_panl_onccN", "delay_panr_onccN",
        "delay_panc_onccN", "delay_feedback_onccN", "delay_cutoff_onccN", "delay_resonance_onccN", "delay_damphi_onccN",
        "delay_damplo_onccN", "delay_lfofreq_onccN", "delay_moddepth_onccN", "delay_spread_onccN", "delay_input_onccN",
        "delay_wet_onccN", "delay_dry_onccN",
        "comp_attack", "comp_release", "comp_ratio", "comp_threshold", "comp_gain", "comp_stlink",
        "gate_attack", "gate_release", "gate_threshold", "gate_stlink", "gate_onccN",
        "disto_depth", "disto_tone", "disto_stages", "disto_wet", "disto_dry", "disto_depth_onccN", "disto_tone_onccN",
        "disto_wet_onccN", "disto_dry_onccN",
        "phaser_depth", "phaser_feedback", "phaser_freq", "phaser_stages", "phaser_waveform", "phaser_wet",
        "phaser_phase_onccN", "phaser_depth_onccN", "phaser_feedback_onccN", "phaser_freq_onccN", "phaser_wet_onccN",
        "apan_depth", "apan_dry", "apan_freq", "apan_phase", "apan_waveform", "apan_wet", "apan_depth_onccN",
        "apan_dry_onccN", "apan_freq_onccN", "apan_phase_onccN", "apan_wet_onccN",
        "static_level", "static_filter", "static_tone", "static_stereo", "static_cyclic_level", "static_cyclic_time",
        "static_random_level", "static_random_mintime", "static_random_maxtime", "static_level_onccN",
        "strings_number", "strings_wet_onccN",
    ];
}

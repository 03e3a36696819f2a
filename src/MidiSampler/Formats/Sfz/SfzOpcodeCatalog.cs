using System.Collections.Frozen;
using System.Text;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Which SFZ opcodes exist (from the SFZ opcode database, see SfzOpcodeCatalog.Generated.cs) and which of them this
/// loader implements. <see cref="Implemented"/> is the single list a coverage table is generated from; the loader's
/// mapping switch and this list are kept equal by a test.
/// </summary>
/// <remarks>Threads: any (immutable).</remarks>
internal static partial class SfzOpcodeCatalog
{
    /// <summary>Opcodes (and aliases) the loader maps today, with the header they belong to.</summary>
    internal static readonly string[] Implemented =
    [
        // <region>/<group>/<master>/<global>
        "sample", "oscillator", "oscillator_phase", "oscillator_multi", "oscillator_detune",
        "lokey", "hikey", "key", "lovel", "hivel", "lochan", "hichan",
        "pitch_keycenter", "pitch_keytrack", "tune_keytrack", "tune", "pitch", "transpose",
        "volume", "pan", "amp_veltrack",
        "loop_mode", "loopmode", "loop_start", "loopstart", "loop_end", "loopend", "offset", "end",
        "ampeg_delay", "ampeg_attack", "ampeg_hold", "ampeg_decay", "ampeg_sustain", "ampeg_release",
        "amp_delay", "amp_attack", "amp_hold", "amp_decay", "amp_sustain", "amp_release",
        "trigger", "seq_length", "seq_position", "group", "polyphony_group", "off_by", "offby",
        "fil_type", "filtype", "cutoff", "resonance", "fil_gain", "fil_keytrack", "fil_keycenter", "fil_veltrack",
        "fil_random", "cutoff_random", "cutoff_ccN", "cutoff_onccN",
        "fileg_delay", "fileg_start", "fileg_attack", "fileg_hold", "fileg_decay", "fileg_sustain", "fileg_release", "fileg_depth",
        "fil_delay", "fil_attack", "fil_hold", "fil_decay", "fil_sustain", "fil_release", "fil_depth",
        "fileg_vel2delay", "fileg_vel2attack", "fileg_vel2hold", "fileg_vel2decay", "fileg_vel2sustain", "fileg_vel2release", "fileg_vel2depth",
        "pitcheg_delay", "pitcheg_start", "pitcheg_attack", "pitcheg_hold", "pitcheg_decay", "pitcheg_sustain", "pitcheg_release", "pitcheg_depth",
        "pitch_delay", "pitch_attack", "pitch_hold", "pitch_decay", "pitch_sustain", "pitch_release", "pitch_depth",
        "pitcheg_vel2delay", "pitcheg_vel2attack", "pitcheg_vel2hold", "pitcheg_vel2decay", "pitcheg_vel2sustain", "pitcheg_vel2release", "pitcheg_vel2depth",
        "ampeg_start", "ampeg_vel2delay", "ampeg_vel2attack", "ampeg_vel2hold", "ampeg_vel2decay", "ampeg_vel2sustain", "ampeg_vel2release",
        "ampeg_delayccN", "ampeg_attackccN", "ampeg_holdccN", "ampeg_decayccN", "ampeg_sustainccN", "ampeg_releaseccN", "ampeg_startccN",
        "ampeg_delay_onccN", "ampeg_attack_onccN", "ampeg_hold_onccN", "ampeg_decay_onccN", "ampeg_sustain_onccN", "ampeg_release_onccN", "ampeg_start_onccN",
        "amplfo_delay", "amplfo_fade", "amplfo_freq", "amplfo_depth", "amplfo_depthccN", "amplfo_freqccN",
        "pitchlfo_delay", "pitchlfo_fade", "pitchlfo_freq", "pitchlfo_depth", "pitchlfo_depthccN", "pitchlfo_freqccN",
        "fillfo_delay", "fillfo_fade", "fillfo_freq", "fillfo_depth", "fillfo_depthccN", "fillfo_freqccN",
        "pitch_veltrack", "tune_veltrack", "pitch_random", "tune_random", "bend_up", "bendup", "bend_down", "benddown", "bend_step", "bendstep",
        "pitch_onccN", "tune_onccN",
        "amplitude", "amplitude_onccN", "amplitude_ccN", "amp_keytrack", "amp_keycenter", "amp_velcurve_N", "amp_random", "gain_random",
        "global_volume", "master_volume", "group_volume", "global_amplitude", "master_amplitude", "group_amplitude",
        "gain_ccN", "gain_onccN", "volume_onccN", "pan_onccN", "pan_ccN", "width", "position", "phase",
        "xfin_lokey", "xfin_hikey", "xfout_lokey", "xfout_hikey", "xfin_lovel", "xfin_hivel", "xfout_lovel", "xfout_hivel",
        "xfin_loccN", "xfin_hiccN", "xfout_loccN", "xfout_hiccN", "xf_keycurve", "xf_velcurve", "xf_cccurve",
        "loprog", "hiprog", "loccN", "hiccN", "lobend", "hibend", "lochanaft", "hichanaft", "lopolyaft", "hipolyaft", "lorand", "hirand",
        "sw_lokey", "sw_hikey", "sw_last", "sw_lolast", "sw_hilast", "sw_down", "sw_up", "sw_previous", "sw_default",
        "rt_decay", "polyphony", "note_polyphony", "note_selfmask", "off_mode", "off_time",
        "delay", "delay_random", "delay_ccN", "delay_onccN", "offset_random", "offset_ccN", "offset_onccN", "direction",
        "count", "sw_vel", "lobpm", "hibpm", "sync_beats", "sync_offset", "on_loccN", "on_hiccN", "start_loccN", "start_hiccN",
        "eqN_freq", "eqN_bw", "eqN_gain", "sustain_sw", "rt_dead", "effect1", "effect2", "effect3", "effect4",
        "output", // the region's bus with per-output buses (SamplerConfig.OutputBuses, Sampler.Outputs.cs); all in the main mix
        "egN_timeX", "egN_levelX", "egN_shapeX", "egN_sustain", "egN_amplitude", "egN_volume", "egN_pitch", "egN_cutoff", "egN_pan",
        "lfoN_scale", "lfoN_ratio", "lfoN_scaleX", "lfoN_ratioX", "lfoN_offset", "lfoN_offsetX", "lfoN_freq", "lfoN_delay", "lfoN_fade", "lfoN_phase", "lfoN_wave", "lfoN_waveX", "lfoN_pitch", "lfoN_volume", "lfoN_amplitude", "lfoN_cutoff", "lfoN_pan",
        "eqN_type", "pan_keycenter", "pan_keytrack", "pan_veltrack", "delay_samples", "loop_count", "loopcount", "bend_stepup", "bend_stepdown",

        "volume_curveccN", "amplitude_curveccN", "pan_curveccN", "pitch_curveccN", "tune_curveccN", "cutoff_curveccN",

        // SFZ v2 voice options and LFO/EG extras (SfzInstrumentBuilder.Voice.cs)
        "sostenuto_sw", "delay_beats", "stop_beats", "stop_loccN", "stop_hiccN", "bend_smooth", "sample_fadeout", "loop_crossfade",
        "lfoN_count", "lfoN_steps", "lfoN_stepX", "lfoN_smooth", "lfoN_freq_lfoX", "lfoN_depth_lfoX", "lfoN_depthadd_lfoX",
        "egN_loop", "egN_loop_count", "egN_freq_lfoX", "egN_depth_lfoX", "egN_depthadd_lfoX",
        "lotimer", "hitimer", "lfoN_resonance", "lfoN_width", "egN_resonance", "egN_width",
        "lfoN_eqXfreq", "lfoN_eqXbw", "lfoN_eqXgain", "egN_eqXfreq", "egN_eqXbw", "egN_eqXgain",
        "sample_quality", "oscillator_quality", "md5",
        "reverse_loccN", "reverse_hiccN", "loop_type", "looptype", "loop_tune", "looptune", "egN_curveX",

        // ARIA pedal assignment (SfzInstrumentBuilder.Pedals.cs, Sampler.CustomPedals.cs)
        "sustain_cc", "sustain_lo", "sostenuto_cc", "sostenuto_lo",
        // ARIA controller routes (SfzInstrumentBuilder.Extended.cs ApplyNumbered; Voice.Sources.cs)
        "width_onccN", "width_curveccN", "position_onccN", "position_curveccN", "amp_veltrack_onccN", "amp_veltrack_curveccN",
        "ampeg_dynamic", "ampeg_delay_curveccN", "ampeg_start_curveccN", "ampeg_attack_curveccN", "ampeg_hold_curveccN",
        "ampeg_decay_curveccN", "ampeg_sustain_curveccN", "ampeg_release_curveccN",
        "lfoN_freq_onccX", "lfoN_pitch_onccX", "lfoN_volume_onccX", "lfoN_amplitude_onccX", "lfoN_cutoff_onccX", "lfoN_pan_onccX",
        "lfoN_delay_onccX", "lfoN_fade_onccX", "lfoN_phase_onccX",
        "resonance_onccN", "resonance_ccN", "resonance_curveccN",
        "fileg_depth_onccN", "fileg_depthccN", "fileg_depth_curveccN", "pitcheg_depth_onccN", "pitcheg_depthccN", "pitcheg_depth_curveccN",
        // SFZ v2 route shaping (SfzInstrumentBuilder.CcSmoothing.cs, Voice.CcSmoothing.cs)
        "volume_smoothccN", "volume_stepccN", "amplitude_smoothccN", "pan_smoothccN", "pan_stepccN", "pitch_smoothccN", "pitch_stepccN",
        "tune_smoothccN", "tune_stepccN", "cutoff_smoothccN", "cutoff_stepccN", "resonance_smoothccN", "resonance_stepccN",
        "width_smoothccN", "width_stepccN", "position_smoothccN", "position_stepccN",

        // <curve>
        "curve_index", "vNNN",

        // <control>
        "default_path", "note_offset", "octave_offset", "set_ccN", "set_hdccN", "set_realccN",
    ];

    /// <summary>
    /// Looks an opcode up in the SFZ database, numbers generalised (<c>on_locc64</c> matches <c>on_loccN</c>).
    /// Returns the SFZ version that introduced it, or <c>null</c> when the database does not know it.
    /// </summary>
    public static string? SpecVersion(string opcode) =>
        ShapeIndex.Shapes.TryGetValue(Shape(opcode, placeholders: false), out string? version) ? version : null;

    /// <summary>
    /// The name with every run of digits (and, for database names, the placeholders N, NN, NNN, X) replaced by '#'.
    /// </summary>
    internal static string Shape(string name, bool placeholders)
    {
        var sb = new StringBuilder(name.Length);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool number = char.IsAsciiDigit(c) || (placeholders && c is 'N' or 'X');
            if (!number)
            {
                sb.Append(c);
                continue;
            }

            sb.Append('#');
            while (i + 1 < name.Length && (char.IsAsciiDigit(name[i + 1]) || (placeholders && name[i + 1] is 'N' or 'X')))
                i++;
        }

        return sb.ToString();
    }

    /// <summary>
    /// Built on first use in its own type: field initialisers of a partial class run in an unspecified file order,
    /// so an initialiser here must not read <see cref="SpecOpcodes"/> from the generated file.
    /// </summary>
    private static class ShapeIndex
    {
        internal static readonly FrozenDictionary<string, string> Shapes = Build();

        private static FrozenDictionary<string, string> Build()
        {
            var shapes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, version) in SpecOpcodes)
                shapes.TryAdd(Shape(name, placeholders: true), version);
            return shapes.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }
}

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

        // type=fverb (or reverb)
        "reverb_type", "reverb_input", "reverb_size", "reverb_predelay", "reverb_tone", "reverb_damp", "reverb_wet", "reverb_dry",
        "reverb_input_onccN", "reverb_size_onccN", "reverb_predelay_onccN", "reverb_tone_onccN", "reverb_damp_onccN",
        "reverb_wet_onccN", "reverb_dry_onccN",
    ];
}

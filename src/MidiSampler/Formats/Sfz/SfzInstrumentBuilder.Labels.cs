namespace MidiSampler.Formats.Sfz;

/// <summary>The naming opcodes: accepted without a warning, since they only name things for a user interface.</summary>
internal sealed partial class SfzInstrumentBuilder
{
    /// <summary>
    /// Whether <paramref name="name"/> only names something for a user interface (label_ccN, sw_label, group_label...).
    /// ARIA shows these names on its controls; they never change the sound, so a headless player reads and drops them.
    /// Community instruments write dozens of them: reporting each as unsupported buried the warnings that matter.
    /// </summary>
    private static bool IsLabel(string name) =>
        name is "sw_label" or "region_label" or "group_label" or "master_label" or "global_label"
        || IsNumberedLabel(name, "label_cc") || IsNumberedLabel(name, "label_key") || IsNumberedLabel(name, "label_output");

    private static bool IsNumberedLabel(string name, string prefix) =>
        name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && !name.AsSpan(prefix.Length).ContainsAnyExceptInRange('0', '9');
}

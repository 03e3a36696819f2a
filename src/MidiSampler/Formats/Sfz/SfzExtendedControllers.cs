namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Names the controller numbers above 127 that ARIA and sfizz define as per-note sources (the "extended MIDI CCs"
/// page of sfzformat.com), so a warning about <c>offset_oncc131</c> says what the author meant instead of calling a
/// valid opcode out of range. Modulation opcodes accept them (the engine's ControllerSources plays them); conditions and
/// triggers (loccN, on_loccN, xfin_loccN, set_ccN) do not. Community libraries use them often (velocity-dependent offsets with cc131, key
/// tracking with cc133, random with cc135/136). Threads: any (pure).
/// </summary>
internal static class SfzExtendedControllers
{
    /// <summary>What extended controller <paramref name="controller"/> stands for, or <c>null</c> when it is not one.</summary>
    public static string? Describe(int controller) => controller switch
    {
        128 => "pitch bend",
        129 => "channel aftertouch",
        130 => "polyphonic aftertouch",
        131 => "note-on velocity",
        132 => "note-off velocity",
        133 => "note number",
        134 => "note gate",
        135 => "unipolar random",
        136 => "bipolar random",
        137 => "alternate",
        140 => "key delta",
        141 => "absolute key delta",
        _ => null,
    };

    /// <summary>The warning for an opcode naming controller <paramref name="controller"/> above 127.</summary>
    public static string OutOfRangeMessage(int controller) =>
        Describe(controller) is { } meaning
            ? $"uses extended controller {controller} ({meaning}; an ARIA/sfizz source above the MIDI range), which only modulation opcodes (*_onccN, *_curveccN) accept"
            : "names a controller outside 0..127";
}

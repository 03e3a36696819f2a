using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Builds a <see cref="ResonantStrings"/> from an <c>&lt;effect&gt; type=strings</c> header: <c>strings_number</c>
/// (0..88, default 88 as sfizz) and <c>strings_wet_onccN</c> (the wet level in percent that controller N reaches at 127;
/// the level is 0 without one). Threads: control or loader thread.
/// </summary>
internal static class SfzStringsEffectFactory
{
    /// <summary>The opcodes this factory reads.</summary>
    public static readonly string[] Opcodes = ["strings_number", "strings_wet_onccN"];

    /// <summary>Reads the header once (its warnings now) and returns how to build the effect at a rate.</summary>
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes) => Settings(opcodes);

    /// <summary>The settings the header describes.</summary>
    public static ResonantStringsSettings Settings(SfzEffectOpcodes opcodes) => new()
    {
        Count = (int)Math.Round(opcodes.Number("strings_number", ResonantStringsSettings.MaxStrings, 0, ResonantStringsSettings.MaxStrings)),
        WetPercent = new ControlledParameter(0, 0, 100, opcodes.ControllerDepths("strings_wet", 0, 100)),
    };
}

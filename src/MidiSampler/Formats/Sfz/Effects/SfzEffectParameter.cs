using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>Reads one effect parameter and its <c>{name}_onccN</c> depths from an <c>&lt;effect&gt;</c> header. Control or loader thread.</summary>
internal static class SfzEffectParameter
{
    /// <summary>
    /// <paramref name="name"/> (default <paramref name="defaultValue"/>, clamped to <paramref name="min"/>..<paramref name="max"/>)
    /// with its controller depths (each clamped to ±(max − min)); the sum is kept in min..max.
    /// </summary>
    public static ControlledValue Read(SfzEffectOpcodes opcodes, string name, double defaultValue, double min, double max)
    {
        double span = max - min;
        return new ControlledValue(opcodes.Number(name, defaultValue, min, max), opcodes.ControllerDepths(name, -span, span), min, max);
    }
}

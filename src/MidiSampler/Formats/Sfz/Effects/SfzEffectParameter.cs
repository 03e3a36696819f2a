using MidiSampler.Dsp;
using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// Reads one controllable effect parameter from an <c>&lt;effect&gt;</c> header: the opcode itself and its
/// <c>_onccN</c> (or <c>_ccN</c>) depths. Threads: control or loader thread.
/// </summary>
internal static class SfzEffectParameter
{
    /// <summary>
    /// The parameter <paramref name="name"/> (default and range in the opcode's unit), its controller depths clamped to
    /// ±(<paramref name="max"/> − <paramref name="min"/>) so one controller can sweep the whole range.
    /// </summary>
    public static ControlledParameter Read(SfzEffectOpcodes opcodes, string name, double defaultValue, double min, double max)
    {
        double value = opcodes.Number(name, defaultValue, min, max);
        double span = max - min;
        return new ControlledParameter(value, min, max, opcodes.ControllerDepths(name, -span, span));
    }

    /// <summary>An on/off opcode (<c>on</c>/<c>off</c>, also 1/0 and true/false), warning on anything else.</summary>
    public static bool Switch(SfzEffectOpcodes opcodes, string name, bool defaultValue)
    {
        string? text = opcodes.Text(name);
        switch (text?.Trim().ToLowerInvariant())
        {
            case null:
                return defaultValue;
            case "on" or "1" or "true":
                return true;
            case "off" or "0" or "false":
                return false;
            default:
                opcodes.Warn($"'{name}={text}' is neither 'on' nor 'off'; using '{(defaultValue ? "on" : "off")}'");
                return defaultValue;
        }
    }

    /// <summary>An LFO wave number (<c>apan_waveform</c>, <c>phaser_waveform</c>), 0..7 as <c>lfoN_wave</c>.</summary>
    public static int Wave(SfzEffectOpcodes opcodes, string name, int defaultWave) =>
        (int)Math.Round(opcodes.Number(name, defaultWave, 0, LfoWaveform.MaxWave));
}

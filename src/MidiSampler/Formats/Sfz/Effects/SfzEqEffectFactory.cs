using MidiSampler.Dsp;
using MidiSampler.Dsp.Effects;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// <c>type=eq</c>: one band. <c>eq_type</c> peak (default), lshelf or hshelf; <c>eq_freq</c> Hz (default 1000,
/// 0..30000), <c>eq_bw</c> octaves (default 1, 0.001..4; bells only), <c>eq_gain</c> dB (default 0, −96..24), each with
/// <c>_onccN</c> in its own unit. Ranges as the region equaliser's (<c>eqN_*</c>). Control or loader thread.
/// </summary>
internal static class SfzEqEffectFactory
{
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes)
    {
        var shape = FilterType.Peaking;
        string? type = opcodes.Text("eq_type");
        switch (type)
        {
            case null or "peak":
                break;
            case "lshelf":
                shape = FilterType.LowShelf;
                break;
            case "hshelf":
                shape = FilterType.HighShelf;
                break;
            default:
                opcodes.Warn($"eq_type={type} is not peak, lshelf or hshelf; using peak");
                break;
        }

        var frequencyHz = SfzEffectParameter.Read(opcodes, "eq_freq", 1000, 0, 30_000);
        var bandwidthOctaves = SfzEffectParameter.Read(opcodes, "eq_bw", 1, 0.001, 4);
        var gainDb = SfzEffectParameter.Read(opcodes, "eq_gain", 0, -96, 24);
        return new EqSettings(shape, frequencyHz, bandwidthOctaves, gainDb);
    }
}

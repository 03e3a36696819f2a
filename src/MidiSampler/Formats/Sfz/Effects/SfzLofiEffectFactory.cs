using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// <c>type=lofi</c>: <c>bitred</c> and <c>decim</c>, 0..100 each (default 0: off), with <c>_onccN</c> in the same units
/// (see <see cref="LofiEffect"/> for what a value means). Control or loader thread.
/// </summary>
internal static class SfzLofiEffectFactory
{
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes)
    {
        var bitred = SfzEffectParameter.Read(opcodes, "bitred", 0, 0, 100);
        var decim = SfzEffectParameter.Read(opcodes, "decim", 0, 0, 100);
        return new LofiSettings(bitred, decim);
    }
}

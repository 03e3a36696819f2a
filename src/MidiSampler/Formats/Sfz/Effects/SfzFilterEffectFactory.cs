using MidiSampler.Dsp;
using MidiSampler.Dsp.Effects;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// <c>type=filter</c>: <c>filter_type</c> takes the region filter's names (<c>lpf_2p</c> by default, <c>hpf_4p</c>,
/// <c>bpf_2p</c>, ...); <c>filter_cutoff</c> Hz (default 20000, 0..100000, limited to 0.45 × the rate when played);
/// <c>filter_cutoff_onccN</c> cents (±9600, as <c>cutoff_onccN</c>); <c>filter_resonance</c> dB (default 0, 0..40) with
/// <c>_onccN</c> in dB. Control or loader thread.
/// </summary>
internal static class SfzFilterEffectFactory
{
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes)
    {
        var type = FilterType.Lowpass2Pole;
        string? name = opcodes.Text("filter_type");
        if (name is not null)
        {
            if (SfzInstrumentBuilder.ParseFilterType(name) is FilterType parsed && parsed != FilterType.None)
                type = parsed;
            else
                opcodes.Warn($"filter_type={name} is not a filter type (lpf_2p, hpf_2p, bpf_2p, ...); using lpf_2p");
        }

        double cutoffHz = opcodes.Number("filter_cutoff", 20_000, 0, 100_000);
        var cutoffCents = new ControlledParameter(0, -9600 * 4, 9600 * 4, opcodes.ControllerDepths("filter_cutoff", -9600, 9600));
        var resonanceDb = SfzEffectParameter.Read(opcodes, "filter_resonance", 0, 0, 40);
        return new FilterEffectSettings(type, (float)cutoffHz, cutoffCents, resonanceDb);
    }
}

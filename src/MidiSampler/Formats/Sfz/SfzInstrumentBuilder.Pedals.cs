using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>ARIA's pedal assignment (sustain_cc, sustain_lo, sostenuto_cc, sostenuto_lo) and ampeg_dynamic (sfzformat.com, ARIA extensions).</summary>
internal sealed partial class SfzInstrumentBuilder
{
    /// <summary>Maps a pedal assignment opcode; false when the name is not one of them.</summary>
    private bool ApplyPedalOpcode(SfzRegionDraft d, SfzOpcode op)
    {
        var r = d.Extra;
        var o = r.VoiceOptions;
        switch (op.Name)
        {
            case "sustain_cc":
                d.Extra = r with { VoiceOptions = o with { SustainController = IntOr(op, 0, 127, o.SustainController) } };
                return true;
            case "sostenuto_cc":
                d.Extra = r with { VoiceOptions = o with { SostenutoController = IntOr(op, 0, 127, o.SostenutoController) } };
                return true;
            case "sustain_lo":
                // A threshold in controller units (the SFZ database gives 0..127); the pedal is down at it and above.
                d.Extra = r with { VoiceOptions = o with { SustainLow = Clamped(op, 0, 127, o.SustainLow) } };
                return true;
            case "sostenuto_lo":
                d.Extra = r with { VoiceOptions = o with { SostenutoLow = Clamped(op, 0, 127, o.SostenutoLow) } };
                return true;
            case "ampeg_dynamic":
                // ARIA: 1 re-evaluates the amplitude envelope's controller routes whenever their controllers move.
                if (op.Value is "0" or "1")
                    d.Extra = r with { AmpEnvelopeModulation = r.AmpEnvelopeModulation with { Dynamic = op.Value == "1" } };
                else
                    WarnValue(op, "is not 0 or 1");
                return true;
            default:
                return false;
        }
    }
}

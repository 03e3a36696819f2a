namespace MidiSampler.Engine;

/// <summary>What the sampler must track per note or per controller for the ARIA extended sources and pedal assignment.</summary>
internal sealed partial class CompiledInstrument
{
    /// <summary>Some region reads cc135 or cc136 (random per note-on): the sampler draws them at each note-on.</summary>
    public bool ReadsRandomSources { get; private set; }

    /// <summary>Some region assigns its pedals elsewhere than CC 64/66 at 64 (sustain_cc, sostenuto_cc, *_lo).</summary>
    public bool HasCustomPedals { get; private set; }

    /// <summary>Per controller: a custom pedal of some region (so that a change of it is checked against the held voices).</summary>
    public bool[] IsPedalController { get; } = new bool[128];

    /// <summary>Some region's amplitude envelope follows its controllers while it runs (ampeg_dynamic).</summary>
    public bool HasDynamicEnvelopes { get; private set; }

    /// <summary>Per controller: read by the amplitude envelope routes of some ampeg_dynamic region.</summary>
    public bool[] IsDynamicEnvelopeController { get; } = new bool[128];

    /// <summary>A control change may concern a custom pedal or a dynamic envelope: the sampler then looks closer.</summary>
    public bool HasControllerHooks => HasCustomPedals || HasDynamicEnvelopes;

    private void InitSourcesAndPedals()
    {
        foreach (var r in Regions)
        {
            if (r.AmpEnvelopeDynamic)
            {
                HasDynamicEnvelopes = true;
                foreach (var c in r.AmpEnvelopeCc)
                {
                    if (c.Controller < 128)
                        IsDynamicEnvelopeController[c.Controller] = true;
                }
            }

            ReadsRandomSources |= r.ReadsController(ControllerSources.UnipolarRandom) || r.ReadsController(ControllerSources.BipolarRandom);
            var o = r.VoiceOptions;
            if (!o.CustomPedals)
                continue;
            HasCustomPedals = true;
            IsPedalController[o.SustainController] = true;
            IsPedalController[o.SostenutoController] = true;
        }
    }
}

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

    private void InitSourcesAndPedals()
    {
        foreach (var r in Regions)
        {
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

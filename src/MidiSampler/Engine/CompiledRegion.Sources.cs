namespace MidiSampler.Engine;

/// <summary>Which controller sources (MIDI or ARIA extended, <see cref="ControllerSources"/>) the region's routes read.</summary>
internal sealed partial class CompiledRegion
{
    /// <summary>True when a modulation route, a start offset/delay or an envelope route of the region reads <paramref name="controller"/>. Control thread.</summary>
    public bool ReadsController(int controller) =>
        CcModulations.Any(m => m.Controller == controller) || OffsetCc.Any(m => m.Controller == controller)
        || DelayCc.Any(m => m.Controller == controller) || AmpEnvelopeCc.Any(c => c.Controller == controller)
        || FilterEnvelopeCc.Any(c => c.Controller == controller) || PitchEnvelopeCc.Any(c => c.Controller == controller);
}

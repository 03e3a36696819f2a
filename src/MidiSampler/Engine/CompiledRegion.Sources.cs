namespace MidiSampler.Engine;

/// <summary>Which controller sources (MIDI or ARIA extended, <see cref="ControllerSources"/>) the region's routes read.</summary>
internal sealed partial class CompiledRegion
{
    /// <summary>True when a modulation route, a start offset/delay or an envelope route of the region reads <paramref name="controller"/>. Control thread.</summary>
    public bool ReadsController(int controller) =>
        CcModulations.Any(m => m.Controller == controller) || OffsetCc.Any(m => m.Controller == controller)
        || DelayCc.Any(m => m.Controller == controller) || AmpEnvelopeCc.Any(c => c.Controller == controller)
        || FilterEnvelopeCc.Any(c => c.Controller == controller) || PitchEnvelopeCc.Any(c => c.Controller == controller);

    /// <summary>
    /// amp_veltrack_onccN routes exist and apply (no amp_velcurve_N points, which replace velocity tracking): the voice
    /// computes its velocity gain at note-on from the tracking they give instead of the precomputed curve.
    /// </summary>
    public bool VeltrackCc { get; }

    /// <summary>ampeg_dynamic with controller routes on the amplitude envelope: a control change re-evaluates running voices.</summary>
    public bool AmpEnvelopeDynamic { get; }

    /// <summary>
    /// The velocity gain at <paramref name="veltrackPercent"/> (−100…100): SFZ's default curve, (velocity/127)² at 100,
    /// blended towards 1 as the tracking falls, inverted below 0 (sfz.org, amp_veltrack), as the precomputed curve. Any thread.
    /// </summary>
    public static float DefaultVelocityGain(int velocity, double veltrackPercent)
    {
        double t = Math.Clamp(veltrackPercent, -100, 100) / 100, a = Math.Abs(t);
        double x = Math.Clamp(velocity, 0, 127) / 127.0;
        double c = t >= 0 ? x * x : (1 - x) * (1 - x);
        return (float)((1 - a) + (a * c));
    }
}

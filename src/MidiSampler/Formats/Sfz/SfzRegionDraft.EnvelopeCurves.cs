using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>ARIA's envelope controller curves (ampeg_attack_curveccN, fileg_*, pitcheg_*): curve numbers by route.</summary>
internal sealed partial class SfzRegionDraft
{
    /// <summary>The &lt;curve&gt; number of each envelope route, by (0 amp / 1 filter / 2 pitch, parameter, controller).</summary>
    public SortedDictionary<(int Envelope, EnvelopeParameter Parameter, int Controller), int> EnvelopeCcCurves { get; } = [];
}

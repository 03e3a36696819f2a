namespace MidiSampler.Model;

/// <summary>
/// One SFZ v2 flexible envelope (<c>egN_*</c>, sfz.org "Flex EG"): points reached one after the other, each after its
/// own time, linear between points; it holds at the sustain point until note-off, then goes on through the remaining
/// points. Its level drives the destinations it names, each with a depth.
/// </summary>
public sealed record FlexEnvelope
{
    /// <summary>Per point X: seconds to reach it from the previous point (<c>egN_timeX</c>; point 0 from level 0 at note-on).</summary>
    public IReadOnlyList<double> TimesSeconds { get; init; } = [];

    /// <summary>Per point X: the level reached, −1..1 (<c>egN_levelX</c>).</summary>
    public IReadOnlyList<double> Levels { get; init; } = [];

    /// <summary>
    /// Per point X: the bend of the segment that reaches it (<c>egN_shapeX</c>, as sfizz defines it): 0 linear; s &gt; 0
    /// follows <c>p^s</c> of the segment's progress p (slow start, fast end); s &lt; 0 follows <c>1 - (1-p)^-s</c>
    /// (fast start, slow end). Missing points are linear.
    /// </summary>
    public IReadOnlyList<double> Shapes { get; init; } = [];

    /// <summary>The point held until note-off (<c>egN_sustain</c>).</summary>
    public int SustainPoint { get; init; }

    /// <summary>Amplitude depth in percent (<c>egN_amplitude</c>): the gain is multiplied by level × depth.</summary>
    public double AmplitudePercent { get; init; }

    /// <summary>Volume depth in dB (<c>egN_volume</c>).</summary>
    public double VolumeDb { get; init; }

    /// <summary>Pitch depth in cents (<c>egN_pitch</c>).</summary>
    public double PitchCents { get; init; }

    /// <summary>Cutoff depth in cents (<c>egN_cutoff</c>).</summary>
    public double CutoffCents { get; init; }

    /// <summary>Pan depth in percent (<c>egN_pan</c>).</summary>
    public double PanPercent { get; init; }

    /// <summary>The SFZ number N (<c>egN_</c>); 0: its position in the list + 1.</summary>
    public int Number { get; init; }

    /// <summary>
    /// The point the envelope jumps back to after reaching the end of its run (<c>egN_loop</c>): the segment into this
    /// point replays from the level reached. The run ends at the sustain point while the note is held (when the sustain
    /// point is at or after the loop point), else at the last point. <c>null</c>: no loop.
    /// </summary>
    public int? LoopPoint { get; init; }

    /// <summary>Times the loop repeats (<c>egN_loop_count</c>); <c>null</c> repeats until the loop's end is left by a release.</summary>
    public int? LoopCount { get; init; }

    /// <summary>Routes from this envelope to LFOs' rate and depth (<c>egN_freq_lfoX</c>, <c>_depth_lfoX</c>, <c>_depthadd_lfoX</c>).</summary>
    public IReadOnlyList<LfoModulation> LfoModulations { get; init; } = [];

    /// <summary>Filter resonance depth in dB (<c>egN_resonance</c>), added to <c>resonance</c>.</summary>
    public double ResonanceDb { get; init; }

    /// <summary>Stereo width depth in percent (<c>egN_width</c>), added to <c>width</c> and clamped to ±100 %.</summary>
    public double WidthPercent { get; init; }

    /// <summary>Depths on the region's equaliser bands (<c>egN_eqXfreq</c>, <c>egN_eqXbw</c>, <c>egN_eqXgain</c>), one entry per band.</summary>
    public IReadOnlyList<EqModulation> EqModulations { get; init; } = [];

    /// <summary>
    /// Per point X: the <c>&lt;curve&gt;</c> number that shapes the segment reaching it (<c>egN_curveX</c>), or <c>null</c> (the
    /// segment follows <see cref="Shapes"/>). The SFZ loader also fills <see cref="Curves"/> from it.
    /// </summary>
    public IReadOnlyList<int?> CurveIndices { get; init; } = [];

    /// <summary>
    /// Per point X: the curve table (128 values, progress 0..1 → 0..1) shaping the segment reaching it, or <c>null</c>.
    /// Takes precedence over <see cref="Shapes"/>.
    /// </summary>
    public IReadOnlyList<float[]?> Curves { get; init; } = [];
}

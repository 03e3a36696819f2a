namespace MidiSampler.Model;

/// <summary>
/// SFZ v2 voice options beyond the core region: pedals, tempo-relative start and stop, controller stops, bend smoothing,
/// the end-of-sample fade and the loop crossfade. Immutable; <see cref="Default"/> changes nothing.
/// </summary>
public sealed record RegionVoiceOptions
{
    /// <summary>Nothing set: the voice plays as without these opcodes.</summary>
    public static RegionVoiceOptions Default { get; } = new();

    /// <summary>The sostenuto pedal (CC 66) holds this region's voices (SFZ v2 <c>sostenuto_sw</c>, on by default).</summary>
    public bool SostenutoSwitch { get; init; } = true;

    /// <summary>The controller that acts as this region's sustain pedal (ARIA <c>sustain_cc</c>; 64 by default).</summary>
    public int SustainController { get; init; } = 64;

    /// <summary>The sustain pedal is down at this controller value and above, 0..127 (ARIA <c>sustain_lo</c>; NaN: 64, the MIDI rule).</summary>
    public double SustainLow { get; init; } = double.NaN;

    /// <summary>The controller that acts as this region's sostenuto pedal (ARIA <c>sostenuto_cc</c>; 66 by default).</summary>
    public int SostenutoController { get; init; } = 66;

    /// <summary>The sostenuto pedal is down at this controller value and above, 0..127 (ARIA <c>sostenuto_lo</c>; NaN: 64).</summary>
    public double SostenutoLow { get; init; } = double.NaN;

    /// <summary>Beats from note-on before the voice sounds, at the sampler's tempo (SFZ v2 <c>delay_beats</c>).</summary>
    public double DelayBeats { get; init; }

    /// <summary>Beats of sound after which the voice is released; 0 never (SFZ v2 <c>stop_beats</c>).</summary>
    public double StopBeats { get; init; }

    /// <summary>A control change inside one of these ranges stops the region's voices (SFZ v2 <c>stop_loccN</c>/<c>stop_hiccN</c>).</summary>
    public IReadOnlyList<CcRange> StopCcRanges { get; init; } = [];

    /// <summary>Milliseconds over which the pitch follows the bend wheel (SFZ v2 <c>bend_smooth</c>); 0 at once.</summary>
    public double BendSmoothMs { get; init; }

    /// <summary>Seconds before the sample's end at which a fade to silence starts (SFZ v2 <c>sample_fadeout</c>); 0 none.</summary>
    public double SampleFadeoutSeconds { get; init; }

    /// <summary>
    /// Interpolation quality on sfizz's scale (SFZ v2 <c>sample_quality</c> 0..10; for an oscillator, <c>oscillator_quality</c>
    /// 0..3): 0 and 1 play linear interpolation, 2 and above 4-point Hermite; <c>null</c> follows the sampler's setting.
    /// </summary>
    public int? SampleQuality { get; init; }

    /// <summary>
    /// The region plays only when at least this many seconds have passed since a region of its group last started
    /// (SFZ v2 <c>lotimer</c>); a group that never played counts as infinitely long ago.
    /// </summary>
    public double LoTimerSeconds { get; init; }

    /// <summary>... and at most this many (SFZ v2 <c>hitimer</c>); <see cref="double.PositiveInfinity"/>: no limit.</summary>
    public double HiTimerSeconds { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// While a controller is inside one of these ranges at note-on, the region plays its sample reversed (SFZ v2
    /// <c>reverse_loccN</c>/<c>reverse_hiccN</c>), offset, end and loop points mirrored as for <c>direction=reverse</c>.
    /// </summary>
    public IReadOnlyList<CcRange> ReverseCcRanges { get; init; } = [];

    /// <summary>
    /// The time-reversed copy of the region's sample for <see cref="ReverseCcRanges"/> (the SFZ loader shares one per
    /// sample); <c>null</c>: made when the instrument is installed.
    /// </summary>
    public Sample? ReversedSample { get; init; }

    /// <summary>
    /// Per-key tables in place of the region's sample (SFZ oscillators: one band-limited table per range of keys, see
    /// <see cref="KeySample"/>); empty: every key plays <see cref="Region.Sample"/>. Keys not listed play it too.
    /// </summary>
    public IReadOnlyList<KeySample> KeySamples { get; init; } = [];

    /// <summary>Cents added to the pitch while the voice plays inside its loop (SFZ v2 <c>loop_tune</c>).</summary>
    public double LoopTuneCents { get; init; }

    /// <summary>How the loop repeats: forwards, backwards or back and forth (SFZ v2 <c>loop_type</c>).</summary>
    public LoopDirection LoopDirection { get; init; }

    /// <summary>Seconds of the loop's end crossfaded into the audio before loop_start (SFZ v2 <c>loop_crossfade</c>); 0 none.</summary>
    public double LoopCrossfadeSeconds { get; init; }
}

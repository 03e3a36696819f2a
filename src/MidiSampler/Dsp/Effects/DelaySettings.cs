namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The parameters of a <see cref="StereoDelay"/>, in the units of the SFZ <c>delay_*</c> opcodes: times in seconds,
/// levels, pans, feedback, damping, modulation depth, spread, input, wet and dry in percent (pan 0 = left,
/// 50 = centre, 100 = right), cutoff in Hz, resonance in dB. Threads: any (immutable).
/// </summary>
public sealed record class DelaySettings : EffectSettings
{
    /// <summary>The longest delay a tap may reach, also the size of each delay line: 10 s.</summary>
    public const double MaxTimeSeconds = 10;

    /// <summary>How the taps feed back.</summary>
    public DelayMode Mode { get; init; } = DelayMode.Stereo;

    /// <summary>Left tap time (s).</summary>
    public ControlledParameter TimeLeftSeconds { get; init; } = ControlledParameter.Constant(0.25);

    /// <summary>Right tap time (s).</summary>
    public ControlledParameter TimeRightSeconds { get; init; } = ControlledParameter.Constant(0.25);

    /// <summary>Centre tap time (s).</summary>
    public ControlledParameter TimeCentreSeconds { get; init; } = ControlledParameter.Constant(0.25);

    /// <summary>Left tap level (%).</summary>
    public double LevelLeftPercent { get; init; } = 100;

    /// <summary>Right tap level (%).</summary>
    public double LevelRightPercent { get; init; } = 100;

    /// <summary>Centre tap level (%).</summary>
    public double LevelCentrePercent { get; init; }

    /// <summary>Left tap pan (0 left .. 100 right).</summary>
    public ControlledParameter PanLeftPercent { get; init; } = ControlledParameter.Constant(0);

    /// <summary>Right tap pan (0 left .. 100 right).</summary>
    public ControlledParameter PanRightPercent { get; init; } = ControlledParameter.Constant(100);

    /// <summary>Centre tap pan (0 left .. 100 right).</summary>
    public ControlledParameter PanCentrePercent { get; init; } = ControlledParameter.Constant(50);

    /// <summary>Part of each tap's output fed back into the lines (%).</summary>
    public ControlledParameter FeedbackPercent { get; init; } = ControlledParameter.Constant(0);

    /// <summary>Filter on each tap's output (heard and fed back).</summary>
    public EffectFilterType Filter { get; init; } = EffectFilterType.None;

    /// <summary>The filter's cutoff (Hz).</summary>
    public ControlledParameter CutoffHz { get; init; } = ControlledParameter.Constant(2000);

    /// <summary>The filter's resonance (dB).</summary>
    public ControlledParameter ResonanceDb { get; init; } = ControlledParameter.Constant(0);

    /// <summary>High-frequency damping of the taps (%): a one-pole lowpass from 20 kHz (0 %) down to 1 kHz (100 %).</summary>
    public ControlledParameter DampHighPercent { get; init; } = ControlledParameter.Constant(0);

    /// <summary>Low-frequency damping of the taps (%): a one-pole highpass from off (0 %) up to 1 kHz (100 %).</summary>
    public ControlledParameter DampLowPercent { get; init; } = ControlledParameter.Constant(0);

    /// <summary>Rate of the modulation LFO (Hz).</summary>
    public ControlledParameter LfoFrequencyHz { get; init; } = ControlledParameter.Constant(0.5);

    /// <summary>Modulation depth (%): 100 % sweeps the tap times by ±5 ms (or, in <see cref="DelayMode.Panning"/>, the pans fully).</summary>
    public ControlledParameter ModDepthPercent { get; init; } = ControlledParameter.Constant(0);

    /// <summary>Stereo width of the wet signal (%): 0 mono, 100 as panned.</summary>
    public ControlledParameter SpreadPercent { get; init; } = ControlledParameter.Constant(100);

    /// <summary>Level of the input into the lines (%).</summary>
    public ControlledParameter InputPercent { get; init; } = ControlledParameter.Constant(100);

    /// <summary>Level of the echoes in the output (%).</summary>
    public ControlledParameter WetPercent { get; init; } = ControlledParameter.Constant(100);

    /// <summary>Level of the unprocessed input in the output (%).</summary>
    public ControlledParameter DryPercent { get; init; } = ControlledParameter.Constant(100);

    /// <summary>
    /// Tempo sync per tap (left, right, centre): while the controller is at 64 or above, the tap's time is the given
    /// number of beats at <see cref="StereoDelay.TempoBpm"/> instead of its time parameter (SFZ <c>delay_syncl_onccN</c>).
    /// </summary>
    public IReadOnlyList<(int Controller, double Beats)> SyncLeft { get; init; } = [];

    /// <inheritdoc cref="SyncLeft"/>
    public IReadOnlyList<(int Controller, double Beats)> SyncRight { get; init; } = [];

    /// <inheritdoc cref="SyncLeft"/>
    public IReadOnlyList<(int Controller, double Beats)> SyncCentre { get; init; } = [];

    /// <summary>
    /// Tap-tempo controller (SFZ <c>delay_time_tap</c>), or −1: the time between two presses (the controller rising
    /// through 64) becomes the left tap's time, the right and centre taps keeping their ratio to it.
    /// </summary>
    public int TapController { get; init; } = -1;
}

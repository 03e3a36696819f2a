using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// <see cref="RegionVoiceOptions"/> and the SFZ v2 LFO routes in the numbers a voice needs at one output rate. Built on the
/// control thread with the <see cref="CompiledRegion"/>; read-only on the audio thread.
/// </summary>
internal sealed partial class CompiledVoiceOptions
{
    public CompiledVoiceOptions(Region region, EqBand[] eqBands, long endFrame, double outputRate)
    {
        var o = region.VoiceOptions;
        SostenutoSwitch = o.SostenutoSwitch;
        InitPedals(o);
        DelayBeats = Math.Clamp(Finite(o.DelayBeats), 0, 1000);
        StopBeats = Math.Clamp(Finite(o.StopBeats), 0, 1000);
        StopCcRanges = [.. o.StopCcRanges.Where(c => c.Controller is >= 0 and < 128)];
        ReverseCcRanges = [.. o.ReverseCcRanges.Where(c => c.Controller is >= 0 and < 128)];
        double bendFrames = Math.Clamp(Finite(o.BendSmoothMs), 0, 10_000) / 1000 * outputRate;
        BendSmoothing = bendFrames > 0 ? (float)(1 - Math.Exp(-Voice.ControlFrames / bendFrames)) : 1;
        double fadeout = Math.Clamp(Finite(o.SampleFadeoutSeconds), 0, 100);
        FadeoutStartFrame = fadeout > 0 ? Math.Max(0, endFrame - (long)(fadeout * region.Sample.SampleRate)) : -1;
        LfoRoutes = CompiledLfoRoute.Build(region);
        EqRoutes = CompiledEqRoute.Build(region, eqBands);
        LoopTuneCents = (float)Math.Clamp(Finite(o.LoopTuneCents), -9600, 9600);
        LoTimerSeconds = Math.Max(0, Finite(o.LoTimerSeconds));
        HiTimerSeconds = double.IsNaN(o.HiTimerSeconds) ? double.PositiveInfinity : Math.Max(0, o.HiTimerSeconds);
        HasTimer = LoTimerSeconds > 0 || HiTimerSeconds < double.PositiveInfinity;
        var lfos = region.FlexLfos.Take(EngineLimits.MaxFlexLfos);
        var egs = region.FlexEnvelopes.Take(EngineLimits.MaxFlexEnvelopes);
        ResonanceModulated = region.CutoffHz > 0 && region.FilterType != FilterType.None
            && (lfos.Any(l => Finite(l.ResonanceDb) != 0) || egs.Any(e => Finite(e.ResonanceDb) != 0)
                || region.CcModulations.Any(m => m.Target == ModulationTarget.ResonanceDb && ControllerSources.IsSource(m.Controller) && Finite(m.Amount) != 0));
        WidthModulated = region.Sample.Channels == 2 && (lfos.Any(l => Finite(l.WidthPercent) != 0) || egs.Any(e => Finite(e.WidthPercent) != 0)
            || region.CcModulations.Any(m => m.Target == ModulationTarget.WidthPercent && ControllerSources.IsSource(m.Controller) && Finite(m.Amount) != 0));
        Interpolation = o.SampleQuality switch
        {
            null => null,
            <= 1 => InterpolationMode.Linear, // sfizz: 0 nearest, 1 linear; the engine's cheapest is linear
            _ => InterpolationMode.Cubic, // sfizz: 2 Hermite, 3..10 windowed sinc; the engine's best is Hermite
        };
        NeedsTicks = LoopTuneCents != 0 || StopBeats > 0 || BendSmoothing < 1 || FadeoutStartFrame >= 0 || LfoRoutes.Length > 0 || EqRoutes.Length > 0;
    }

    /// <summary>sostenuto_sw: CC 66 holds this region's voices.</summary>
    public bool SostenutoSwitch { get; }

    /// <summary>sample_quality / oscillator_quality: the region's interpolation; null follows <see cref="SamplerConfig.Interpolation"/>.</summary>
    public InterpolationMode? Interpolation { get; }

    /// <summary>delay_beats, at the tempo read at note-on.</summary>
    public double DelayBeats { get; }

    /// <summary>stop_beats: beats of sound before the voice releases; 0 never.</summary>
    public double StopBeats { get; }

    /// <summary>reverse_loccN/reverse_hiccN ranges: all must hold at note-on for the reversed variant to play.</summary>
    public CcRange[] ReverseCcRanges { get; }

    /// <summary>True when every reverse range holds on these controller values. Audio thread.</summary>
    public bool ReverseHolds(byte[] controllers)
    {
        foreach (var range in ReverseCcRanges)
        {
            int value = controllers[range.Controller];
            if (value < range.Low || value > range.High)
                return false;
        }

        return true;
    }

    /// <summary>stop_loccN/stop_hiccN ranges.</summary>
    public CcRange[] StopCcRanges { get; }

    /// <summary>bend_smooth: per control tick, the fraction of the way the bend moves to the wheel's value (1: at once).</summary>
    public float BendSmoothing { get; }

    /// <summary>sample_fadeout: the sample frame at which the fade to the end starts, or −1.</summary>
    public long FadeoutStartFrame { get; }

    /// <summary>loop_tune: cents while inside the loop.</summary>
    public float LoopTuneCents { get; }

    /// <summary>lotimer: the least seconds since the group's last start.</summary>
    public double LoTimerSeconds { get; }

    /// <summary>hitimer: the most seconds since the group's last start (infinity: none).</summary>
    public double HiTimerSeconds { get; }

    /// <summary>lotimer or hitimer is set.</summary>
    public bool HasTimer { get; }

    /// <summary>LFO and EG depths on the compiled equaliser bands (lfoN_eqX*, egN_eqX*).</summary>
    public CompiledEqRoute[] EqRoutes { get; }

    /// <summary>LFO and EG routes into LFOs' rate and depth.</summary>
    public CompiledLfoRoute[] LfoRoutes { get; }

    /// <summary>An LFO or EG moves the filter's resonance (lfoN_resonance, egN_resonance) and there is a filter.</summary>
    public bool ResonanceModulated { get; }

    /// <summary>An LFO or EG moves the stereo width (lfoN_width, egN_width) of a stereo sample: the voice mixes through its width matrix.</summary>
    public bool WidthModulated { get; }

    /// <summary>Something here needs the voice's control ticks (and forbids idling).</summary>
    public bool NeedsTicks { get; }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}

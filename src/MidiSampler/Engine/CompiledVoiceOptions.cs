using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// <see cref="RegionVoiceOptions"/> and the SFZ v2 LFO routes in the numbers a voice needs at one output rate. Built on the
/// control thread with the <see cref="CompiledRegion"/>; read-only on the audio thread.
/// </summary>
internal sealed class CompiledVoiceOptions
{
    public CompiledVoiceOptions(Region region, long endFrame, double outputRate)
    {
        var o = region.VoiceOptions;
        SostenutoSwitch = o.SostenutoSwitch;
        DelayBeats = Math.Clamp(Finite(o.DelayBeats), 0, 1000);
        StopBeats = Math.Clamp(Finite(o.StopBeats), 0, 1000);
        StopCcRanges = [.. o.StopCcRanges.Where(c => c.Controller is >= 0 and < 128)];
        double bendFrames = Math.Clamp(Finite(o.BendSmoothMs), 0, 10_000) / 1000 * outputRate;
        BendSmoothing = bendFrames > 0 ? (float)(1 - Math.Exp(-Voice.ControlFrames / bendFrames)) : 1;
        double fadeout = Math.Clamp(Finite(o.SampleFadeoutSeconds), 0, 100);
        FadeoutStartFrame = fadeout > 0 ? Math.Max(0, endFrame - (long)(fadeout * region.Sample.SampleRate)) : -1;
        LfoRoutes = CompiledLfoRoute.Build(region);
        NeedsTicks = StopBeats > 0 || BendSmoothing < 1 || FadeoutStartFrame >= 0 || LfoRoutes.Length > 0;
    }

    /// <summary>sostenuto_sw: CC 66 holds this region's voices.</summary>
    public bool SostenutoSwitch { get; }

    /// <summary>delay_beats, at the tempo read at note-on.</summary>
    public double DelayBeats { get; }

    /// <summary>stop_beats: beats of sound before the voice releases; 0 never.</summary>
    public double StopBeats { get; }

    /// <summary>stop_loccN/stop_hiccN ranges.</summary>
    public CcRange[] StopCcRanges { get; }

    /// <summary>bend_smooth: per control tick, the fraction of the way the bend moves to the wheel's value (1: at once).</summary>
    public float BendSmoothing { get; }

    /// <summary>sample_fadeout: the sample frame at which the fade to the end starts, or −1.</summary>
    public long FadeoutStartFrame { get; }

    /// <summary>LFO and EG routes into LFOs' rate and depth.</summary>
    public CompiledLfoRoute[] LfoRoutes { get; }

    /// <summary>Something here needs the voice's control ticks (and forbids idling).</summary>
    public bool NeedsTicks { get; }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}

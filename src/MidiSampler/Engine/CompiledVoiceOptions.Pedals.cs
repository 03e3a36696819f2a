using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// ARIA's pedal assignment (sustain_cc/sustain_lo, sostenuto_cc/sostenuto_lo) compiled to a controller and a whole
/// threshold. A region that keeps the MIDI pedals (CC 64 and CC 66, down at 64) is not <see cref="CustomPedals"/> and
/// goes through the sampler's channel-wide pedal path unchanged.
/// </summary>
internal sealed partial class CompiledVoiceOptions
{
    /// <summary>The controller of the sustain pedal, 0..127.</summary>
    public int SustainController { get; private set; } = 64;

    /// <summary>The sustain pedal is down when its controller is at this value or above (1..128; 128 never).</summary>
    public int SustainThreshold { get; private set; } = 64;

    /// <summary>The controller of the sostenuto pedal, 0..127.</summary>
    public int SostenutoController { get; private set; } = 66;

    /// <summary>The sostenuto pedal is down when its controller is at this value or above.</summary>
    public int SostenutoThreshold { get; private set; } = 64;

    /// <summary>The pedals differ from MIDI's CC 64/66 at 64: the sampler handles this region's pedals per voice.</summary>
    public bool CustomPedals { get; private set; }

    /// <summary>True when this region's sustain pedal is down on <paramref name="controllers"/>. Audio thread.</summary>
    public bool SustainDown(byte[] controllers) => controllers[SustainController] >= SustainThreshold;

    /// <summary>True when this region's sostenuto pedal is down on <paramref name="controllers"/>. Audio thread.</summary>
    public bool SostenutoDown(byte[] controllers) => controllers[SostenutoController] >= SostenutoThreshold;

    private void InitPedals(RegionVoiceOptions o)
    {
        SustainController = Math.Clamp(o.SustainController, 0, 127);
        SostenutoController = Math.Clamp(o.SostenutoController, 0, 127);
        SustainThreshold = Threshold(o.SustainLow);
        SostenutoThreshold = Threshold(o.SostenutoLow);
        CustomPedals = SustainController != 64 || SustainThreshold != 64 || SostenutoController != 66 || SostenutoThreshold != 64;
    }

    /// <summary>
    /// A threshold in controller units to the least whole value that reaches it (sustain_lo=0.5: 1). Unset: 64, the
    /// MIDI 1.0 rule the channel's own pedal uses. 0 would hold forever; it is read as 0 (the author asked for it).
    /// </summary>
    private static int Threshold(double low) => double.IsFinite(low) ? (int)Math.Ceiling(Math.Clamp(low, 0, 127)) : 64;
}

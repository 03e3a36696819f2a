using System.Runtime.CompilerServices;

namespace MidiSampler.Engine;

/// <summary>
/// ARIA's pedal assignment (sustain_cc, sustain_lo, sostenuto_cc, sostenuto_lo): a region may take its sustain and
/// sostenuto pedals from other controllers or thresholds than MIDI's CC 64/66 at 64. Regions that keep the MIDI pedals
/// stay on the channel-wide path (<see cref="MidiChannelState.Sustain"/>, <see cref="SostenutoChanged"/>); these
/// functions cost one flag test for them. Audio thread.
/// </summary>
public sealed unsafe partial class Sampler
{
    /// <summary>
    /// True when the sustain pedal holds a voice of <paramref name="region"/> at its note-off: sustain_sw on, and its pedal
    /// down (<paramref name="channelPedal"/>, CC 64 at 64, unless the region names its own, sfz.org sustain_cc/sustain_lo).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SustainHolds(bool channelPedal, MidiChannelState channel, CompiledRegion region) =>
        region.Voicing.SustainSwitch
        && (region.VoiceOptions.CustomPedals ? region.VoiceOptions.SustainDown(channel.Controllers) : channelPedal);

    /// <summary>A control change on an instrument with custom pedals or dynamic envelopes: the parts it concerns.</summary>
    private void AriaControllerMoved(CompiledInstrument instrument, MidiChannelState channel, int controller, int oldValue)
    {
        if (instrument.HasCustomPedals && (instrument.IsPedalController[controller] || controller == MidiChannelState.ControllerResetAll))
            CustomPedalsChanged(channel, controller, oldValue);
        if (instrument.HasDynamicEnvelopes && (instrument.IsDynamicEnvelopeController[controller] || controller == MidiChannelState.ControllerResetAll))
        {
            // ampeg_dynamic: the envelopes reading this controller take their new times and levels at the event's frame.
            for (int i = 0; i < _voices.ActiveCount; i++)
            {
                var v = _voices[i];
                if (v.Channel == channel.Index && v.Region!.AmpEnvelopeDynamic && !v.Fading)
                    v.RetuneAmpEnvelope(channel);
            }
        }
    }

    /// <summary>
    /// A controller that is some region's custom pedal moved (or CC 121 reset them all): a sostenuto pedal going down
    /// latches the voices whose keys are down (as <see cref="SostenutoChanged"/> does for CC 66); then every held voice of a
    /// custom-pedal region whose pedals are now up is released.
    /// </summary>
    private void CustomPedalsChanged(MidiChannelState channel, int controller, int oldValue)
    {
        long order = ++_order;
        var cc = channel.Controllers;
        for (int i = 0; i < _voices.ActiveCount; i++)
        {
            var v = _voices[i];
            if (v.Channel != channel.Index || !v.Region!.VoiceOptions.CustomPedals)
                continue;
            var o = v.Region.VoiceOptions;
            if (o.SostenutoController == controller && oldValue < o.SostenutoThreshold && o.SostenutoDown(cc))
            {
                if (!v.NoteReleased && !v.HeldByPedal && o.SostenutoSwitch)
                    v.HeldBySostenuto = true;
                continue;
            }

            if (v.HeldBySostenuto && !o.SostenutoDown(cc))
                v.HeldBySostenuto = false;
            if (v.HeldByPedal && !v.HeldBySostenuto && !(v.Region.Voicing.SustainSwitch && o.SustainDown(cc)))
                v.Release(order);
        }
    }
}

using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>The sostenuto pedal (CC 66) and the controller stops (stop_loccN/stop_hiccN). Audio thread.</summary>
public sealed unsafe partial class Sampler
{
    /// <summary>MIDI CC 66, the sostenuto pedal (down at 64 and above, as the sustain pedal).</summary>
    private const int ControllerSostenuto = 66;

    /// <summary>
    /// Sostenuto (MIDI 1.0, CC 66; sfz.org sostenuto_sw): pressing it latches the voices whose keys are down at that moment
    /// (not those only held by the sustain pedal, nor notes struck later); their note-off then waits for its release.
    /// Releasing it lets the latched voices whose keys are up go, unless the sustain pedal holds them.
    /// </summary>
    private void SostenutoChanged(MidiChannelState channel, bool wasDown)
    {
        long order = ++_order;
        for (int i = 0; i < _voices.ActiveCount; i++)
        {
            var v = _voices[i];
            if (v.Channel != channel.Index || v.Region!.VoiceOptions.CustomPedals)
                continue; // sostenuto_cc/sostenuto_lo: Sampler.CustomPedals.cs
            if (!wasDown)
            {
                if (!v.NoteReleased && !v.HeldByPedal && v.Region!.VoiceOptions.SostenutoSwitch)
                    v.HeldBySostenuto = true;
                continue;
            }

            if (!v.HeldBySostenuto)
                continue;
            v.HeldBySostenuto = false;
            if (v.HeldByPedal && !(channel.Sustain && v.Region!.Voicing.SustainSwitch))
                v.Release(order);
        }
    }

    /// <summary>stop_loccN/stop_hiccN: a value inside a region's range stops its voices on this channel as its off_mode says.</summary>
    private void StopByController(MidiChannelState channel, int controller, int value)
    {
        var instrument = _table.Get(channel.Bank, channel.Program)?.Compiled;
        if (instrument is null || !instrument.HasStopCc)
            return;
        long order = ++_order;
        for (int i = 0; i < _voices.ActiveCount; i++)
        {
            var v = _voices[i];
            if (v.Channel != channel.Index || v.Instrument != instrument || v.Fading)
                continue;
            foreach (var range in v.Region!.VoiceOptions.StopCcRanges)
            {
                if (range.Controller != controller || value < range.Low || value > range.High)
                    continue;
                switch (v.Region.Voicing.OffMode)
                {
                    case OffMode.Normal:
                        if (!v.Releasing)
                            v.ReleaseNow(order);
                        break;
                    case OffMode.Time:
                        v.FadeOut(Math.Max(1, (int)(v.Region.OffFadeSeconds * Config.SampleRate)), order);
                        break;
                    default:
                        v.FadeOut(_fadeFrames, order);
                        break;
                }

                break;
            }
        }
    }
}

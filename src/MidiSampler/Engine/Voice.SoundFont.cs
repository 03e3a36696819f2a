using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// SoundFont 2 parts of the voice read at note-on (modulators to envelope times and to the start offset, as FluidSynth
/// computes them when a voice starts) and the region's share of the channel's CC7/CC11 volume. Audio thread; no allocation.
/// Kept apart from Voice.Modulators.cs, whose control-rate routes the modulation redesign rewrites.
/// </summary>
internal sealed unsafe partial class Voice
{
    /// <summary>SF2 modulators to the sample's start offset (generators 0 and 4), in frames, read at note-on as FluidSynth does.</summary>
    private long StartOffsetAtNoteOn(CompiledRegion region, MidiChannelState channel)
    {
        double frames = 0;
        var routes = region.ModulatorRoutes;
        for (int r = 0; r < routes.Length; r++)
        {
            if (routes[r].Destination == ModulatorDestination.StartOffsetFrames)
                frames += RouteValue(routes[r], channel);
        }

        return (long)frames;
    }

    /// <summary>
    /// SF2 modulators to envelope times (generators 25-30, 33-38), read at note-on as FluidSynth computes a voice's
    /// envelope when it starts: each stage's time multiplied by 2^(its routes' sum in timecents / 1200), up to the spec's
    /// longest (delay and hold 5000 timecents, attack, decay and release 8000); the release at least 1 ms, the volume
    /// release at least FluidSynth's 16 ms (<see cref="SoundFontMinReleaseSeconds"/>). Allocation-free (a struct copy).
    /// </summary>
    private Envelope EnvelopeTimesAtNoteOn(in Envelope e, CompiledRegion region, MidiChannelState channel, ModulatorDestination destination)
    {
        float delay = 0, attack = 0, hold = 0, decay = 0, release = 0;
        var routes = region.ModulatorRoutes;
        for (int r = 0; r < routes.Length; r++)
        {
            var route = routes[r];
            if (route.Destination != destination)
                continue;
            float v = RouteValue(route, channel);
            switch (route.Stage)
            {
                case EnvelopeParameter.Delay: delay += v; break;
                case EnvelopeParameter.Attack: attack += v; break;
                case EnvelopeParameter.Hold: hold += v; break;
                case EnvelopeParameter.Decay: decay += v; break;
                default: release += v; break;
            }
        }

        const double Short = 1.0 / 1024, Long5000 = 17.959, Long8000 = 101.594; // 2^(-12000/1200), 2^(5000/1200), 2^(8000/1200)
        double minRelease = destination == ModulatorDestination.AmpEnvelopeTimecents ? SoundFontMinReleaseSeconds : Short;
        return e with
        {
            DelaySeconds = e.DelaySeconds > 0 ? Math.Min(e.DelaySeconds * Math.Pow(2, delay / 1200.0), Long5000) : 0,
            AttackSeconds = Math.Min(e.AttackSeconds * Math.Pow(2, attack / 1200.0), Long8000),
            HoldSeconds = Math.Min(e.HoldSeconds * Math.Pow(2, hold / 1200.0), Long5000),
            DecaySeconds = Math.Min(e.DecaySeconds * Math.Pow(2, decay / 1200.0), Long8000),
            ReleaseSeconds = Math.Clamp(e.ReleaseSeconds * Math.Pow(2, release / 1200.0), minRelease, Long8000),
        };
    }

    /// <summary>
    /// FluidSynth's shortest volume release, -7200 timecents (15.6 ms, "to stop clicks": fluid_voice.c,
    /// FLUID_MIN_VOLENVRELEASE), in the engine's release time (90 dB where SF2 counts 96).
    /// </summary>
    internal const double SoundFontMinReleaseSeconds = 0.015625 * 90 / 96;

    /// <summary>
    /// An SF2 region's share of the channel's volume: CC7 and CC11 through their default modulators (the channel's
    /// SoundFont gain law), less the one whose default the bank replaced or removed (<see cref="CompiledRegion.SoundFontOwnVolume"/>,
    /// <see cref="CompiledRegion.SoundFontOwnExpression"/>: its own modulator is then a route).
    /// </summary>
    private float SoundFontChannelGain(MidiChannelState channel)
    {
        var region = Region!;
        if (!(region.SoundFontOwnVolume || region.SoundFontOwnExpression) || !channel.SoundFontVolumeCurves)
            return channel.VolumeGain;
        var cc = channel.Controllers;
        double cb = (region.SoundFontOwnVolume ? 0 : ModulatorCurve.DefaultAttenuationCb(cc[MidiChannelState.ControllerVolume]))
            + (region.SoundFontOwnExpression ? 0 : ModulatorCurve.DefaultAttenuationCb(cc[MidiChannelState.ControllerExpression]));
        return (float)Math.Pow(10, -cb / 200);
    }
}

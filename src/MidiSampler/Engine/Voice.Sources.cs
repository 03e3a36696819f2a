using System.Runtime.CompilerServices;
using MidiSampler.Dsp;

namespace MidiSampler.Engine;

/// <summary>
/// The ARIA/sfizz extended controllers (<see cref="ControllerSources"/>) as a voice reads them: a snapshot taken at
/// note-on (what offset, delay and the envelope routes read, and what the per-note sources 131–141 keep for the voice's
/// life), and at each control tick the live channel values of 128–130. Audio thread only; nothing here allocates.
/// </summary>
internal sealed unsafe partial class Voice
{
    // The channel's controllers while Start runs (the same array for the channel's life).
    private byte[]? _startControllers;

    // The same channel's controllers at full precision (set_hdccN), which the routes read (MidiChannelState.ControllerValues).
    private double[]? _controllerValues;

    private readonly double[] _noteSources = new double[ControllerSources.End - ControllerSources.PitchBend];

    /// <summary>Note-on: the value of every extended source for this voice (sfizz ControllerSource::generate).</summary>
    private void StartSources(MidiChannelState channel, int key, int velocity)
    {
        _startControllers = channel.Controllers;
        _controllerValues = channel.ControllerValues;
        var s = _noteSources;
        // Doubles, so that offset_oncc131=12700 at velocity 50 starts at exactly frame 5000, as offset_oncc1 does.
        s[0] = channel.BendAmount;
        s[ControllerSources.ChannelAftertouch - 128] = channel.ChannelPressure / 127.0;
        s[ControllerSources.PolyAftertouch - 128] = channel.PolyPressure[key & 127] / 127.0;
        s[ControllerSources.NoteOnVelocity - 128] = velocity / 127.0;
        s[ControllerSources.NoteOffVelocity - 128] = channel.NoteOffVelocity;
        s[ControllerSources.NoteNumber - 128] = key / 127.0;
        s[ControllerSources.NoteGate - 128] = channel.NoteGate;
        s[ControllerSources.UnipolarRandom - 128] = channel.UnipolarRandom;
        s[ControllerSources.BipolarRandom - 128] = channel.BipolarRandom;
        s[ControllerSources.Alternate - 128] = channel.Alternate;
        s[ControllerSources.KeyDelta - 128] = channel.KeyDelta;
        s[ControllerSources.AbsoluteKeyDelta - 128] = Math.Abs(channel.KeyDelta);
    }

    /// <summary>A source's value at note-on: a MIDI controller as 0..1, an extended source as its own range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double StartValue(int controller, byte[] cc) =>
        controller >= 128 ? _noteSources[controller - 128] : _controllerValues is { } precise ? precise[controller] : cc[controller] / 127.0;

    /// <summary>
    /// A source at note-on through its curve (ARIA ampeg_*_curveccN): the nearest of the curve's 128 points, the value
    /// clamped to 0..1; sources that take no curve (<see cref="ControllerSources.TakesCurve"/>) pass unshaped.
    /// </summary>
    private double CurvedStartValue(int controller, IReadOnlyList<float> curve, byte[] cc)
    {
        double x = StartValue(controller, cc);
        if (curve.Count != 128 || !ControllerSources.TakesCurve(controller))
            return x;
        return curve[(int)((Math.Clamp(x, 0, 1) * 127) + 0.5)];
    }

    /// <summary>
    /// An extended source at a control tick: pitch bend and the aftertouches follow the channel, the others keep their
    /// note-on value. A curve (<c>*_curveccN</c>) shapes it at the nearest of its 128 points, the value clamped to 0..1
    /// as sfizz's Curve::evalNormalized does (a bipolar random below 0 reads the curve's first point).
    /// </summary>
    private float ExtendedTickValue(int controller, float[]? curve, MidiChannelState channel)
    {
        float x = controller switch
        {
            ControllerSources.PitchBend => (float)channel.BendAmount,
            ControllerSources.ChannelAftertouch => channel.ChannelPressure * (1f / 127f),
            ControllerSources.PolyAftertouch => Key >= 0 ? channel.PolyPressure[Key] * (1f / 127f) : 0,
            _ => (float)_noteSources[controller - 128],
        };
        if (curve is null)
            return x;
        return curve[(int)((Math.Clamp(x, 0f, 1f) * 127f) + 0.5f)];
    }

    /// <summary>
    /// amp_veltrack_onccN (ARIA): the routes add to amp_veltrack at note-on (their sources read then, curves applied),
    /// and the velocity gain follows the resulting tracking, clamped to ±100 %.
    /// </summary>
    private float VelocityGainWithCc(CompiledRegion region, int velocity)
    {
        double veltrack = region.VeltrackPercent;
        var routes = region.CcModulations;
        for (int c = 0; c < routes.Length; c++)
        {
            ref readonly var m = ref routes[c];
            if (m.Target != Model.ModulationTarget.AmpVeltrackPercent)
                continue;
            double x = StartValue(m.Controller, _startControllers!);
            if (region.CcCurves[c] is { } curve)
                x = curve[(int)((Math.Clamp(x, 0, 1) * 127) + 0.5)];
            veltrack += m.Amount * x;
        }

        return CompiledRegion.DefaultVelocityGain(velocity, veltrack);
    }

    /// <summary>
    /// ampeg_dynamic (ARIA): the amplitude envelope's controller routes read again on the channel's current controllers,
    /// and the running envelope takes the result (<see cref="EnvelopeState.Retune"/>). Audio thread; no allocation.
    /// </summary>
    public void RetuneAmpEnvelope(MidiChannelState channel)
    {
        var region = Region!;
        var amp = ModulateEnvelope(region.AmpEnvelopeSource, region.AmpEnvelopeModulation, region.AmpEnvelopeCc, Velocity / 127f, channel.Controllers, out _);
        _envelope.Retune(EnvelopeCompilation.Compile(amp, region.OutputRate));
    }

    /// <summary>lfoN_*_onccX: what the controllers add to one LFO's rate and depths at this tick (sources as the routes read them).</summary>
    private LfoCcAmounts LfoCcAdds(Model.LfoCcDepth[] routes, byte[] cc, MidiChannelState channel)
    {
        var sum = default(LfoCcAmounts);
        for (int r = 0; r < routes.Length; r++)
        {
            ref readonly var route = ref routes[r];
            int controller = route.Controller;
            float x = controller < 128 ? (float)channel.ControllerValues[controller] : ExtendedTickValue(controller, null, channel);
            float v = (float)route.Amount * x;
            switch (route.Target)
            {
                case Model.LfoCcTarget.FrequencyHz: sum.FrequencyHz += v; break;
                case Model.LfoCcTarget.PitchCents: sum.PitchCents += v; break;
                case Model.LfoCcTarget.VolumeDb: sum.VolumeDb += v; break;
                case Model.LfoCcTarget.AmplitudePercent: sum.AmplitudeFraction += v * 0.01f; break;
                case Model.LfoCcTarget.CutoffCents: sum.CutoffCents += v; break;
                case Model.LfoCcTarget.PanPercent: sum.PanPercent += v; break;
                default: break; // delay, fade, phase: at note-on (StartFlexLfoWithCc)
            }
        }

        return sum;
    }

    /// <summary>
    /// Starts SFZ v2 LFO <paramref name="index"/> with its lfoN_delay/fade/phase_onccX routes read at note-on: seconds
    /// added to the delay and fade-in (at least 0), cycles added to the phase (wrapped into 0..1).
    /// </summary>
    private void StartFlexLfoWithCc(int index, in CompiledFlexLfo lfo, byte[] cc)
    {
        double delaySeconds = 0, fadeSeconds = 0, phase = lfo.Phase;
        foreach (var route in lfo.CcDepths)
        {
            double v = route.Amount * StartValue(route.Controller, cc);
            switch (route.Target)
            {
                case Model.LfoCcTarget.DelaySeconds: delaySeconds += v; break;
                case Model.LfoCcTarget.FadeSeconds: fadeSeconds += v; break;
                case Model.LfoCcTarget.Phase: phase += v; break;
                default: break;
            }
        }

        double rate = Region!.OutputRate;
        int delay = (int)Math.Clamp(lfo.DelayFrames + (delaySeconds * rate), 0, int.MaxValue / 4);
        int fade = (int)Math.Clamp(lfo.FadeFrames + (fadeSeconds * rate), 0, int.MaxValue / 4);
        _flexLfos[index].Start(delay, fade, (float)(phase - Math.Floor(phase)));
    }
}

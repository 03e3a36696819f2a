using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>Resolves ARIA's envelope controller curves (ampeg_*_curveccN, fileg_*, pitcheg_*) once every &lt;curve&gt; is read.</summary>
internal sealed partial class SfzInstrumentBuilder
{
    private readonly List<(int Region, Dictionary<(int Envelope, EnvelopeParameter Parameter, int Controller), int> Curves, SfzLocation At)> _envelopeCcCurveUsers = [];

    /// <summary>Gives each envelope controller route the curve table its *_curveccN names; a curve without a route does nothing.</summary>
    private void ResolveEnvelopeCcCurves()
    {
        foreach (var (regionIndex, curves, at) in _envelopeCcCurveUsers)
        {
            var region = _regions[regionIndex];
            var amp = region.AmpEnvelopeModulation.Controllers.ToArray();
            var filter = region.FilterEnvelopeModulation.Controllers.ToArray();
            var pitch = region.PitchEnvelopeModulation.Controllers.ToArray();
            foreach (var ((envelope, parameter, controller), index) in curves)
            {
                float[]? table = _curves.GetValueOrDefault(index) ?? PredefinedCurve(index);
                if (table is null)
                {
                    Warn(at, $"curve {index} is not defined (no <curve> with curve_index={index}); the controller acts linearly");
                    continue;
                }

                var routes = envelope switch { 0 => amp, 1 => filter, _ => pitch };
                int r = Array.FindIndex(routes, x => x.Stage == parameter && x.Controller == controller);
                if (r >= 0)
                    routes[r] = routes[r] with { Curve = table };
            }

            _regions[regionIndex] = region with
            {
                AmpEnvelopeModulation = region.AmpEnvelopeModulation with { Controllers = amp },
                FilterEnvelopeModulation = region.FilterEnvelopeModulation with { Controllers = filter },
                PitchEnvelopeModulation = region.PitchEnvelopeModulation with { Controllers = pitch },
            };
        }
    }
}

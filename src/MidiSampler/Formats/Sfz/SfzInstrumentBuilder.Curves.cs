using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// &lt;curve&gt; headers (sfz.org, "curve" header; ARIA and sfizz): <c>curve_index</c> names a curve, <c>vNNN</c> set
/// its value at controller value NNN; points not given are interpolated linearly between the given ones, with v000 = 0
/// and v127 = 1 unless set (as sfizz builds a curve from a header). Curves 0..6 are predefined as in ARIA/sfizz and may
/// be redefined. Regions name curves with <c>*_curveccN</c>; the names are resolved once the file has been read, so a
/// curve may be defined after the regions that use it.
/// </summary>
internal sealed partial class SfzInstrumentBuilder
{
    private const int CurvePoints = 128;
    private readonly Dictionary<int, float[]> _curves = [];
    private readonly List<(int Region, Dictionary<(ModulationTarget Target, int Controller), int> Curves, SfzLocation At)> _curveUsers = [];
    private readonly double?[] _curvePoints = new double?[CurvePoints];
    private bool _inCurve;
    private int _curveIndex = -1;
    private SfzLocation _curveLocation;

    /// <summary>The predefined curve <paramref name="index"/> (0..6), or null (sfizz Curve::buildPredefinedCurve; ARIA).</summary>
    internal static float[]? PredefinedCurve(int index)
    {
        Func<double, double>? f = index switch
        {
            0 => x => x,                    // linear 0..1
            1 => x => (2 * x) - 1,          // bipolar -1..1
            2 => x => 1 - x,                // linear inverted 1..0
            3 => x => 1 - (2 * x),          // bipolar inverted 1..-1
            4 => x => x * x,                // x²
            5 => Math.Sqrt,                 // √x
            6 => x => Math.Sqrt(1 - x),     // √(1 - x)
            _ => null,
        };
        if (f is null)
            return null;
        var table = new float[CurvePoints];
        for (int i = 0; i < CurvePoints; i++)
            table[i] = (float)f(i / 127.0);
        return table;
    }

    private void StartCurve(SfzLocation location)
    {
        _inCurve = true;
        _curveIndex = -1;
        _curveLocation = location;
        Array.Clear(_curvePoints);
    }

    private void ApplyCurve(SfzOpcode op)
    {
        if (op.Name == "curve_index")
        {
            if (TryInt(op, 0, 255, out int index))
                _curveIndex = index;
            return;
        }

        string name = op.Name;
        if (name.Length is >= 2 and <= 4 && name[0] == 'v' && name.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            int point = int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            if (point >= CurvePoints)
            {
                WarnValue(op, "names a point beyond v127");
                return;
            }

            if (TryNumber(op, out _))
                _curvePoints[point] = Clamped(op, -1, 1, 0);
            return;
        }

        ReportUnhandled(op, "<curve>");
    }

    private void FinishCurve()
    {
        if (!_inCurve)
            return;
        _inCurve = false;
        if (_curveIndex < 0)
        {
            Warn(_curveLocation, "<curve> without curve_index ignored");
            return;
        }

        var points = (double?[])_curvePoints.Clone();
        points[0] ??= 0;
        points[CurvePoints - 1] ??= 1;
        var table = new float[CurvePoints];
        int previous = 0;
        for (int i = 1; i < CurvePoints; i++)
        {
            if (points[i] is not double value)
                continue;
            double from = points[previous]!.Value;
            for (int j = previous; j <= i; j++)
                table[j] = (float)(from + ((value - from) * (j - previous) / (i - previous)));
            previous = i;
        }

        _curves[_curveIndex] = table; // a later definition of the same index wins, as later opcodes do
    }

    /// <summary>Gives each region's controller modulations the curve tables their *_curveccN name (after the whole file).</summary>
    private void ResolveCurves()
    {
        foreach (var (regionIndex, curves, at) in _curveUsers)
        {
            var region = _regions[regionIndex];
            var modulations = region.CcModulations.ToArray();
            foreach (var ((target, controller), index) in curves)
            {
                float[]? table = _curves.GetValueOrDefault(index) ?? PredefinedCurve(index);
                if (table is null)
                {
                    Warn(at, $"curve {index} is not defined (no <curve> with curve_index={index}); the controller acts linearly");
                    continue;
                }

                int m = Array.FindIndex(modulations, x => x.Target == target && x.Controller == controller);
                if (m >= 0)
                    modulations[m] = modulations[m] with { Curve = table };
            }

            _regions[regionIndex] = region with { CcModulations = modulations };
        }

        ResolveEnvelopeCurves();
        ResolveEnvelopeCcCurves();
    }
}

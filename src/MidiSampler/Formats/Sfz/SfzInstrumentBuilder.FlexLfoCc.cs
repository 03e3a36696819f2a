using System.Globalization;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>SFZ v2 LFO controller routes: lfoN_freq_onccX, the depth routes lfoN_pitch/volume/amplitude/cutoff/pan_onccX, and lfoN_delay/fade/phase_onccX read at note-on.</summary>
internal sealed partial class SfzInstrumentBuilder
{
    /// <summary>Maps <c>lfoN_&lt;target&gt;_onccX</c>; false when the name is not of that form or names another target.</summary>
    private bool ApplyFlexLfoCc(SfzRegionDraft d, SfzOpcode op)
    {
        string name = op.Name;
        int at = name.LastIndexOf("_oncc", StringComparison.Ordinal);
        if (!name.StartsWith("lfo", StringComparison.Ordinal) || at < 0)
            return false;
        int end = 3;
        while (end < name.Length && char.IsAsciiDigit(name[end]))
            end++;
        if (end == 3 || end > 5 || end >= at || name[end] != '_')
            return false;
        string digits = name[(at + 5)..];
        if (digits.Length is 0 or > 3 || !digits.All(char.IsAsciiDigit))
            return false;
        (LfoCcTarget Target, double Min, double Max)? target = name[(end + 1)..at] switch
        {
            "freq" => (LfoCcTarget.FrequencyHz, -100, 100),
            "pitch" => (LfoCcTarget.PitchCents, -9600, 9600),
            "volume" => (LfoCcTarget.VolumeDb, -144, 48),
            "amplitude" => (LfoCcTarget.AmplitudePercent, -100, 100),
            "cutoff" => (LfoCcTarget.CutoffCents, -9600, 9600),
            "pan" => (LfoCcTarget.PanPercent, -200, 200),
            "delay" => (LfoCcTarget.DelaySeconds, -100, 100),
            "fade" => (LfoCcTarget.FadeSeconds, -100, 100),
            "phase" => (LfoCcTarget.Phase, -1, 1),
            _ => null,
        };
        if (target is not var (t, min, max))
            return false; // another lfoN_*_onccX: reported as unsupported by the caller
        int n = int.Parse(name.AsSpan(3, end - 3), CultureInfo.InvariantCulture);
        int controller = int.Parse(digits, CultureInfo.InvariantCulture);
        if (n is < 1 or > 32)
        {
            WarnValue(op, "names an LFO outside 1..32");
            return true;
        }

        if (controller > 127 && SfzExtendedControllers.Describe(controller) is null)
        {
            WarnValue(op, SfzExtendedControllers.OutOfRangeMessage(controller));
            return true;
        }

        double amount = Clamped(op, min, max, double.NaN);
        if (double.IsNaN(amount))
            return true;
        var lfo = d.FlexLfos.GetValueOrDefault(n) ?? new FlexLfo();
        var routes = lfo.CcDepths.Where(c => c.Target != t || c.Controller != controller).Append(new LfoCcDepth(t, controller, amount)).ToArray();
        d.FlexLfos[n] = lfo with { Number = n, CcDepths = routes };
        return true;
    }
}

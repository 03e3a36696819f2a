namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Controller numbers 142..511 (sfizz keeps 512 controllers; ARIA's extended sources are 128..141). MIDI cannot send
/// them, so only <c>set_ccN</c>/<c>set_hdccN</c>/<c>set_realccN</c> give them a value, which then never changes: a
/// <c>loccN</c>/<c>hiccN</c> condition on one is decided once the whole file is read, with the default at full
/// precision (<c>set_hdcc142=0.1234</c> is 15.67 on the 0..127 scale, not a rounded 16). A region whose condition
/// fails is dropped with a warning; one whose condition holds plays as if it had none. Libraries use such numbers as
/// fixed configuration switches. Routes (<c>*_onccN</c>) on them are not supported.
/// </summary>
internal sealed partial class SfzInstrumentBuilder
{
    /// <summary>The highest controller number read (sfizz's config::numCCs is 512).</summary>
    private const int MaxControllerNumber = 511;

    private readonly Dictionary<int, double> _highControllers = [];

    private static bool IsHighController(int controller) => controller is > 141 and <= MaxControllerNumber;

    /// <summary>set_ccN / set_hdccN / set_realccN for N in 142..511: the value on the 0..127 scale, unrounded.</summary>
    private void SetHighController(SfzOpcode op, int controller, bool hd)
    {
        double value = hd ? Clamped(op, 0, 1, double.NaN) * 127 : Clamped(op, 0, 127, double.NaN);
        if (!double.IsNaN(value))
            _highControllers[controller] = value;
    }

    /// <summary>Whether a region's conditions on controllers 142..511 hold for the file's fixed defaults (0 when not set).</summary>
    private bool HighControllerConditionsHold(SfzRegionDraft draft, SfzLocation at)
    {
        foreach (var (controller, (low, high)) in draft.HighCcRanges)
        {
            double value = _highControllers.GetValueOrDefault(controller);
            if (value < low || value > high)
            {
                Warn(at, $"region never plays: controller {controller} is fixed at {value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} "
                    + $"(only set_cc{controller} sets a controller above 127), outside locc{controller}={low}..hicc{controller}={high}; skipped");
                return false;
            }
        }

        return true;
    }
}

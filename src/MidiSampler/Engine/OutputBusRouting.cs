using System.Globalization;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// What per-output buses (<see cref="SamplerConfig.OutputBuses"/>) make of an instrument's SFZ <c>output</c> numbers: the
/// bus each output plays on, and the report a host prints when an instrument uses more outputs than there are buses.
/// Any thread (pure functions of immutable data).
/// </summary>
public static class OutputBusRouting
{
    /// <summary>The bus SFZ output <paramref name="output"/> plays on with <paramref name="buses"/> buses (1..16): itself, or the last bus.</summary>
    public static int BusOf(int output, int buses) => Math.Clamp(output, 0, Math.Max(1, buses) - 1);

    /// <summary>The highest SFZ <c>output</c> of the instrument's regions (0 when none sets one).</summary>
    public static int HighestOutput(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        int highest = 0;
        foreach (var region in instrument.Regions)
            highest = Math.Max(highest, region.Output);
        return highest;
    }

    /// <summary>
    /// The report for an instrument whose regions use outputs at or beyond <paramref name="buses"/> (they then share the
    /// last bus), or null when every output has its own bus or buses are off (0).
    /// </summary>
    public static string? Warning(Instrument instrument, int buses)
    {
        if (buses <= 0)
            return null;
        int highest = HighestOutput(instrument);
        if (highest < buses)
            return null;
        int last = buses - 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"{instrument.Name}: regions use SFZ outputs up to {highest} but there are {buses} output buses: outputs {last + 1}..{highest} play on output {last} (raise --outputs, at most {SamplerConfig.MaxOutputBuses})");
    }
}

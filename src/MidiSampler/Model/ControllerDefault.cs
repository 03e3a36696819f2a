namespace MidiSampler.Model;

/// <summary>A controller's value when the instrument is installed (SFZ v2 <c>set_ccN</c>, ARIA <c>set_hdccN</c>).</summary>
/// <param name="Controller">MIDI controller 0..127.</param>
/// <param name="Value">Value 0..127 (for <c>set_hdccN</c>, the nearest 7-bit value).</param>
public readonly record struct ControllerDefault(int Controller, int Value)
{
    /// <summary>
    /// The full-precision value 0..1 of <c>set_hdccN</c>/<c>set_realccN</c> (0.1234 is not rounded to 16/127), which the
    /// controller routes read; <c>null</c> for a plain <c>set_ccN</c>.
    /// </summary>
    public double? Normalized { get; init; }
}

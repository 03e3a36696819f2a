namespace MidiSampler.Model;

/// <summary>A controller's value when the instrument is installed (SFZ v2 <c>set_ccN</c>, ARIA <c>set_hdccN</c>).</summary>
/// <param name="Controller">MIDI controller 0..127.</param>
/// <param name="Value">Value 0..127.</param>
public readonly record struct ControllerDefault(int Controller, int Value);

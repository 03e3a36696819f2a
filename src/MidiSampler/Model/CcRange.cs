namespace MidiSampler.Model;

/// <summary>A condition on a controller's current value (SFZ <c>loccN</c>/<c>hiccN</c>): the region plays only inside it.</summary>
/// <param name="Controller">MIDI controller 0..127.</param>
/// <param name="Low">Lowest value, inclusive.</param>
/// <param name="High">Highest value, inclusive.</param>
public readonly record struct CcRange(int Controller, int Low, int High);

namespace MidiSampler.Model;

/// <summary>A point of a velocity-to-gain curve (SFZ <c>amp_velcurve_N</c>).</summary>
/// <param name="Velocity">1..127.</param>
/// <param name="Gain">Linear gain 0..1 at that velocity.</param>
public readonly record struct VelocityPoint(int Velocity, double Gain);

using MidiSampler.Dsp;

namespace MidiSampler.Model;

/// <summary>
/// One input of a <see cref="ModulatorRoute"/>: what it reads and how the reading becomes 0..1 (unipolar) or -1..1
/// (bipolar), as a SoundFont 2 modulator source (section 8.2: index, CC flag, direction, polarity, curve). Evaluated by
/// the engine (MidiSampler.Dsp.ModulatorCurve, as FluidSynth). Any thread: immutable.
/// </summary>
/// <param name="Kind">What is read.</param>
/// <param name="Controller">The MIDI CC number when <paramref name="Kind"/> is <see cref="ModulatorSourceKind.Controller"/>.</param>
/// <param name="Shape">The curve.</param>
/// <param name="Negative">True: the source runs from maximum to minimum (the D flag).</param>
/// <param name="Bipolar">True: -1..1 (the P flag), else 0..1.</param>
public readonly record struct ModulatorSource(ModulatorSourceKind Kind, int Controller = 0, ModulatorCurveShape Shape = ModulatorCurveShape.Linear,
    bool Negative = false, bool Bipolar = false)
{
    /// <summary>No source (an absent amount source): the constant 1.</summary>
    public static ModulatorSource None => default;

    /// <summary>True when the value cannot change after note-on (velocity, key, none): such a route is a note-on constant.</summary>
    public bool FixedAtNoteOn => Kind is ModulatorSourceKind.None or ModulatorSourceKind.Velocity or ModulatorSourceKind.Key;

    /// <summary>
    /// The mapped value for the reading <paramref name="value"/> out of <paramref name="range"/> (128, or 16384 for the
    /// pitch wheel), through <see cref="ModulatorCurve"/>; an absent source is 1. Any thread; no allocation.
    /// </summary>
    internal float Evaluate(int value, int range) =>
        Kind == ModulatorSourceKind.None ? 1 : ModulatorCurve.Evaluate(Shape, Negative, Bipolar, value, range);
}

namespace MidiSampler.Model;

/// <summary>
/// An instrument's effect buses (SFZ v2 <c>&lt;effect&gt;</c> headers): the effects of each bus in order, and the levels
/// at which the buses reach the instrument's output. Immutable.
/// </summary>
/// <remarks>
/// The signal flow is sfizz's reading of the SFZ v2 effect model (as it plays Cakewalk Rapture/ARIA instruments): every
/// voice feeds the main bus at full level and effect bus N at its region's <c>effectN</c>; each bus runs its effects in
/// order; the main bus reaches the output at <see cref="DirectToMainPercent"/>, effect bus N at
/// <see cref="FxToMainPercent"/> plus <see cref="FxToMixPercent"/> (the "Mix" node, which, as in sfizz, is summed into
/// the output). Threads: any.
/// </remarks>
public sealed class InstrumentEffects
{
    /// <summary>Creates the set. Control thread.</summary>
    /// <param name="effects">The effects, in file order.</param>
    /// <param name="directToMainPercent">Level of the main bus into the output, 0..100 (<c>directtomain</c>, default 100).</param>
    /// <param name="fxToMainPercent">Per effect bus 1..4, its level into the output, 0..100 (<c>fxNtomain</c>, default 0).</param>
    /// <param name="fxToMixPercent">Per effect bus 1..4, its level into the Mix node, 0..100 (<c>fxNtomix</c>, default 0).</param>
    public InstrumentEffects(IReadOnlyList<EffectDefinition> effects, double directToMainPercent, IReadOnlyList<double> fxToMainPercent, IReadOnlyList<double> fxToMixPercent)
    {
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(fxToMainPercent);
        ArgumentNullException.ThrowIfNull(fxToMixPercent);
        if (fxToMainPercent.Count != 4 || fxToMixPercent.Count != 4)
            throw new ArgumentException("one level per effect bus 1..4 is needed");
        Effects = effects.ToArray();
        DirectToMainPercent = directToMainPercent;
        FxToMainPercent = fxToMainPercent.ToArray();
        FxToMixPercent = fxToMixPercent.ToArray();
    }

    /// <summary>The effects, in file order (the order they run in on their bus).</summary>
    public IReadOnlyList<EffectDefinition> Effects { get; }

    /// <summary>Level of the main bus into the output, in percent (SFZ v2 <c>directtomain</c>).</summary>
    public double DirectToMainPercent { get; }

    /// <summary>Level of effect buses 1..4 (index 0..3) into the output, in percent (SFZ v2 <c>fxNtomain</c>).</summary>
    public IReadOnlyList<double> FxToMainPercent { get; }

    /// <summary>Level of effect buses 1..4 (index 0..3) into the Mix node, in percent (SFZ v2 <c>fxNtomix</c>).</summary>
    public IReadOnlyList<double> FxToMixPercent { get; }
}

namespace MidiSampler.Model;

/// <summary>
/// The bus an instrument's effect sits on (SFZ v2 <c>bus</c> of an <c>&lt;effect&gt;</c> header). The main bus carries
/// every voice's direct sound; the four effect buses are fed by the regions' sends (<c>effect1</c>..<c>effect4</c>).
/// </summary>
public enum EffectBus
{
    /// <summary>The main bus (<c>bus=main</c>, the default): every voice's output, before <c>directtomain</c>.</summary>
    Main,

    /// <summary>Effect bus 1 (<c>bus=fx1</c>), fed by the regions' <c>effect1</c> sends.</summary>
    Fx1,

    /// <summary>Effect bus 2 (<c>bus=fx2</c>), fed by <c>effect2</c>.</summary>
    Fx2,

    /// <summary>Effect bus 3 (<c>bus=fx3</c>), fed by <c>effect3</c>.</summary>
    Fx3,

    /// <summary>Effect bus 4 (<c>bus=fx4</c>), fed by <c>effect4</c>.</summary>
    Fx4,
}

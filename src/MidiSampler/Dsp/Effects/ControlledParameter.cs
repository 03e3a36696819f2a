namespace MidiSampler.Dsp.Effects;

/// <summary>
/// One effect parameter that MIDI controllers may move: a base value plus, per controller, a depth reached at
/// controller value 127 (SFZ's <c>*_onccN</c>), the sum clamped to a range. Values are in the opcode's own unit
/// (percent, seconds, Hz, dB).
/// </summary>
/// <remarks>
/// Design: built once on the control thread; <see cref="Target"/> is a short loop over preallocated arrays, so the
/// audio thread can call it on every run. The effect glides to the target (see <see cref="ParameterSmoother"/>), so a
/// controller step never becomes an audio step. Threads: construct on the control thread; read from any thread.
/// </remarks>
public sealed class ControlledParameter
{
    private readonly int[] _controllers;
    private readonly double[] _depths;

    /// <summary>Creates the parameter. Control thread.</summary>
    /// <param name="baseValue">The value with every listed controller at 0.</param>
    /// <param name="min">Lowest value the sum may take.</param>
    /// <param name="max">Highest value the sum may take.</param>
    /// <param name="controllerDepths">Per controller (0..127), the amount added at controller value 127.</param>
    public ControlledParameter(double baseValue, double min, double max, IReadOnlyList<(int Controller, double Depth)>? controllerDepths = null)
    {
        if (!(min <= max))
            throw new ArgumentException("min must not exceed max", nameof(min));
        Min = min;
        Max = max;
        BaseValue = Math.Clamp(baseValue, min, max);
        controllerDepths ??= [];
        _controllers = new int[controllerDepths.Count];
        _depths = new double[controllerDepths.Count];
        for (int i = 0; i < controllerDepths.Count; i++)
        {
            _controllers[i] = Math.Clamp(controllerDepths[i].Controller, 0, 127);
            _depths[i] = controllerDepths[i].Depth;
        }
    }

    /// <summary>The value with all controllers at 0 (already inside the range).</summary>
    public double BaseValue { get; }

    /// <summary>Lowest value.</summary>
    public double Min { get; }

    /// <summary>Highest value.</summary>
    public double Max { get; }

    /// <summary>Whether any controller moves the value.</summary>
    public bool HasControllers => _controllers.Length > 0;

    /// <summary>The controllers that move the value, in the order given.</summary>
    public IReadOnlyList<int> Controllers => _controllers;

    /// <summary>The highest value any controller setting can produce.</summary>
    public double Highest
    {
        get
        {
            double v = BaseValue;
            foreach (double d in _depths)
                v += Math.Max(0, d);
            return Math.Clamp(v, Min, Max);
        }
    }

    /// <summary>The lowest value any controller setting can produce.</summary>
    public double Lowest
    {
        get
        {
            double v = BaseValue;
            foreach (double d in _depths)
                v += Math.Min(0, d);
            return Math.Clamp(v, Min, Max);
        }
    }

    /// <summary>A parameter no controller moves.</summary>
    public static ControlledParameter Constant(double value) => new(value, value, value);

    /// <summary>
    /// The value for the controller values <paramref name="controllers"/> (0..127; missing entries read as 0).
    /// Audio thread: no allocation.
    /// </summary>
    public float Target(ReadOnlySpan<byte> controllers)
    {
        double v = BaseValue;
        for (int i = 0; i < _controllers.Length; i++)
        {
            int cc = _controllers[i];
            if (cc < controllers.Length)
                v += _depths[i] * (Math.Min(controllers[cc], (byte)127) * (1.0 / 127));
        }

        return (float)Math.Clamp(v, Min, Max);
    }
}

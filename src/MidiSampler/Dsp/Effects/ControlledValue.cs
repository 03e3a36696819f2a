namespace MidiSampler.Dsp.Effects;

/// <summary>
/// A bus effect's parameter: a base value plus MIDI controller depths (SFZ <c>*_onccN</c>: the controller's 0..1 value
/// times its depth is added), clamped to the parameter's range. Immutable; read on the audio thread.
/// </summary>
internal sealed class ControlledValue
{
    private readonly int[] _controllers;
    private readonly float[] _depths;

    /// <summary>A value with controller depths. Control thread.</summary>
    public ControlledValue(double baseValue, IReadOnlyList<(int Controller, double Depth)> controllers, double min, double max)
    {
        Base = (float)baseValue;
        Min = (float)min;
        Max = (float)max;
        _controllers = [.. controllers.Select(c => c.Controller)];
        _depths = [.. controllers.Select(c => (float)c.Depth)];
    }

    /// <summary>A fixed value. Control thread.</summary>
    public ControlledValue(double value)
        : this(value, [], double.MinValue, double.MaxValue)
    {
    }

    /// <summary>The value without controllers.</summary>
    public float Base { get; }

    /// <summary>Lowest value the controllers may reach.</summary>
    public float Min { get; }

    /// <summary>Highest value the controllers may reach.</summary>
    public float Max { get; }

    /// <summary>True when some controller moves the value.</summary>
    public bool IsModulated => _controllers.Length > 0;

    /// <summary>The value for these controller values (128 entries, 0..127). Audio thread.</summary>
    public float Value(ReadOnlySpan<byte> controllers)
    {
        if (_controllers.Length == 0)
            return Base;
        float v = Base;
        for (int i = 0; i < _controllers.Length; i++)
        {
            int cc = _controllers[i];
            if ((uint)cc < (uint)controllers.Length)
                v += controllers[cc] * (1f / 127f) * _depths[i];
        }

        return Math.Clamp(v, Min, Max);
    }
}

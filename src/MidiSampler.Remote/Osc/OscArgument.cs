namespace MidiSampler.Remote.Osc;

/// <summary>One argument of an OSC message: its type tag and its value (int, float, string, blob, true/false/nil).</summary>
/// <param name="Tag">The OSC 1.0 type tag: 'i', 'f', 's', 'b', 'h', 'd', 'T', 'F', 'N'.</param>
/// <param name="Value">The value: int, float, string, byte[], long, double, bool, or null for nil.</param>
public readonly record struct OscArgument(char Tag, object? Value)
{
    /// <summary>The value as a number when it is one (int, float, long, double; true/false as 1/0), else null.</summary>
    public double? AsNumber() => Value switch
    {
        int i => i,
        float f => f,
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => null,
    };

    /// <summary>The value as a whole number when it is one (a float with no fraction counts), else null.</summary>
    public int? AsInt() => AsNumber() is { } n && n == Math.Floor(n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;

    /// <summary>The value as a string when it is one, else null.</summary>
    public string? AsString() => Value as string;
}

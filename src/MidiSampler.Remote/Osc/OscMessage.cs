namespace MidiSampler.Remote.Osc;

/// <summary>An OSC message: an address pattern such as <c>/ms/gain</c> and its arguments.</summary>
/// <param name="Address">The address, starting with '/'.</param>
/// <param name="Arguments">The arguments in order.</param>
public sealed record OscMessage(string Address, IReadOnlyList<OscArgument> Arguments)
{
    /// <summary>A message with these arguments (ints, floats, strings, bools, longs, doubles, byte arrays).</summary>
    public static OscMessage Create(string address, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var arguments = new OscArgument[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            arguments[i] = values[i] switch
            {
                int v => new OscArgument('i', v),
                float v => new OscArgument('f', v),
                double v => new OscArgument('d', v),
                long v => new OscArgument('h', v),
                string v => new OscArgument('s', v),
                byte[] v => new OscArgument('b', v),
                bool v => new OscArgument(v ? 'T' : 'F', v),
                null => new OscArgument('N', null),
                var other => throw new ArgumentException($"OSC has no type for {other.GetType().Name}", nameof(values)),
            };
        }

        return new OscMessage(address, arguments);
    }
}

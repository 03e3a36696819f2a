using System.Globalization;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// The opcodes of one SFZ <c>&lt;effect&gt;</c> header, read by the factory of its effect type: typed getters that
/// clamp out-of-range values and warn with the opcode's file and line, and a record of which opcodes were used so the
/// header's leftovers can be reported as unknown.
/// </summary>
/// <remarks>
/// Design: the builder collects the header's opcodes as text (as the parser reported them) and hands them over when the
/// header ends; each effect type's factory asks for the values it knows, by name, with its default and range (units as
/// on sfz.org's effect pages). A later duplicate of an opcode wins, as everywhere in SFZ. Threads: control or loader
/// thread.
/// </remarks>
internal sealed class SfzEffectOpcodes
{
    private readonly Dictionary<string, SfzOpcode> _opcodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Action<SfzLocation, string> _warn;

    /// <summary>Creates the set from the header's opcodes in file order; <paramref name="warn"/> reports a problem at a place.</summary>
    public SfzEffectOpcodes(SfzLocation headerLocation, IEnumerable<SfzOpcode> opcodes, Action<SfzLocation, string> warn)
    {
        Location = headerLocation;
        _warn = warn;
        foreach (var op in opcodes)
            _opcodes[op.Name] = op;
        Type = Text("type")?.ToLowerInvariant() ?? "";
    }

    /// <summary>Where the <c>&lt;effect&gt;</c> header starts.</summary>
    public SfzLocation Location { get; }

    /// <summary>The effect's <c>type</c> opcode, lower case ("" when absent).</summary>
    public string Type { get; }

    /// <summary>Whether the header sets <paramref name="name"/> (marks it used).</summary>
    public bool Has(string name)
    {
        bool has = _opcodes.ContainsKey(name);
        if (has)
            _used.Add(name);
        return has;
    }

    /// <summary>The text of <paramref name="name"/>, or null when absent (marks it used).</summary>
    public string? Text(string name)
    {
        if (!_opcodes.TryGetValue(name, out var op))
            return null;
        _used.Add(name);
        return op.Value;
    }

    /// <summary>
    /// The number set by <paramref name="name"/>, clamped to [<paramref name="min"/>, <paramref name="max"/>] with a
    /// warning; <paramref name="defaultValue"/> when absent, or with a warning when it is not a finite number.
    /// </summary>
    public double Number(string name, double defaultValue, double min, double max)
    {
        if (!_opcodes.TryGetValue(name, out var op))
            return defaultValue;
        _used.Add(name);
        return Parse(op, defaultValue, min, max);
    }

    /// <summary>
    /// The controller depths <c>{prefix}_onccN=depth</c> (also the SFZ v1 spelling <c>{prefix}_ccN</c>) for
    /// N in 0..127, in controller order, each depth clamped to [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public IReadOnlyList<(int Controller, double Depth)> ControllerDepths(string prefix, double min, double max)
    {
        var found = new SortedDictionary<int, double>();
        foreach (var (name, op) in _opcodes)
        {
            int cc = ControllerSuffix(name, prefix + "_oncc");
            if (cc < 0)
                cc = ControllerSuffix(name, prefix + "_cc");
            if (cc < 0)
                continue;
            _used.Add(name);
            found[cc] = Parse(op, 0, min, max);
        }

        return [.. found.Select(p => (p.Key, p.Value))];
    }

    /// <summary>The opcodes no factory asked for, in file order, for the builder to report as unknown.</summary>
    public IEnumerable<SfzOpcode> Unused() =>
        _opcodes.Values.Where(op => !_used.Contains(op.Name)).OrderBy(op => op.Location.Line).ThenBy(op => op.Location.Column);

    /// <summary>Reports a problem with this effect at the header's place.</summary>
    public void Warn(string message) => _warn(Location, message);

    private double Parse(SfzOpcode op, double defaultValue, double min, double max)
    {
        if (!double.TryParse(op.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            _warn(op.Location, $"'{op.Name}={op.Value}' is not a number; using {defaultValue.ToString(CultureInfo.InvariantCulture)}");
            return defaultValue;
        }

        if (value < min || value > max)
        {
            double clamped = Math.Clamp(value, min, max);
            _warn(op.Location, $"'{op.Name}={op.Value}' is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}; using {clamped.ToString(CultureInfo.InvariantCulture)}");
            return clamped;
        }

        return value;
    }

    private static int ControllerSuffix(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length)
            return -1;
        return int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int cc) && cc is >= 0 and <= 127 ? cc : -1;
    }
}

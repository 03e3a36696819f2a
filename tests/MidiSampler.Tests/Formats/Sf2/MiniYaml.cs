namespace MidiSampler.Tests.Formats.Sf2;

/// <summary>
/// Just enough YAML for the FluidSynth dump: block mappings, block sequences of mappings (also at the same indent as
/// their key) and plain scalars split at the first ": ". No quoting, flow style, anchors or multi-line scalars (the dump
/// has none; the reader fails loudly on a line it does not understand).
/// </summary>
internal static class MiniYaml
{
    public static object Parse(string text)
    {
        var lines = new List<(int Indent, string Text, int Number)>();
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                continue;
            int indent = line.Length - line.TrimStart(' ').Length;
            lines.Add((indent, line[indent..], number));
        }

        int position = 0;
        var result = ParseBlock(lines, ref position, lines.Count > 0 ? lines[0].Indent : 0);
        if (position != lines.Count)
            throw new FormatException($"line {lines[position].Number}: unexpected indentation");
        return result;
    }

    private static object ParseBlock(List<(int Indent, string Text, int Number)> lines, ref int position, int indent)
    {
        if (lines[position].Text.StartsWith("- ", StringComparison.Ordinal))
        {
            var list = new List<object>();
            while (position < lines.Count && lines[position].Indent == indent && lines[position].Text.StartsWith("- ", StringComparison.Ordinal))
            {
                // "- key: value" opens a mapping whose keys sit two columns further in.
                var (_, text, n) = lines[position];
                lines[position] = (indent + 2, text[2..], n);
                list.Add(ParseBlock(lines, ref position, indent + 2));
            }

            return list;
        }

        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        while (position < lines.Count && lines[position].Indent == indent && !lines[position].Text.StartsWith("- ", StringComparison.Ordinal))
        {
            var (_, text, n) = lines[position];
            position++;
            int colon = text.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                map[text[..colon]] = text[(colon + 2)..];
                continue;
            }

            if (!text.EndsWith(':'))
                throw new FormatException($"line {n}: expected 'key: value' or 'key:'");
            string key = text[..^1];
            bool hasChild = position < lines.Count
                && (lines[position].Indent > indent || (lines[position].Indent == indent && lines[position].Text.StartsWith("- ", StringComparison.Ordinal)));
            map[key] = hasChild ? ParseBlock(lines, ref position, lines[position].Indent) : "";
        }

        return map;
    }
}

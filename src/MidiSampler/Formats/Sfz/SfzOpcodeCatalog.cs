using System.Collections.Frozen;
using System.Text;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Which SFZ opcodes exist (from the SFZ opcode database, see SfzOpcodeCatalog.Generated.cs) and which of them this
/// loader implements. <see cref="Implemented"/> is the single list a coverage table is generated from; the loader's
/// mapping switch and this list are kept equal by a test.
/// </summary>
/// <remarks>Threads: any (immutable).</remarks>
internal static partial class SfzOpcodeCatalog
{
    /// <summary>Opcodes (and aliases) the loader maps today, with the header they belong to.</summary>
    internal static readonly string[] Implemented =
    [
        // <region>/<group>/<master>/<global>
        "sample",
        "lokey", "hikey", "key", "lovel", "hivel", "lochan", "hichan",
        "pitch_keycenter", "pitch_keytrack", "tune_keytrack", "tune", "pitch", "transpose",
        "volume", "pan", "amp_veltrack",
        "loop_mode", "loopmode", "loop_start", "loopstart", "loop_end", "loopend", "offset", "end",
        "ampeg_delay", "ampeg_attack", "ampeg_hold", "ampeg_decay", "ampeg_sustain", "ampeg_release",
        "amp_delay", "amp_attack", "amp_hold", "amp_decay", "amp_sustain", "amp_release",
        "trigger", "seq_length", "seq_position", "group", "polyphony_group", "off_by", "offby",

        // <control>
        "default_path", "note_offset", "octave_offset",
    ];

    /// <summary>
    /// Looks an opcode up in the SFZ database, numbers generalised (<c>on_locc64</c> matches <c>on_loccN</c>).
    /// Returns the SFZ version that introduced it, or <c>null</c> when the database does not know it.
    /// </summary>
    public static string? SpecVersion(string opcode) =>
        ShapeIndex.Shapes.TryGetValue(Shape(opcode, placeholders: false), out string? version) ? version : null;

    /// <summary>
    /// The name with every run of digits (and, for database names, the placeholders N, NN, NNN, X) replaced by '#'.
    /// </summary>
    internal static string Shape(string name, bool placeholders)
    {
        var sb = new StringBuilder(name.Length);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool number = char.IsAsciiDigit(c) || (placeholders && c is 'N' or 'X');
            if (!number)
            {
                sb.Append(c);
                continue;
            }

            sb.Append('#');
            while (i + 1 < name.Length && (char.IsAsciiDigit(name[i + 1]) || (placeholders && name[i + 1] is 'N' or 'X')))
                i++;
        }

        return sb.ToString();
    }

    /// <summary>
    /// Built on first use in its own type: field initialisers of a partial class run in an unspecified file order,
    /// so an initialiser here must not read <see cref="SpecOpcodes"/> from the generated file.
    /// </summary>
    private static class ShapeIndex
    {
        internal static readonly FrozenDictionary<string, string> Shapes = Build();

        private static FrozenDictionary<string, string> Build()
        {
            var shapes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, version) in SpecOpcodes)
                shapes.TryAdd(Shape(name, placeholders: true), version);
            return shapes.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }
}

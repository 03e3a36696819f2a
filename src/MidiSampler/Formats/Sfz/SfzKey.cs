using System.Globalization;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Reads a MIDI key written as a number or a note name. SFZ convention (sfzformat.com, "Key Mapping"): middle C is
/// <c>c4</c> = 60, so <c>C-1</c> = 0 and <c>g9</c> = 127; names are case-insensitive, with '#' for sharp and 'b' for flat.
/// </summary>
/// <remarks>Threads: any.</remarks>
internal static class SfzKey
{
    private static readonly int[] PitchClass = [9, 11, 0, 2, 4, 5, 7]; // a b c d e f g

    /// <summary>
    /// Parses <paramref name="text"/>; the result may lie outside 0..127, which the caller checks (after applying
    /// note_offset and octave_offset). Returns false for anything that is neither an integer nor a note name.
    /// </summary>
    public static bool TryParse(string text, out int key)
    {
        key = 0;
        // A number first, read as sfizz does (its leading integer: "57Edge" is 57, "60.5" is 60), then a note name.
        if (SfzNumber.TryReadLeadingInteger(text, out long number, out _))
        {
            key = (int)Math.Clamp(number, -1_000_000, 1_000_000);
            return number is > -1_000_000 and < 1_000_000;
        }

        if (text.Length < 2)
            return false;
        char letter = char.ToLowerInvariant(text[0]);
        if (letter is < 'a' or > 'g')
            return false;
        int semitone = PitchClass[letter - 'a'];
        int i = 1;
        if (text[i] == '#')
        {
            semitone++;
            i++;
        }
        else if (text[i] is 'b' or 'B' && i + 1 < text.Length && (text[i + 1] == '-' || char.IsAsciiDigit(text[i + 1])))
        {
            semitone--;
            i++;
        }

        if (!int.TryParse(text.AsSpan(i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int octave)
            || octave is < -10 or > 20)
            return false;
        key = ((octave + 1) * 12) + semitone;
        return true;
    }
}

using System.Globalization;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Reads the number at the start of an opcode value, as sfizz and Sforzando do: <c>key=57Edge</c> is 57,
/// <c>lovel=10garbage</c> is 10, and a whole-number opcode reads only the integer part of <c>lokey=10.5</c>.
/// </summary>
/// <remarks>
/// The rule (sfizz src/sfizz/utility/StringViewHelpers.h, readLeadingInt / readLeadingFloat; described, not copied):
/// an optional sign, then digits; a real number may add '.' and digits, then 'e', an optional sign and digits. What
/// follows is ignored. With no digit at all there is no number. Threads: any.
/// </remarks>
internal static class SfzNumber
{
    /// <summary>Reads a leading integer; <paramref name="length"/> is how many characters it took.</summary>
    public static bool TryReadLeadingInteger(ReadOnlySpan<char> text, out long value, out int length)
    {
        int i = SkipSign(text, 0);
        int digitsStart = i;
        i = SkipDigits(text, i);
        length = i;
        value = 0;
        return i > digitsStart
            && long.TryParse(text[..i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a leading real number; <paramref name="length"/> is how many characters it took.</summary>
    public static bool TryReadLeadingReal(ReadOnlySpan<char> text, out double value, out int length)
    {
        int i = SkipSign(text, 0);
        int mantissaStart = i;
        i = SkipDigits(text, i);
        int digits = i - mantissaStart;
        if (i < text.Length && text[i] == '.')
        {
            int fractionStart = i + 1;
            int fractionEnd = SkipDigits(text, fractionStart);
            digits += fractionEnd - fractionStart;
            i = fractionEnd;
        }

        value = 0;
        length = 0;
        if (digits == 0)
            return false;
        // An exponent counts only when digits follow it ("1e" is 1 followed by text, "1e3" is 1000).
        if (i < text.Length && text[i] == 'e') // lower case only, as sfizz: "57Edge" is 57
        {
            int exponentDigits = SkipSign(text, i + 1);
            int exponentEnd = SkipDigits(text, exponentDigits);
            if (exponentEnd > exponentDigits)
                i = exponentEnd;
        }

        length = i;
        return double.TryParse(text[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Whether <paramref name="rest"/>, what follows a number, is only a fraction of zeros ("10.0" read as an integer).</summary>
    public static bool IsZeroFraction(ReadOnlySpan<char> rest)
    {
        if (rest.IsEmpty)
            return true;
        if (rest[0] != '.')
            return false;
        foreach (char c in rest[1..])
        {
            if (c != '0')
                return false;
        }

        return true;
    }

    private static int SkipSign(ReadOnlySpan<char> text, int i) => i < text.Length && text[i] is '+' or '-' ? i + 1 : i;

    private static int SkipDigits(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
            i++;
        return i;
    }
}

using System.Security.Cryptography;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// SFZ v2 <c>md5</c>: the MD5 fingerprint of the region's sample file, as 32 hexadecimal digits (sfz.org, md5). The loader
/// hashes the file once (per path, per load) and reports a mismatch with the file, the place and both fingerprints: the
/// library's sample is not the one it was made with (a damaged download, a different edition). The region still plays,
/// as a player cannot tell which file is right. Files embedded in <c>&lt;sample&gt;</c> headers and generators are not
/// checked. Control thread, at load.
/// </summary>
internal sealed partial class SfzInstrumentBuilder
{
    private readonly Dictionary<string, string?> _fileMd5 = new(StringComparer.Ordinal);

    /// <summary>md5=: 32 hexadecimal digits, kept lower-case; anything else is reported and ignored.</summary>
    private bool ApplyMd5(SfzRegionDraft d, SfzOpcode op)
    {
        if (op.Name != "md5")
            return false;
        string value = op.Value.Trim();
        if (value.Length == 32 && value.All(char.IsAsciiHexDigit))
            d.Md5 = value.ToLowerInvariant();
        else
            WarnValue(op, "is not an MD5 fingerprint (32 hexadecimal digits)");
        return true;
    }

    /// <summary>Compares a region's <c>md5</c> with its sample file's; reports a mismatch or an unreadable file.</summary>
    private void CheckMd5(SfzRegionDraft draft, string fullPath, SfzLocation at)
    {
        if (draft.Md5 is not { } expected)
            return;
        if (!_fileMd5.TryGetValue(fullPath, out string? actual))
        {
            try
            {
                using var stream = File.OpenRead(fullPath);
#pragma warning disable CA5351 // The SFZ format names MD5 as a file fingerprint; it is not used for security.
                actual = Convert.ToHexStringLower(MD5.HashData(stream));
#pragma warning restore CA5351
            }
            catch (IOException e)
            {
                Warn(at, $"md5: cannot read '{fullPath}' to check it: {e.Message}");
                actual = null;
            }
            catch (UnauthorizedAccessException e)
            {
                Warn(at, $"md5: cannot read '{fullPath}' to check it: {e.Message}");
                actual = null;
            }

            _fileMd5[fullPath] = actual;
        }

        if (actual is not null && actual != expected)
            Warn(at, $"md5: sample '{fullPath}' has MD5 {actual}, not the {expected} the file names: it differs from the library's original (played anyway)");
    }
}

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Finds the file an SFZ path names: backslashes become '/', relative paths start at a base directory, and when
/// the exact name does not exist each path segment is matched case-insensitively (libraries made on Windows and
/// macOS often spell a sample "Piano_C4.WAV" in the SFZ and "piano_c4.wav" on disk; sfizz does the same fallback).
/// </summary>
/// <remarks>Threads: control or loader thread; one instance per load (it caches directory listings, not thread-safe).</remarks>
internal sealed class SfzPathResolver
{
    private readonly Dictionary<string, string[]?> _listings = new(StringComparer.Ordinal);

    /// <summary>Turns SFZ path text into a relative or rooted path with '/' separators.</summary>
    public static string Normalise(string sfzPath) => sfzPath.Replace('\\', '/');

    /// <summary>Returns the full path of the existing file, or <c>null</c> when there is none (even ignoring case).</summary>
    public string? Resolve(string baseDirectory, string sfzPath)
    {
        string relative = Normalise(sfzPath);
        if (relative.Length == 0 || relative.Contains('\0', StringComparison.Ordinal))
            return null;
        string candidate;
        try
        {
            candidate = Path.GetFullPath(Path.IsPathRooted(relative) ? relative : Path.Combine(baseDirectory, relative));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        if (File.Exists(candidate))
            return candidate;
        return ResolveIgnoringCase(candidate);
    }

    /// <summary>Walks the path from its root, replacing each segment that does not exist by a case-insensitive match.</summary>
    private string? ResolveIgnoringCase(string fullPath)
    {
        string? root = Path.GetPathRoot(fullPath);
        if (string.IsNullOrEmpty(root))
            return null;
        string[] segments = fullPath[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        string current = root;
        for (int s = 0; s < segments.Length; s++)
        {
            bool last = s == segments.Length - 1;
            string exact = Path.Combine(current, segments[s]);
            if (last ? File.Exists(exact) : Directory.Exists(exact))
            {
                current = exact;
                continue;
            }

            string? match = null;
            foreach (string entry in List(current))
            {
                if (string.Equals(Path.GetFileName(entry), segments[s], StringComparison.OrdinalIgnoreCase)
                    && (last ? File.Exists(entry) : Directory.Exists(entry)))
                {
                    match = entry;
                    break;
                }
            }

            if (match is null)
                return null;
            current = match;
        }

        return File.Exists(current) ? current : null;
    }

    private string[] List(string directory)
    {
        if (!_listings.TryGetValue(directory, out string[]? entries))
        {
            try
            {
                entries = Directory.GetFileSystemEntries(directory);
                Array.Sort(entries, StringComparer.Ordinal); // deterministic choice when two names differ only in case
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                entries = null;
            }

            _listings[directory] = entries;
        }

        return entries ?? [];
    }
}

using System.Runtime.InteropServices;

namespace MidiSampler.Remote;

/// <summary>
/// The directories the remote may load instruments from, and the one check every remote load goes through: the
/// path, once every symbolic link is resolved, must lie inside one of them.
/// </summary>
/// <remarks>
/// Design: a request names a path below a root. Any ".." segment is refused outright (a path never needs one), then
/// the joined path is resolved with realpath(3), which follows every symbolic link on the way, and the result must
/// start with a root's own resolved path and a '/'. So neither "../../etc/passwd" nor a link in the library that
/// points at /etc can be loaded. The listing skips symbolic links altogether (an escaping one must not even be
/// shown); a link that stays inside can still be loaded by its path. Bounded: at most <see cref="MaxDepth"/>
/// directories deep and <see cref="MaxFiles"/> files.
/// </remarks>
public sealed partial class InstrumentLibrary
{
    /// <summary>How deep the listing goes below a root.</summary>
    public const int MaxDepth = 4;

    /// <summary>Files the listing shows at most.</summary>
    public const int MaxFiles = 2000;

    /// <summary>The file kinds the loader reads.</summary>
    private static readonly string[] Extensions = [".sfz", ".sf2", ".sf3", ".wav", ".flac", ".ogg", ".aif", ".aiff"];

    /// <summary>Resolves each directory now (it must exist). Control thread.</summary>
    /// <exception cref="ArgumentException">A directory does not exist.</exception>
    public InstrumentLibrary(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var roots = new List<string>();
        foreach (string d in directories)
        {
            string real = RealPath(d) ?? throw new ArgumentException($"instrument library '{d}' does not exist");
            if (!Directory.Exists(real))
                throw new ArgumentException($"instrument library '{d}' is not a directory");
            if (!roots.Contains(real, StringComparer.Ordinal))
                roots.Add(real);
        }

        Roots = roots;
    }

    /// <summary>The library directories, resolved. Any thread.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>The instrument files under every root (no symbolic links, at most <see cref="MaxFiles"/>). Any thread.</summary>
    public IReadOnlyList<LibraryEntry> List()
    {
        var entries = new List<LibraryEntry>();
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            MaxRecursionDepth = MaxDepth,
            AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden,
            IgnoreInaccessible = true,
        };
        for (int r = 0; r < Roots.Count && entries.Count < MaxFiles; r++)
        {
            var info = new DirectoryInfo(Roots[r]);
            foreach (var file in info.EnumerateFiles("*", options))
            {
                if (!Extensions.Contains(file.Extension, StringComparer.OrdinalIgnoreCase))
                    continue;
                entries.Add(new LibraryEntry(r, Path.GetRelativePath(Roots[r], file.FullName).Replace('\\', '/'), file.Length));
                if (entries.Count >= MaxFiles)
                    break;
            }
        }

        entries.Sort((a, b) => a.Root != b.Root ? a.Root.CompareTo(b.Root) : string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    /// <summary>
    /// The real path of <paramref name="path"/> (below root <paramref name="root"/>, or absolute), when it is an
    /// instrument file inside the library. Any thread.
    /// </summary>
    /// <exception cref="LibraryAccessException">Outside the library (403), or no such file (404).</exception>
    public string Resolve(string path, int root = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Length > 4096 || path.Contains('\0', StringComparison.Ordinal))
            throw new LibraryAccessException("an empty or malformed path");
        if (path.Split('/', '\\').Contains("..", StringComparer.Ordinal))
            throw new LibraryAccessException($"'{path}': '..' is not allowed; name a file inside the library");
        string joined;
        if (Path.IsPathRooted(path))
        {
            joined = path;
        }
        else
        {
            if (root < 0 || root >= Roots.Count)
                throw new LibraryAccessException($"library root {root} does not exist (0..{Roots.Count - 1})", 404);
            joined = Path.Join(Roots[root], path);
        }

        string full = Path.GetFullPath(joined);
        if (!Inside(full))
            throw new LibraryAccessException($"'{path}' is outside the instrument library");
        string? real = RealPath(full);
        if (real is null)
            throw new LibraryAccessException($"'{path}': no such file in the instrument library", 404);
        if (!Inside(real))
            throw new LibraryAccessException($"'{path}' leads outside the instrument library (a symbolic link)");
        if (!File.Exists(real))
            throw new LibraryAccessException($"'{path}' is not a file", 404);
        if (!Extensions.Contains(Path.GetExtension(real), StringComparer.OrdinalIgnoreCase))
            throw new LibraryAccessException($"'{path}' is not an instrument file ({string.Join(", ", Extensions)})");
        return real;
    }

    private bool Inside(string full)
    {
        foreach (string r in Roots)
        {
            if (full.StartsWith(r.EndsWith('/') ? r : r + "/", StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    /// <summary>realpath(3): every link resolved; null when the path does not exist.</summary>
    private static string? RealPath(string path)
    {
        nint resolved = realpath(path, 0);
        if (resolved == 0)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint realpath(string path, nint resolved);

    [LibraryImport("libc")]
    private static partial void free(nint pointer);
}

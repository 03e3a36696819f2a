using System.Text;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Tokenises SFZ text and reports headers, opcodes and problems to an <see cref="ISfzListener"/>.
/// Handles <c>//</c> and <c>/* */</c> comments, CR/LF/CRLF line ends, a UTF-8 byte order mark, opcode values that
/// contain spaces, <c>#define $NAME value</c> (substituted in opcode names, values and include paths) and
/// <c>#include "file"</c> (with a cycle guard, a depth limit and a total size budget).
/// Never throws for bad text: everything it cannot read becomes an <see cref="ISfzListener.OnDiagnostic"/> call.
/// </summary>
/// <remarks>
/// Design: a hand-written scanner over the whole file in memory, linear in the input (the look-ahead that ends a
/// value skips what it scanned). Value rule, as in the SFZ format pages and sfizz: a value runs to the end of the
/// line, a comment, a header, or the whitespace before the next <c>name=</c>; so <c>sample=My Piano C#4.wav</c>
/// keeps its spaces and '#'. Bounds: <see cref="MaxFileBytes"/> per file, <see cref="MaxTotalBytes"/> over all
/// includes, <see cref="MaxIncludeDepth"/> nested includes, <see cref="MaxExpandedChars"/> per substituted value,
/// <see cref="MaxExpansionWork"/> characters of substitution work in all, <see cref="MaxDiagnosticsPerFile"/> diagnostics per file. Threads: control or loader thread; allocates.
/// </remarks>
public static class SfzParser
{
    /// <summary>Largest single SFZ file read, in bytes (real instruments are a few MB at most).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Largest total of bytes parsed across the root file and every include.</summary>
    public const long MaxTotalBytes = 256L * 1024 * 1024;

    /// <summary>Deepest nesting of <c>#include</c>.</summary>
    public const int MaxIncludeDepth = 16;

    /// <summary>Longest text a <c>$NAME</c> substitution may produce.</summary>
    public const int MaxExpandedChars = 64 * 1024;

    /// <summary>
    /// Most work all <c>$NAME</c> substitutions of one load may do, in characters looked up or copied. A bound on one
    /// value (<see cref="MaxExpandedChars"/>) is not enough: <c>#define $A $A$A</c> repeated copies 64 K characters per
    /// line, so a 320 KB file took 5.8 s and a 64 MB one would take about 20 minutes. Real instruments use a few
    /// characters per substitution (a few MB of work for the largest libraries); past this budget the load stops with a
    /// diagnostic, in well under a second.
    /// </summary>
    public const long MaxExpansionWork = 64L * 1024 * 1024;

    /// <summary>Diagnostics reported per file before the rest are summarised in one message.</summary>
    public const int MaxDiagnosticsPerFile = 200;

    /// <summary>
    /// Most <c>#include</c> directives followed in one load. Community libraries include a small template once per
    /// region (a few thousand times); without a count, ten includes per file nested sixteen deep (each file tiny, so the
    /// byte budget never trips) would take hours.
    /// </summary>
    public const int MaxIncludes = 50_000;

    /// <summary>Most <c>&lt;region&gt;</c> headers in one load (the largest published libraries have a few tens of thousands).</summary>
    public const int MaxRegions = 100_000;

    /// <summary>The headers of the SFZ format (sfz-spec/syntax.yml); other names are reported as unknown.</summary>
    internal static readonly IReadOnlySet<string> KnownHeaders =
        new HashSet<string>(SfzOpcodeCatalog.SpecHeaders, StringComparer.Ordinal);

    /// <summary>
    /// Parses an SFZ file. Throws <see cref="InstrumentLoadException"/> when the file itself cannot be read (missing,
    /// unreadable, too large); problems inside it, and in files it includes, go to <paramref name="listener"/>.
    /// Control or loader thread.
    /// </summary>
    public static void ParseFile(string path, ISfzListener listener)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(listener);
        string text = ReadText(path, out string? error);
        if (error is not null)
            throw new InstrumentLoadException(path, error);
        var session = new Session(listener, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        session.Run(text, path, Path.GetFullPath(path), depth: 0);
    }

    /// <summary>
    /// Parses SFZ text held in memory. <paramref name="filePath"/> names it in locations, and its directory is where
    /// <c>#include</c> paths are resolved. Never throws for bad text. Control or loader thread.
    /// </summary>
    public static void ParseText(string text, string filePath, ISfzListener listener)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentNullException.ThrowIfNull(listener);
        string full = Path.GetFullPath(filePath);
        var session = new Session(listener, Path.GetDirectoryName(full) ?? ".");
        session.Run(StripBom(text), filePath, full, depth: 0);
    }

    /// <summary>Reads and decodes a file; on failure returns "" and sets <paramref name="error"/> to the reason.</summary>
    private static string ReadText(string path, out string? error)
    {
        error = null;
        try
        {
            // Only a regular file, read with the cap enforced while reading: an include of /dev/zero or of a FIFO must
            // neither read without end nor block (RegularFile).
            error = RegularFile.Problem(path, MaxFileBytes, "an SFZ file");
            if (error is not null)
                return "";
            byte[] bytes = RegularFile.ReadBounded(path, MaxFileBytes, "an SFZ file");
            // Invalid UTF-8 becomes U+FFFD rather than an exception: a stray Latin-1 byte in a comment or a sample
            // name must not stop the load (the sample lookup then reports the name it could not find).
            return StripBom(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(bytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            error = "cannot read the file: " + e.Message;
            return "";
        }
    }

    private static string StripBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    private static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '$';

    private static bool IsVariableChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\f' or '\v';

    /// <summary>One parse: the variables defined so far, the include stack and the byte budget, shared by every file.</summary>
    private sealed class Session(ISfzListener listener, string rootDirectory)
    {
        private readonly Dictionary<string, string> _defines = new(StringComparer.Ordinal);
        private long _expansionWork;
        private readonly List<string> _includeStack = [];
        private readonly SfzPathResolver _resolver = new();
        private long _totalChars;
        private int _includes;
        private long _cachedChars;
        private int _regions;

        // An include names the same few files again and again (one template per region): read and resolve each once.
        private readonly Dictionary<string, string?> _resolved = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Text, string? Error)> _texts = new(StringComparer.Ordinal);

        /// <summary>Characters of included files kept for reuse, at most.</summary>
        private const long MaxCachedChars = 32L * 1024 * 1024;

        private static long FileLength(string path)
        {
            try
            {
                return new FileInfo(path).Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                return 0; // ReadText reports the problem
            }
        }

        /// <summary>Set once a load limit is reached: every scanner stops at its next token.</summary>
        public bool Stopped { get; private set; }

        private readonly HashSet<string> _caseFixes = new(StringComparer.Ordinal);

        /// <summary>Whether a capitalised opcode name is seen for the first time in this load (it is reported once).</summary>
        public bool FirstCaseFix(string name) => _caseFixes.Count < MaxDiagnosticsPerFile && _caseFixes.Add(name);

        /// <summary>Counts a region header; false (after reporting it) once <see cref="MaxRegions"/> is passed.</summary>
        public bool CountRegion(SfzLocation location, FileScanner scanner)
        {
            if (++_regions <= MaxRegions)
                return true;
            scanner.Report(location, $"more than {MaxRegions} regions; the rest of the instrument is not read");
            Stopped = true;
            return false;
        }

        public void Run(string text, string displayPath, string fullPath, int depth)
        {
            _totalChars += text.Length;
            _includeStack.Add(fullPath);
            try
            {
                new FileScanner(this, NormaliseLineEnds(text), displayPath, fullPath, depth).Scan();
            }
            finally
            {
                _includeStack.RemoveAt(_includeStack.Count - 1);
            }
        }

        public ISfzListener Listener => listener;

        /// <summary>
        /// Stores a <c>#define</c>. The value is kept as written and expanded where it is used, as sfizz does
        /// (Parser::expandDollarVars expands until no variable is left; its test "[Parsing] Recursive expansion" has
        /// <c>#define $B foo-$A-baz</c> before <c>#define $A bar</c> give <c>foo-bar-baz</c>). One exception: a
        /// reference to the variable being defined takes its previous value now (<c>#define $P $P/sub</c> extends it),
        /// where sfizz would loop for ever.
        /// </summary>
        public void Define(string name, string rawValue, SfzLocation location, FileScanner scanner)
        {
            string value = rawValue.Contains('$', StringComparison.Ordinal)
                ? ExpandText(rawValue, location, scanner, selfOnly: name)
                : rawValue;
            _defines[name] = value;
            _longestDefine = Math.Max(_longestDefine, name.Length);
        }

        // The longest name ever defined: no longer prefix of a '$' run can match, which bounds the search.
        private int _longestDefine;

        /// <summary>How deep a variable's value may name variables whose values name variables.</summary>
        private const int MaxDefineNesting = 32;

        // The variables being expanded, outermost first: a name met again is a cycle.
        private readonly List<string> _expanding = [];

        /// <summary>
        /// Substitutes <c>$NAME</c> variables, and the variables their values name in turn; an undefined name is left
        /// as written (as sfizz does) and reported, and so is a cycle. Every character looked up or copied is charged to
        /// <see cref="MaxExpansionWork"/>; past it the load stops.
        /// </summary>
        public string Expand(string s, SfzLocation location, FileScanner scanner) =>
            s.Contains('$', StringComparison.Ordinal) ? ExpandText(s, location, scanner, selfOnly: null) : s;

        private string ExpandText(string s, SfzLocation location, FileScanner scanner, string? selfOnly)
        {
            var sb = new StringBuilder(s.Length);
            long work = 0;
            _expanding.Clear();
            if (!ExpandInto(sb, s, selfOnly, ref work, location, scanner))
            {
                if (sb.Length > MaxExpandedChars)
                {
                    scanner.Report(location, $"variable substitution produced more than {MaxExpandedChars} characters; truncated");
                    sb.Length = MaxExpandedChars;
                }
            }

            _expansionWork += work;
            if (_expansionWork > MaxExpansionWork && !Stopped)
            {
                scanner.ReportStop(location,
                    $"variable substitutions did more than {MaxExpansionWork} characters of work in all (a self-doubling #define?); the rest of the instrument is not read");
                Stopped = true;
            }

            return sb.ToString();
        }

        /// <summary>
        /// Appends <paramref name="s"/> with its variables expanded; false once a bound (output length, work) stops it.
        /// With <paramref name="selfOnly"/> set, only that variable is substituted (by its current value, not expanded
        /// further) and every other reference is copied as written, to be expanded where the value is used.
        /// </summary>
        private bool ExpandInto(StringBuilder sb, string s, string? selfOnly, ref long work, SfzLocation location, FileScanner scanner)
        {
            var defines = _defines.GetAlternateLookup<ReadOnlySpan<char>>();
            int i = 0;
            while (i < s.Length)
            {
                char c = s[i];
                if (c != '$')
                {
                    int next = s.IndexOf('$', i);
                    if (next < 0)
                        next = s.Length;
                    sb.Append(s, i, next - i);
                    work += next - i;
                    i = next;
                }
                else
                {
                    int end = i + 1;
                    while (end < s.Length && IsVariableChar(s[end]))
                        end++;
                    // The shortest defined prefix of the name characters after '$' wins, as in ARIA and sfizz
                    // (Parser::expandDollarVars accumulates characters until they name a known variable): with $A and
                    // $AB defined, "$AB" is $A's value followed by "B", and "$KEYa" finds "$KEY".
                    int matched = -1;
                    string? value = null;
                    int longest = Math.Min(end - i - 1, _longestDefine);
                    for (int len = 1; len <= longest && matched < 0; len++)
                    {
                        work += len; // hashing the candidate name
                        if (defines.TryGetValue(s.AsSpan(i + 1, len), out value))
                            matched = len;
                    }

                    if (matched < 0)
                    {
                        // Undefined here; at definition time it may be defined before the value is used.
                        if (end > i + 1 && selfOnly is null)
                            scanner.Report(location, $"undefined variable '{Excerpt(s[i..end])}' kept as written");
                        sb.Append(s, i, end - i);
                        work += end - i;
                        i = end;
                    }
                    else
                    {
                        string name = s.Substring(i + 1, matched);
                        i += 1 + matched;
                        work += _expanding.Count + 1; // the cycle check compares with every name being expanded
                        if (selfOnly is not null)
                        {
                            string text = name == selfOnly ? value! : "$" + name;
                            sb.Append(text);
                            work += text.Length;
                        }
                        else if (_expanding.Contains(name) || _expanding.Count >= MaxDefineNesting)
                        {
                            scanner.Report(location, _expanding.Contains(name)
                                ? $"variable '${Excerpt(name)}' refers to itself through its value; kept as written"
                                : $"variables nest more than {MaxDefineNesting} deep; '${Excerpt(name)}' kept as written");
                            sb.Append('$').Append(name);
                            work += matched + 1;
                        }
                        else
                        {
                            _expanding.Add(name);
                            bool more = ExpandInto(sb, value!, null, ref work, location, scanner);
                            _expanding.RemoveAt(_expanding.Count - 1);
                            if (!more)
                                return false;
                        }
                    }
                }

                if (sb.Length > MaxExpandedChars || _expansionWork + work > MaxExpansionWork)
                    return false;
            }

            return true;
        }

        public void Include(string rawPath, SfzLocation location, string currentDirectory, int depth, FileScanner scanner)
        {
            string relative = Expand(rawPath, location, scanner);
            if (relative.Length == 0)
            {
                scanner.Report(location, "#include with an empty file name ignored");
                return;
            }

            if (++_includes > MaxIncludes)
            {
                scanner.Report(location, $"more than {MaxIncludes} #include directives; the rest of the instrument is not read");
                Stopped = true;
                return;
            }

            string key = currentDirectory + "\0" + relative;
            if (!_resolved.TryGetValue(key, out string? resolved))
            {
            // ARIA and sfizz resolve includes against the root instrument's directory; accept the including file's
            // directory as well, which is what authors of nested include trees usually mean.
                resolved = _resolver.Resolve(rootDirectory, relative) ?? _resolver.Resolve(currentDirectory, relative);
                _resolved[key] = resolved;
            }

            if (resolved is null)
            {
                scanner.Report(location, $"#include \"{Excerpt(relative)}\": file not found; ignored");
                return;
            }

            if (_includeStack.Contains(resolved, StringComparer.Ordinal))
            {
                scanner.Report(location, $"#include \"{Excerpt(relative)}\" would include itself (cycle); ignored");
                return;
            }

            if (depth + 1 > MaxIncludeDepth)
            {
                scanner.Report(location, $"#include \"{Excerpt(relative)}\" nests deeper than {MaxIncludeDepth} levels; ignored");
                return;
            }

            if (!_texts.TryGetValue(resolved, out var read))
            {
                if (_totalChars + FileLength(resolved) > MaxTotalBytes)
                {
                    // Checked before reading, so that a large file included many times is not read each time.
                    scanner.Report(location, $"#include \"{Excerpt(relative)}\": the includes exceed {MaxTotalBytes} bytes in total; ignored");
                    return;
                }

                string fileText = ReadText(resolved, out string? readError);
                read = (NormaliseLineEnds(fileText), readError);
                if (_cachedChars + fileText.Length <= MaxCachedChars)
                {
                    _texts[resolved] = read;
                    _cachedChars += fileText.Length;
                }
            }

            var (text, error) = read;
            if (error is not null)
            {
                scanner.Report(location, $"#include \"{Excerpt(relative)}\": {error}; ignored");
                return;
            }

            if (_totalChars + text.Length > MaxTotalBytes)
            {
                scanner.Report(location, $"#include \"{Excerpt(relative)}\": the includes exceed {MaxTotalBytes} bytes in total; ignored");
                return;
            }

            Run(text, resolved, resolved, depth + 1);
        }

        private static string NormaliseLineEnds(string text) =>
            text.Contains('\r', StringComparison.Ordinal)
                ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
                : text;
    }

    /// <summary>Scans one file's text (line ends already normalised to '\n').</summary>
    private sealed class FileScanner(Session session, string text, string displayPath, string fullPath, int depth)
    {
        private int _pos;
        private int _line = 1;
        private int _lineStart;
        private int _diagnostics;

        public void Scan()
        {
            while (_pos < text.Length && !session.Stopped)
            {
                char c = text[_pos];
                if (c == '\n')
                {
                    NewLine(_pos + 1);
                    _pos++;
                }
                else if (IsBlank(c))
                {
                    _pos++;
                }
                else if (c == '/' && Peek(1) == '/')
                {
                    SkipToLineEnd();
                }
                else if (c == '/' && Peek(1) == '*')
                {
                    SkipBlockComment();
                }
                else if (c == '<')
                {
                    ScanHeader();
                }
                else if (c == '#')
                {
                    ScanDirective();
                }
                else
                {
                    ScanOpcode();
                }
            }
        }

        public void Report(SfzLocation location, string message)
        {
            _diagnostics++;
            if (_diagnostics <= MaxDiagnosticsPerFile)
                session.Listener.OnDiagnostic(location, message);
            else if (_diagnostics == MaxDiagnosticsPerFile + 1)
                session.Listener.OnDiagnostic(location, $"more than {MaxDiagnosticsPerFile} problems in this file; the rest are not reported");
        }

        /// <summary>Reports a problem that stops the load: past the per-file cap too, since it explains why the rest is missing.</summary>
        public void ReportStop(SfzLocation location, string message)
        {
            _diagnostics++;
            session.Listener.OnDiagnostic(location, message);
        }

        private SfzLocation Here => new(displayPath, _line, _pos - _lineStart + 1);

        private char Peek(int ahead) => _pos + ahead < text.Length ? text[_pos + ahead] : '\0';

        private void NewLine(int nextLineStart)
        {
            _line++;
            _lineStart = nextLineStart;
        }

        private void SkipToLineEnd()
        {
            int nl = text.IndexOf('\n', _pos);
            _pos = nl < 0 ? text.Length : nl;
        }

        private void SkipBlockComment()
        {
            var start = Here;
            int close = text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
            int end = close < 0 ? text.Length : close + 2;
            for (int i = _pos; i < end; i++)
            {
                if (text[i] == '\n')
                    NewLine(i + 1);
            }

            _pos = end;
            if (close < 0)
                Report(start, "unterminated /* comment runs to the end of the file");
        }

        private void ScanHeader()
        {
            var location = Here;
            int start = _pos + 1;
            int i = start;
            while (i < text.Length && text[i] != '>' && text[i] != '\n' && text[i] != '<')
                i++;
            if (i >= text.Length || text[i] != '>')
            {
                Report(location, $"unterminated header '<{Excerpt(text[start..i])}' ignored");
                _pos = i;
                return;
            }

            string name = text[start..i].Trim();
            _pos = i + 1;
            bool wellFormed = name.Length > 0;
            foreach (char c in name)
                wellFormed &= IsVariableChar(c);
            if (!wellFormed)
            {
                Report(location, $"malformed header '<{Excerpt(name)}>' ignored");
                return;
            }

            name = name.ToLowerInvariant();
            if (!KnownHeaders.Contains(name))
                Report(location, $"unknown header <{name}>; its opcodes are ignored");
            if (name == "region" && !session.CountRegion(location, this))
                return;
            session.Listener.OnHeader(name, location);
        }

        /// <summary>
        /// Reads <c>#define</c> or <c>#include</c>. Like ARIA and sfizz (Parser::processDirective), a directive takes
        /// only what it needs: a define's value is its first word and an include ends at its closing quote, and the
        /// rest of the line is scanned as usual, so <c>&lt;region&gt; #define $N 01 #include "r.sfz"</c> works (community
        /// mappings write one region per line this way). A malformed directive skips the rest of its line.
        /// </summary>
        private void ScanDirective()
        {
            var location = Here;
            int i = _pos + 1;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
                i++;
            string word = text[(_pos + 1)..i];
            i = SkipBlanks(i);
            if (word == "define")
                ScanDefine(location, i);
            else if (word == "include")
                ScanInclude(location, i);
            else
                SkipLine(location, $"unknown directive '#{Excerpt(word)}'; line ignored");
        }

        private void ScanDefine(SfzLocation location, int i)
        {
            int nameStart = i + 1;
            int nameEnd = nameStart;
            while (nameEnd < text.Length && IsVariableChar(text[nameEnd]))
                nameEnd++;
            if (i >= text.Length || text[i] != '$' || nameEnd == nameStart)
            {
                SkipLine(location, "#define needs '$NAME value'; ignored");
                return;
            }

            string name = text[nameStart..nameEnd];
            if (nameEnd < text.Length && !IsBlank(text[nameEnd]) && text[nameEnd] != '\n' && !StartsComment(nameEnd))
            {
                SkipLine(location, $"#define ${name}: expected a space after the name; ignored");
                return;
            }

            // The value is one word: it ends at a blank, the line end or a comment. An empty value defines the
            // variable as empty text (sfizz does the same).
            int valueStart = SkipBlanks(nameEnd);
            int valueEnd = valueStart;
            while (valueEnd < text.Length && !IsBlank(text[valueEnd]) && text[valueEnd] != '\n' && !StartsComment(valueEnd))
                valueEnd++;
            _pos = valueEnd;
            session.Define(name, text[valueStart..valueEnd], location, this);
        }

        private void ScanInclude(SfzLocation location, int i)
        {
            int close = i < text.Length && text[i] == '"' ? text.AsSpan(i + 1).IndexOfAny('"', '\n') : -1;
            if (close >= 0)
                close += i + 1;
            if (close < 0 || text[close] != '"')
            {
                SkipLine(location, "#include needs a quoted file name: #include \"file.sfz\"; ignored");
                return;
            }

            _pos = close + 1;
            session.Include(text[(i + 1)..close], location, Path.GetDirectoryName(fullPath) ?? ".", depth, this);
        }

        private void SkipLine(SfzLocation location, string message)
        {
            Report(location, message);
            SkipToLineEnd();
        }

        private int SkipBlanks(int i)
        {
            while (i < text.Length && IsBlank(text[i]))
                i++;
            return i;
        }

        private bool StartsComment(int i) => text[i] == '/' && i + 1 < text.Length && text[i + 1] is '/' or '*';

        /// <summary>Whether a directive sfizz and ARIA recognise inside a line (<c>#define</c>, <c>#include</c>) starts at <paramref name="i"/>.</summary>
        private bool StartsDirective(int i) => text[i] == '#' && (IsWordAt(i + 1, "define") || IsWordAt(i + 1, "include"));

        private bool IsWordAt(int i, string word) =>
            string.CompareOrdinal(text, i, word, 0, word.Length) == 0
            && (i + word.Length >= text.Length || !IsVariableChar(text[i + word.Length]));

        private void ScanOpcode()
        {
            var location = Here;
            int start = _pos;
            int i = start;
            while (i < text.Length && IsNameChar(text[i]))
                i++;
            if (i == start || i >= text.Length || text[i] != '=')
            {
                // Garbage: skip to the next blank, line end or header so that the rest of the line still parses.
                int end = Math.Max(i, start + 1);
                while (end < text.Length && !IsBlank(text[end]) && text[end] != '\n' && text[end] != '<')
                    end++;
                Report(location, $"unexpected text '{Excerpt(text[start..end])}' ignored");
                _pos = end;
                return;
            }

            string rawName = text[start..i];
            if (rawName == "base64data")
            {
                ScanBase64Data(location, i + 1);
                return;
            }

            // The search starts right after '=' so that an empty value followed by another opcode
            // ("default_path= note_offset=0") stays empty; blanks around the value are trimmed below.
            int valueStart = i + 1;
            int valueEnd = FindValueEnd(valueStart);
            _pos = valueEnd;
            string name = LowerCaseIfKnown(session.Expand(rawName, location, this), location);
            string value = session.Expand(text[valueStart..valueEnd].Trim(), location, this).Trim();
            session.Listener.OnOpcode(name, value, location);
        }

        /// <summary>
        /// A <c>&lt;sample&gt;</c> header's <c>base64data=</c>: embedded audio, which runs over lines up to the next header or
        /// directive, with no comment or variable inside (sfizz's Parser does the same). Passed on as written, blanks and
        /// line ends included; the builder decodes it.
        /// </summary>
        private void ScanBase64Data(SfzLocation location, int valueStart)
        {
            int end = text.AsSpan(valueStart).IndexOfAny('<', '#');
            end = end < 0 ? text.Length : valueStart + end;
            for (int i = valueStart; i < end; i++)
            {
                if (text[i] == '\n')
                    NewLine(i + 1);
            }

            _pos = end;
            session.Listener.OnOpcode("base64data", text[valueStart..end].Trim(), location);
        }

        /// <summary>
        /// Opcode names are lower case. sfizz and ARIA match them exactly, so "Sample=" is lost there; a published GM
        /// bank writes it that way, and the author's meaning is plain, so a name that the SFZ database knows once lower-cased
        /// is read lower-cased, with a warning so the file can be fixed.
        /// </summary>
        private string LowerCaseIfKnown(string name, SfzLocation location)
        {
            if (!name.Any(char.IsAsciiLetterUpper) || SfzOpcodeCatalog.SpecVersion(name) is not null)
                return name;
            string lower = name.ToLowerInvariant();
            if (SfzOpcodeCatalog.SpecVersion(lower) is null)
                return name;
            if (session.FirstCaseFix(name))
                Report(location, $"opcode '{Excerpt(name)}' read as '{Excerpt(lower)}': opcode names are lower case");
            return lower;
        }

        /// <summary>
        /// Where a value starting at <paramref name="i"/> ends: at a line end, a comment, a header, or the blank before
        /// the next <c>name=</c>. Linear: a failed look-ahead resumes after what it scanned.
        /// </summary>
        private int FindValueEnd(int i)
        {
            while (i < text.Length)
            {
                char c = text[i];
                if (c is '\n' or '<')
                    return i;
                if (StartsComment(i))
                    return i;
                if (!IsBlank(c))
                {
                    i++;
                    continue;
                }

                int j = SkipBlanks(i);
                // sfizz: a directive after a blank ends the value ("master_label=Piano #include \"p.sfz\"").
                if (j < text.Length && StartsDirective(j))
                    return i;
                int k = j;
                while (k < text.Length && IsNameChar(text[k]))
                    k++;
                if (k > j && k < text.Length && text[k] == '=')
                    return i;
                i = Math.Max(k, i + 1);
            }

            return i;
        }
    }

    /// <summary>A short, printable excerpt of untrusted text for a message.</summary>
    internal static string Excerpt(string s)
    {
        const int MaxChars = 40;
        var sb = new StringBuilder(Math.Min(s.Length, MaxChars) + 1);
        foreach (char c in s)
        {
            if (sb.Length >= MaxChars)
            {
                sb.Append('…');
                break;
            }

            sb.Append(char.IsControl(c) ? '?' : c);
        }

        return sb.ToString();
    }
}

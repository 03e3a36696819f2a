namespace MidiSampler.Formats.Sfz;

/// <summary>A place in an SFZ source file: the file as the parser opened it, a 1-based line and a 1-based column.</summary>
/// <param name="FilePath">The file (the root .sfz or a file it includes).</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column, counted in UTF-16 code units after line-end normalisation.</param>
/// <remarks>Threads: any (immutable).</remarks>
public readonly record struct SfzLocation(string FilePath, int Line, int Column)
{
    /// <summary>Formats as <c>file:line:column</c>, the convention compilers and editors understand.</summary>
    public override string ToString() => $"{FilePath}:{Line}:{Column}";
}

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Receives what <see cref="SfzParser"/> reads, in file order (includes expanded in place, <c>$NAME</c> variables
/// already substituted). The parser knows nothing of regions or voices; the listener gives the events meaning.
/// </summary>
/// <remarks>
/// Design: the same split as sfizz's Parser/ParserListener, so that a later, complete SFZ implementation (or a
/// linter, a coverage report) only adds listeners. Threads: called on the thread that runs the parser (control or
/// loader thread).
/// </remarks>
public interface ISfzListener
{
    /// <summary>A header such as <c>&lt;region&gt;</c>; <paramref name="name"/> is lower-case, without the angle brackets.</summary>
    void OnHeader(string name, SfzLocation location);

    /// <summary>An opcode <c>name=value</c>; <paramref name="value"/> has surrounding whitespace removed.</summary>
    void OnOpcode(string name, string value, SfzLocation location);

    /// <summary>Something the parser could not make sense of and skipped (garbage, an unknown header, a bad directive).</summary>
    void OnDiagnostic(SfzLocation location, string message);
}

using MidiSampler.Formats.Wav;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// <c>&lt;sample&gt;</c> headers (ARIA; sfizz Synth::Impl::handleSampleOpcodes): <c>name=</c> names a sample that
/// regions then use as <c>sample=</c>, and <c>base64data=</c> holds the file itself, base64-encoded, so that an
/// instrument travels as one text file. WAV data is decoded (the formats this engine reads from memory); a sample so
/// named is found before any file on disk, and a region may name it before or after its header.
/// </summary>
internal sealed partial class SfzInstrumentBuilder
{
    /// <summary>Largest embedded file decoded, in bytes (the SFZ file itself is at most 64 MB).</summary>
    private const int MaxEmbeddedBytes = 48 * 1024 * 1024;

    private readonly Dictionary<string, Sample> _embedded = new(StringComparer.Ordinal);
    private SfzLocation _sampleHeaderLocation;
    private string? _sampleName;
    private string? _sampleData;
    private bool _sampleHasOtherData;

    private void StartSampleHeader(SfzLocation location)
    {
        _sampleHeaderLocation = location;
        _sampleName = null;
        _sampleData = null;
        _sampleHasOtherData = false;
    }

    private void ApplySampleHeader(SfzOpcode op)
    {
        switch (op.Name)
        {
            case "name": _sampleName = SfzPathResolver.Normalise(op.Value); break;
            case "base64data": _sampleData = op.Value; break;
            case "data": _sampleHasOtherData = true; break;
            default: ReportUnhandled(op, "<sample>"); break;
        }
    }

    /// <summary>Decodes the header just read, if it holds a named sample; called when the next header starts or the file ends.</summary>
    private void FinishSampleHeader()
    {
        if (_scope != Scope.Sample)
            return;
        _scope = Scope.None;
        var at = _sampleHeaderLocation;
        if (string.IsNullOrEmpty(_sampleName))
        {
            Warn(at, "<sample> without name= ignored");
            return;
        }

        if (_sampleData is null)
        {
            Warn(at, _sampleHasOtherData
                ? $"<sample> '{SfzParser.Excerpt(_sampleName)}': data= is not base64 (use base64data=); ignored"
                : $"<sample> '{SfzParser.Excerpt(_sampleName)}' has no base64data=; ignored");
            return;
        }

        byte[]? bytes = DecodeBase64(_sampleData);
        if (bytes is null)
        {
            Warn(at, $"<sample> '{SfzParser.Excerpt(_sampleName)}': base64data is not valid base64; ignored");
            return;
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var warnings = new List<string>();
            var sample = WavReader.Read(stream, _sampleName, warnings);
            foreach (string w in warnings)
                Warn(at, $"<sample> '{SfzParser.Excerpt(_sampleName)}': {w}");
            _embedded[_sampleName] = sample;
        }
        catch (InstrumentLoadException e)
        {
            Warn(at, $"<sample> '{SfzParser.Excerpt(_sampleName)}': not a WAV file this engine can read from memory ({e.Message}); ignored");
        }
    }

    /// <summary>Base64 with blanks and line ends anywhere and the '=' padding optional (as sfizz decodes it); null when invalid.</summary>
    private static byte[]? DecodeBase64(string text)
    {
        var chars = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c))
                chars.Append(c);
        }

        while (chars.Length > 0 && chars[^1] == '=')
            chars.Length--;
        if (chars.Length % 4 == 1 || (long)chars.Length * 3 / 4 > MaxEmbeddedBytes)
            return null;
        while (chars.Length % 4 != 0)
            chars.Append('=');
        var bytes = new byte[chars.Length / 4 * 3];
        return Convert.TryFromBase64String(chars.ToString(), bytes, out int written) ? bytes[..written] : null;
    }

    /// <summary>The embedded sample a region's sample path names, if a &lt;sample&gt; header defined it.</summary>
    private Sample? EmbeddedSample(string samplePath) =>
        _embedded.TryGetValue(SfzPathResolver.Normalise(samplePath), out var sample) ? sample : null;
}

using MidiSampler.Formats.Sfz;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>Records what the parser reports, in order, as readable strings plus the raw events.</summary>
internal sealed class RecordingSfzListener : ISfzListener
{
    public List<string> Events { get; } = [];

    public List<(string Name, string Value, SfzLocation Location)> Opcodes { get; } = [];

    public List<(string Name, SfzLocation Location)> Headers { get; } = [];

    public List<(SfzLocation Location, string Message)> Diagnostics { get; } = [];

    public void OnHeader(string name, SfzLocation location)
    {
        Headers.Add((name, location));
        Events.Add($"<{name}>");
    }

    public void OnOpcode(string name, string value, SfzLocation location)
    {
        Opcodes.Add((name, value, location));
        Events.Add($"{name}={value}");
    }

    public void OnDiagnostic(SfzLocation location, string message) => Diagnostics.Add((location, message));

    public static RecordingSfzListener Parse(string text, string path = "/virtual/test.sfz")
    {
        var listener = new RecordingSfzListener();
        SfzParser.ParseText(text, path, listener);
        return listener;
    }
}

namespace MidiSampler.Engine;

/// <summary>A program slot's content: the compiled instrument and the state its playing writes. Immutable pair.</summary>
internal sealed class InstalledInstrument(CompiledInstrument compiled)
{
    public CompiledInstrument Compiled { get; } = compiled;

    public InstrumentPlayState State { get; } = new(compiled);
}

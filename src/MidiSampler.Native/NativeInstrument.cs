using MidiSampler.Model;

namespace MidiSampler.Native;

/// <summary>
/// What an ms_instrument_t stands for: a program slot of its sampler and the content installed there, rebuilt and
/// swapped into the engine whole at each load (the engine's atomic instrument swap: no gap, sounding notes go on).
/// </summary>
internal sealed class NativeInstrument
{
    /// <summary>Creates an empty instrument of <paramref name="sampler"/>; <see cref="Program"/> is set when it gets a slot.</summary>
    public NativeInstrument(NativeSampler sampler, string name)
    {
        Sampler = sampler;
        Name = name;
    }

    /// <summary>The sampler it belongs to.</summary>
    public NativeSampler Sampler { get; }

    /// <summary>Its name (ms_instrument_create).</summary>
    public string Name { get; }

    /// <summary>Its MIDI program (0..127).</summary>
    public int Program { get; set; } = -1;

    /// <summary>The MIDI channel ms_note_on plays it on: program mod 16.</summary>
    public int Channel => Program & 15;

    /// <summary>What is installed now; null until something was loaded. Control thread.</summary>
    public Instrument? Content { get; private set; }

    /// <summary>The handle C holds, for unregistering with the sampler.</summary>
    public nint Handle { get; set; }

    /// <summary>Replaces the whole content and installs it at the next block. Control thread.</summary>
    public void Install(Instrument content)
    {
        Content = content;
        Sampler.Engine.SetInstrument(Program, content);
        Sampler.Engine.CollectRetired();
    }

    /// <summary>Adds one region to the content (keeping a loaded file's effects and controller defaults) and installs it. Control thread.</summary>
    public void AddRegion(Region region)
    {
        var current = Content;
        Install(current is null
            ? new Instrument(Name, [region])
            : new Instrument(Name, [.. current.Regions, region], current.Warnings, current.SourcePath)
            {
                InitialControllers = current.InitialControllers,
                Effects = current.Effects,
            });
    }
}

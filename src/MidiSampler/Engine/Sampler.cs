using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>The engine (API contract; implementation in progress).</summary>
public sealed class Sampler : IDisposable
{
    /// <summary>Creates a sampler. Control thread.</summary>
    public Sampler(SamplerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
    }

    /// <summary>The configuration. Any thread.</summary>
    public SamplerConfig Config { get; }

    /// <summary>Installs an instrument at a program slot. Control thread.</summary>
    public void SetInstrument(int program, Instrument? instrument) => throw new NotSupportedException("engine pending");

    /// <summary>Installs at the first free program slot and returns it. Control thread.</summary>
    public int AddInstrument(Instrument instrument) => throw new NotSupportedException("engine pending");

    /// <summary>Queues a note-on. Control thread (single producer).</summary>
    public VoiceHandle NoteOn(int channel, int key, int velocity, int offsetFrames = 0) => throw new NotSupportedException("engine pending");

    /// <summary>Queues a note-off. Control thread.</summary>
    public bool NoteOff(int channel, int key, int offsetFrames = 0) => throw new NotSupportedException("engine pending");

    /// <summary>Queues an event. Control thread.</summary>
    public bool Send(in MidiEvent midiEvent) => throw new NotSupportedException("engine pending");

    /// <summary>Counts an xrun. Any thread.</summary>
    public void ReportXrun() => throw new NotSupportedException("engine pending");

    /// <summary>Statistics. Any thread.</summary>
    public SamplerStats GetStats() => throw new NotSupportedException("engine pending");

    /// <summary>Renders. Audio thread.</summary>
    public void Process(Span<float> interleaved, int frames) => throw new NotSupportedException("engine pending");

    /// <summary>Renders with events read in the callback. Audio thread.</summary>
    public void Process(Span<float> interleaved, int frames, ReadOnlySpan<MidiEvent> blockEvents) => throw new NotSupportedException("engine pending");

    /// <summary>Renders planar stereo. Audio thread.</summary>
    public void ProcessPlanar(Span<float> left, Span<float> right, int frames, ReadOnlySpan<MidiEvent> blockEvents = default) => throw new NotSupportedException("engine pending");

    /// <summary>Resets peak statistics. Any thread.</summary>
    public void ResetPeaks() => throw new NotSupportedException("engine pending");

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}

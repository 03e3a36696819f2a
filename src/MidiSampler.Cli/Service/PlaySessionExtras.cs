namespace MidiSampler.Cli.Service;

/// <summary>What a <see cref="PlaySession"/> says and does besides its backend: the audio choice, the MIDI input, --exit-at-end.</summary>
internal sealed record PlaySessionExtras
{
    /// <summary>Lines written before the backend's own (which audio backend and why).</summary>
    public IReadOnlyList<string> StartupLines { get; init; } = [];

    /// <summary>Lines written after the backend's own (the ALSA sequencer input and its latency).</summary>
    public IReadOnlyList<string> MidiLines { get; init; } = [];

    /// <summary>Stop (exit code 0) once the --song has ended and every voice is silent.</summary>
    public bool ExitAtEnd { get; init; }
}

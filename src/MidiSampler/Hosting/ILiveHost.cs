using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Hosting;

/// <summary>
/// What a live host (the JACK client, the ALSA PCM output) offers the program that runs it: the console, the status
/// line, reloads, systemd notifications and the stats work on this, whatever the audio backend.
/// </summary>
public interface ILiveHost : IDisposable
{
    /// <summary>The backend's name for users: "JACK" or "ALSA". Any thread.</summary>
    string Backend { get; }

    /// <summary>The name the host goes by (the JACK client name, or the ALSA device). Any thread.</summary>
    string ClientName { get; }

    /// <summary>The output rate in Hz. Any thread.</summary>
    int SampleRate { get; }

    /// <summary>The period in frames. Any thread.</summary>
    int BufferSizeFrames { get; }

    /// <summary>The sampler currently playing. Any thread.</summary>
    Sampler Sampler { get; }

    /// <summary>Output gain in dB, ramped over the next period. Any thread.</summary>
    double GainDb { get; set; }

    /// <summary>What did not work but did not stop the host. Control thread.</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>Signalled when the backend goes away (the JACK server shut down, the ALSA device was unplugged). Any thread.</summary>
    WaitHandle ShutdownWaitHandle { get; }

    /// <summary>Why the backend went away, or null. Any thread.</summary>
    string? ShutdownReason { get; }

    /// <summary>Installs (or clears) the instrument at a program slot of bank 0; sounding notes keep theirs. Control thread.</summary>
    void SetInstrument(int program, Instrument? instrument);

    /// <summary>
    /// Installs (or, with null, clears) instruments at (bank, program) slots, all in one swap: a whole SoundFont, as
    /// <c>render</c> installs it (see <see cref="Formats.InstrumentLoader.LoadPrograms(string, int, Formats.InstrumentLoadOptions?)"/>).
    /// Sounding notes keep theirs. Control thread.
    /// </summary>
    void SetInstruments(IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> instruments);

    /// <summary>The instrument at a program slot of bank 0, or null. Control thread.</summary>
    Instrument? GetInstrument(int program);

    /// <summary>The instrument at (bank, program), or null. Control thread.</summary>
    Instrument? GetInstrument(int bank, int program);

    /// <summary>Every installed slot, in bank then program order. Control thread.</summary>
    IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> GetInstruments();

    /// <summary>What the MIDI input's decoder has seen: messages acted on, ignored and malformed. Any thread.</summary>
    MidiDecoderCounters MidiCounters { get; }

    /// <summary>Fades out every voice and resets every controller. Control thread.</summary>
    void Panic();

    /// <summary>The sampler's statistics with the host's xruns and dropped MIDI events folded in. Any thread.</summary>
    SamplerStats GetStats();

    /// <summary>
    /// Starts the song the host was given (<c>--song</c>) at its next period; nothing without one. The session calls it
    /// once the instruments are installed. Control thread.
    /// </summary>
    void StartSong();

    /// <summary>Fades every voice out and stops the audio. Control thread.</summary>
    void Stop();
}

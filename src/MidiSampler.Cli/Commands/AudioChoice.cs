using MidiSampler.Jack;

namespace MidiSampler.Cli.Commands;

/// <summary>The backend options of <c>play</c> as given (see <see cref="AudioBackendCli"/>).</summary>
internal sealed record AudioChoice(string Audio, string Midi, string Device, int PeriodFrames, int Periods, int SampleRate, string? SongPath, bool ExitAtEnd)
{
    /// <summary>Checks ranges and combinations. Control thread.</summary>
    /// <exception cref="ArgumentException">What is wrong, naming the option.</exception>
    public void Validate(JackHostOptions jack)
    {
        if (PeriodFrames is < 16 or > 8192)
            throw new ArgumentException($"--period {PeriodFrames} is outside 16..8192 frames");
        if (Periods is < 2 or > 16)
            throw new ArgumentException($"--periods {Periods} is outside 2..16");
        if (SampleRate is < 8000 or > 384_000)
            throw new ArgumentException($"--sample-rate {SampleRate} is outside 8000..384000 Hz");
        if (ExitAtEnd && SongPath is null)
            throw new ArgumentException("--exit-at-end needs --song FILE.mid");
        if (Audio == "alsa" && (jack.MultiOut || jack.Outputs > 0))
            throw new ArgumentException("--multi-out and --outputs need JACK (--audio jack): the ALSA output is one stereo pair");
        if (string.IsNullOrWhiteSpace(Device))
            throw new ArgumentException("--device needs an ALSA PCM name (default, hw:1,0, plughw:...)");
    }
}

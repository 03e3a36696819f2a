using MidiSampler.Hosting;
using MidiSampler.Rendering;

namespace MidiSampler.Alsa;

/// <summary>How an <see cref="AlsaSamplerHost"/> opens its PCM device and sizes its sampler.</summary>
public sealed record AlsaHostOptions
{
    /// <summary>The ALSA playback PCM: <c>default</c>, <c>hw:1,0</c>, <c>plughw:CARD=Device,DEV=0</c>, or a name from ~/.asoundrc.</summary>
    public string Device { get; init; } = "default";

    /// <summary>The rate asked for, in Hz (the device may grant another: the sampler runs at the granted one).</summary>
    public int SampleRate { get; init; } = 48_000;

    /// <summary>The period asked for, in frames: the audio thread renders and writes one period at a time.</summary>
    public int PeriodFrames { get; init; } = 256;

    /// <summary>Periods in the device buffer (2 is the least latency, 3 survives a late wake-up).</summary>
    public int Periods { get; init; } = 3;

    /// <summary>Voices that may sound at once.</summary>
    public int Polyphony { get; init; } = 256;

    /// <summary>Output gain in dB.</summary>
    public double GainDb { get; init; }

    /// <summary>SCHED_FIFO priority of the audio thread (1..99), or null to leave it at normal scheduling.</summary>
    public int? RealtimePriority { get; init; }

    /// <summary>The sampler's render block bound: longer periods are rendered in chunks (events still at their frame).</summary>
    public int MaxBlockFrames { get; init; } = 1024;

    /// <summary>Events applied per chunk of a period, at most; more wait for the next chunk.</summary>
    public int MaxEventsPerPeriod { get; init; } = 1024;

    /// <summary>Runs the reverb and chorus send buses (false: <c>--no-effects</c>).</summary>
    public bool EffectsEnabled { get; init; } = true;

    /// <summary>Measures each MIDI channel's level for the remote's meters (<see cref="Engine.SamplerConfig.ChannelMeters"/>).</summary>
    public bool ChannelMeters { get; init; }

    /// <summary>Live MIDI stamped on arrival (the ALSA sequencer input), applied at one period of latency; null for none.</summary>
    public ArrivalScheduler? LiveMidi { get; init; }

    /// <summary>A song to play from the first period (<c>--song</c>), scheduled at <see cref="SampleRate"/>; rescheduled when the device grants another rate.</summary>
    public Formats.Midi.MidiFile? Song { get; init; }

    /// <summary>Tests only: the audio thread sleeps this long every <see cref="StallEveryPeriods"/> periods, to cause underruns.</summary>
    internal int StallMilliseconds { get; init; }

    /// <summary>Tests only: see <see cref="StallMilliseconds"/> (0: never).</summary>
    internal int StallEveryPeriods { get; init; }

    /// <summary>The song's schedule at the granted rate, or null.</summary>
    internal LiveSongPlayer? CreateSongPlayer(int sampleRate) => Song is null ? null : new LiveSongPlayer(SongSchedule.FromSong(Song, sampleRate));
}

namespace MidiSampler.Jack;

/// <summary>How a <see cref="JackSamplerHost"/> registers with JACK and sizes its sampler.</summary>
public sealed record JackHostOptions
{
    /// <summary>The JACK client name (the server may append a suffix if it is taken).</summary>
    public string ClientName { get; init; } = "midi-sampler";

    /// <summary>Fail when no server runs instead of letting libjack start one (JackNoStartServer).</summary>
    public bool NoStartServer { get; init; }

    /// <summary>
    /// Told, in a sentence, what the host does that takes long or would surprise (libjack starting a server, where its
    /// log goes). Null: nothing is told.
    /// </summary>
    public Action<string>? Notice { get; init; }

    /// <summary>Voices that may sound at once.</summary>
    public int Polyphony { get; init; } = 256;

    /// <summary>Output gain in dB.</summary>
    public double GainDb { get; init; }

    /// <summary>SCHED_FIFO priority asked for the process thread (1..99), or null to keep what the server gives its clients.</summary>
    public int? RealtimePriority { get; init; }

    /// <summary>Connect out_1/out_2 to the physical playback ports and every physical MIDI source to midi_in.</summary>
    public bool ConnectPhysical { get; init; }

    /// <summary>Regular expressions (JACK's port-name patterns) of MIDI output ports to connect to midi_in.</summary>
    public IReadOnlyList<string> MidiConnectPatterns { get; init; } = [];

    /// <summary>
    /// The sampler's render block bound. Periods longer than this are rendered in several chunks inside
    /// one callback (events still apply at their exact frame), so a buffer-size change never needs a
    /// new sampler. 1024 keeps the mix buffers in L1/L2 cache; JACK periods above that are rare.
    /// </summary>
    public int MaxBlockFrames { get; init; } = 1024;

    /// <summary>
    /// Keep a histogram of the process callback's duration (1 µs bins up to 50 ms, preallocated; the audio
    /// thread only increments a counter), read with <see cref="JackSamplerHost.GetProcessTimeHistogram"/>.
    /// </summary>
    public bool MeasureProcessTime { get; init; }

    /// <summary>Measures each MIDI channel's level for the remote's meters (<see cref="Engine.SamplerConfig.ChannelMeters"/>).</summary>
    public bool ChannelMeters { get; init; }

    /// <summary>
    /// The server counts as lost when no process callback came for this long (and at least 16 periods) while the
    /// client is active: PipeWire's JACK never reports a dead server (no shutdown callback, the client just stops
    /// being called), so without this a host would wait forever and <c>--reconnect</c> could not act. 0 disables it.
    /// </summary>
    public double LostServerSeconds { get; init; } = 2;

    /// <summary>JACK MIDI events applied per period, at most; more are dropped and counted.</summary>
    public int MaxEventsPerPeriod { get; init; } = 1024;

    /// <summary>Runs the sampler's reverb and chorus send buses (false: <c>--no-effects</c>, the dry mix only).</summary>
    public bool EffectsEnabled { get; init; } = true;

    /// <summary>
    /// Registers a stereo output per MIDI channel (<c>ch01_L</c>, <c>ch01_R</c> ... <c>ch16_R</c>) besides the main
    /// mix (<c>--multi-out</c>). Each carries its channel's dry sound after the master gain; reverb and chorus returns
    /// go to <c>out_1</c>/<c>out_2</c> only.
    /// </summary>
    public bool MultiOut { get; init; }

    /// <summary>
    /// Registers N stereo outputs by SFZ region <c>output</c> (<c>--outputs N</c>, 1..16; 0 is off): <c>output00_L</c>,
    /// <c>output00_R</c> ... one pair per output number, besides the main mix. Each carries the dry sound of the regions
    /// with that <c>output</c> (outputs at or beyond N share the last pair) after the master gain; reverb and chorus returns
    /// go to <c>out_1</c>/<c>out_2</c> only. Exclusive with <see cref="MultiOut"/>.
    /// </summary>
    public int Outputs { get; init; }

    /// <summary>Live MIDI stamped on arrival (the ALSA sequencer input, <c>--midi alsa</c>), applied one period later at its frame; null for none.</summary>
    public Hosting.ArrivalScheduler? LiveMidi { get; init; }

    /// <summary>A song played from the first period (<c>--song</c>), every event at its exact frame; null for none.</summary>
    public Formats.Midi.MidiFile? Song { get; init; }
}

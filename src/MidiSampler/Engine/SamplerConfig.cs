namespace MidiSampler.Engine;

/// <summary>
/// Every bound of a <see cref="Sampler"/>, fixed at construction: the one place where the sizes of
/// the voice pool, the event ring and the scratch buffers come from.
/// </summary>
public sealed record SamplerConfig
{
    /// <summary>Output sample rate in Hz (8,000 to 384,000).</summary>
    public int SampleRate { get; init; } = 48_000;

    /// <summary>Output channels: 1 (mono) or 2 (stereo).</summary>
    public int OutputChannels { get; init; } = 2;

    /// <summary>Voices that may sound at once (1 to 8,192). Stealing keeps the count at this bound.</summary>
    public int MaxPolyphony { get; init; } = 256;

    /// <summary>The largest block <see cref="Sampler.Process(Span{float}, int)"/> accepts (16 to 16,384 frames).</summary>
    public int MaxBlockFrames { get; init; } = 4096;

    /// <summary>Capacity of the control-to-audio event ring (rounded up to a power of two); a full ring drops and counts.</summary>
    public int EventQueueCapacity { get; init; } = 4096;

    /// <summary>Events the audio thread applies in one block, at most; more wait for the next block.</summary>
    public int MaxEventsPerBlock { get; init; } = 1024;

    /// <summary>Program slots for instruments (program change numbers 0..127).</summary>
    public int MaxInstruments { get; init; } = 128;

    /// <summary>Interpolation used by new voices.</summary>
    public InterpolationMode Interpolation { get; init; } = InterpolationMode.Cubic;

    /// <summary>Fade applied to a stolen or killed voice, in seconds (at most 5 ms, so that stealing never clicks).</summary>
    public double StealFadeSeconds { get; init; } = 0.003;

    /// <summary>Output gain in dB applied to the mix.</summary>
    public double MasterGainDb { get; init; }

    /// <summary>Whether channel 10 plays the percussion bank (128). Default: when one is installed.</summary>
    public DrumChannelMode DrumChannel { get; init; } = DrumChannelMode.Auto;

    /// <summary>
    /// Runs the reverb and chorus send buses (fed by CC91 and CC93 per channel) and the instruments' own SFZ
    /// <c>&lt;effect&gt;</c> buses. False bypasses them all (<c>--no-effects</c>): nothing is sent, no effect runs or is
    /// even built, the output is the dry mix of the voices.
    /// </summary>
    public bool EffectsEnabled { get; init; } = true;

    /// <summary>
    /// Renders every MIDI channel into its own stereo bus as well (<c>--multi-out</c>), read with
    /// <see cref="Sampler.ProcessPlanar(Span{float}, Span{float}, int, ReadOnlySpan{MidiEvent}, in ChannelBusOutputs)"/>.
    /// The main mix is then the sum of the 16 buses plus the reverb and chorus returns (those go to the main mix only).
    /// The buses' buffers are allocated at construction only when this is on; off costs the render path nothing.
    /// </summary>
    public bool ChannelBuses { get; init; }

    /// <summary>
    /// The most stereo buses <see cref="OutputBuses"/> may ask for (SFZ <c>output</c> 0..15): the buses share the
    /// per-channel buffers, and <see cref="ChannelBusOutputs"/> holds 16 pairs.
    /// </summary>
    public const int MaxOutputBuses = EngineLimits.MaxOutputBuses;

    /// <summary>
    /// Renders every region into the stereo bus numbered by its SFZ <c>output</c> (<c>--outputs N</c>), read like the
    /// per-channel buses with
    /// <see cref="Sampler.ProcessPlanar(Span{float}, Span{float}, int, ReadOnlySpan{MidiEvent}, in ChannelBusOutputs)"/>
    /// (bus k is <see cref="ChannelBusOutputs.SetBus"/> k). 0 (the default) is off; 1..<see cref="MaxOutputBuses"/> is the
    /// number of buses, and a region whose <c>output</c> is at or beyond it plays on the last bus. The main mix is the sum
    /// of the buses plus the reverb and chorus returns. Exclusive with <see cref="ChannelBuses"/>; off costs nothing.
    /// </summary>
    public int OutputBuses { get; init; }

    /// <summary>
    /// Measures each MIDI channel's level (peak and mean square, after the master gain, before the reverb and chorus
    /// returns) for <see cref="Sampler.TryReadChannelLevels"/>: every channel then renders into its own buffer (allocated
    /// here) and the audio thread scans the buffers of the channels that sounded, once per chunk. Ignored with
    /// <see cref="OutputBuses"/> (those buffers hold outputs, not channels). Off (the default) costs nothing.
    /// </summary>
    public bool ChannelMeters { get; init; }

    /// <summary>True when the sampler renders stereo buses (<see cref="ChannelBuses"/> or <see cref="OutputBuses"/>). Any thread.</summary>
    public bool HasBuses => ChannelBuses || OutputBuses > 0;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is out of range. Control thread.</summary>
    public void Validate()
    {
        Check(SampleRate, EngineLimits.MinSampleRateHz, EngineLimits.MaxSampleRateHz, nameof(SampleRate));
        Check(OutputChannels, 1, 2, nameof(OutputChannels));
        Check(MaxPolyphony, 1, EngineLimits.MaxPolyphony, nameof(MaxPolyphony));
        Check(MaxBlockFrames, EngineLimits.MinBlockFrames, EngineLimits.MaxBlockFrames, nameof(MaxBlockFrames));
        Check(EventQueueCapacity, EngineLimits.MinRingCapacity, EngineLimits.MaxRingCapacity, nameof(EventQueueCapacity));
        Check(MaxEventsPerBlock, 16, EngineLimits.MaxEventsPerBlock, nameof(MaxEventsPerBlock));
        Check(MaxInstruments, 1, 128, nameof(MaxInstruments));
        Check(OutputBuses, 0, MaxOutputBuses, nameof(OutputBuses));
        if (ChannelBuses && OutputBuses > 0)
            throw new ArgumentOutOfRangeException(nameof(OutputBuses), OutputBuses, "buses follow either the MIDI channel (ChannelBuses) or the region's output, not both");
        if (!(StealFadeSeconds > 0 && StealFadeSeconds <= EngineLimits.MaxStealFadeSeconds))
            throw new ArgumentOutOfRangeException(nameof(StealFadeSeconds), StealFadeSeconds, "must be above 0 and at most 0.005 s");
        if (!double.IsFinite(MasterGainDb) || MasterGainDb > 40)
            throw new ArgumentOutOfRangeException(nameof(MasterGainDb), MasterGainDb, "must be finite and at most +40 dB");
    }

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"must be between {min} and {max}");
    }
}

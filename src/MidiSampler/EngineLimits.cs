namespace MidiSampler;

/// <summary>
/// Every fixed bound of the engine, in one place (as sfizz keeps its limits in Config.h): the sizes of the per-voice
/// modulation arrays, the equaliser bands, the effect racks and buses, the rings and messages, and the ranges a
/// <c>SamplerConfig</c> or <c>StreamingOptions</c> may ask for. Everything preallocated is sized from here or from
/// a configuration value checked against here. Threads: any (constants).
/// </summary>
/// <remarks>
/// Design: it sits in the root namespace, below every layer, so that a loader can warn about a bound the engine
/// enforces (an SFZ region with more glides than a voice runs) without reaching up into the engine. A value here
/// changes memory per voice or per sampler; the comments say what it sizes.
/// </remarks>
public static class EngineLimits
{
    /// <summary>MIDI channels a sampler plays (and channel buses it can render).</summary>
    public const int MidiChannels = 16;

    /// <summary>Voices a sampler may be configured for, at most (<c>SamplerConfig.MaxPolyphony</c>).</summary>
    public const int MaxPolyphony = 8_192;

    /// <summary>The smallest and largest output rates in Hz.</summary>
    public const int MinSampleRateHz = 8_000, MaxSampleRateHz = 384_000;

    /// <summary>The smallest and largest block a sampler renders in one call, in frames (<c>SamplerConfig.MaxBlockFrames</c>).</summary>
    public const int MinBlockFrames = 16, MaxBlockFrames = 16_384;

    /// <summary>The smallest and largest capacity of a single-producer/single-consumer ring (events, streaming requests).</summary>
    public const int MinRingCapacity = 16, MaxRingCapacity = 1 << 20;

    /// <summary>Events the audio thread may apply in one block, at most (<c>SamplerConfig.MaxEventsPerBlock</c>).</summary>
    public const int MaxEventsPerBlock = 1 << 16;

    /// <summary>The longest system-exclusive message kept, in bytes (F0 and F7 included): resets and parameter changes fit easily.</summary>
    public const int MaxSysExBytes = 128;

    /// <summary>
    /// Bytes of a live SysEx message the <see cref="Engine.MidiDecoder"/> keeps to recognise it: the longest message the
    /// engine acts on (a GS data set, 11 bytes) fits; longer ones stream through and are counted as unsupported.
    /// </summary>
    public const int SysExBytesKept = 16;

    /// <summary>The longest fade of a stolen or killed voice, in seconds: short enough never to be heard as a late note-off.</summary>
    public const double MaxStealFadeSeconds = 0.005;

    /// <summary>SFZ v2 LFOs (<c>lfoN_*</c>) a voice runs; further ones stay in the model and are ignored. Sizes per-voice arrays.</summary>
    public const int MaxFlexLfos = 4;

    /// <summary>SFZ v2 flexible envelopes (<c>egN_*</c>) a voice runs; further ones stay in the model and are ignored. Sizes per-voice arrays.</summary>
    public const int MaxFlexEnvelopes = 4;

    /// <summary>Sub-waveforms of an SFZ LFO (ARIA <c>lfoN_waveX</c>, <c>_ratioX</c>, <c>_scaleX</c>, <c>_offsetX</c>), at most (sfizz's config::maxLFOSubs).</summary>
    public const int MaxLfoSubWaves = 8;

    /// <summary>Steps of an SFZ v2 step LFO (<c>lfoN_steps</c>), at most.</summary>
    public const int MaxFlexLfoSteps = 128;

    /// <summary>Points of an SFZ v2 flexible envelope (<c>egN_timeX</c>), at most.</summary>
    public const int MaxFlexEnvelopePoints = 16;

    /// <summary>
    /// Taps of an SFZ <c>type=tdfir</c> impulse at the output rate, at most (about 43 ms at 48 kHz: a body or cabinet
    /// response; a time-domain FIR costs its length in multiply-adds per frame and side, so longer ones are cut, reported).
    /// </summary>
    public const int MaxFirTaps = 2048;

    /// <summary>Equaliser bands (<c>eq1_*</c>..<c>eq3_*</c>) a voice runs. Sizes per-voice filters.</summary>
    public const int MaxEqBands = 3;

    /// <summary>Controller routes with a glide (<c>*_smoothccN</c>) a region may have; each needs a per-voice slot.</summary>
    public const int MaxSmoothedCcRoutes = 16;

    /// <summary>Stereo output buses a sampler can render (<c>SamplerConfig.OutputBuses</c>, SFZ <c>output</c> 0..15).</summary>
    public const int MaxOutputBuses = 16;

    /// <summary>Buses of an instrument's effect rack: main and fx1..fx4 (SFZ <c>&lt;effect&gt; bus</c>).</summary>
    public const int EffectBuses = 5;

    /// <summary>The longest effect tail a rack keeps running after its input stops, in seconds.</summary>
    public const int MaxEffectTailSeconds = 30;

    /// <summary>Racks that may ring at once, at least; a sampler keeps one slot per voice when it has more voices.</summary>
    public const int MinLiveRacks = 16;

    /// <summary>Effect racks a sampler of <paramref name="maxPolyphony"/> voices keeps running at once (a further instrument's voices play dry).</summary>
    public static int LiveRacks(int maxPolyphony) => Math.Max(MinLiveRacks, maxPolyphony);

    /// <summary>
    /// Voices a sampler of <paramref name="maxPolyphony"/> voices holds: the sounding ones plus a reserve of at least 8 (a quarter
    /// of the polyphony) that fade out stolen notes. A streaming store that one sampler plays needs this many stream slots
    /// (<c>StreamingOptions.MaxStreams</c>): a fading voice reads its sample too.
    /// </summary>
    public static int VoicePoolSize(int maxPolyphony) => maxPolyphony + Math.Max(8, maxPolyphony / 4);
}

using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Fuzz;

/// <summary>
/// Plays a fuzzed instrument through a real sampler (effects on, a few notes, controllers, pitch bend, a panic) and
/// turns any unhealthy output (non-finite, beyond ±10⁶) into an exception, so that afl records it as a crash.
/// </summary>
internal static class EnginePlay
{
    private const int Rate = 48_000;
    private const int Block = 256;

    /// <summary>A looped 440 Hz tone at half scale, the sample every fuzzed SFZ region and MIDI note plays.</summary>
    public static readonly Sample Tone = MakeTone();

    /// <summary>The tone over every key, looped, with a short release.</summary>
    public static readonly Instrument ToneInstrument = new("tone", [new Region
    {
        Sample = Tone,
        LoopMode = LoopMode.LoopContinuous,
        LoopStart = 0,
        LoopEnd = Tone.FrameCount - 1,
        AmpEnvelope = Envelope.Default with { ReleaseSeconds = 0.05 },
    }]);

    /// <summary>A small sampler with the built-in reverb and chorus.</summary>
    public static Sampler NewSampler() => new(new SamplerConfig
    {
        SampleRate = Rate,
        MaxPolyphony = 32,
        MaxBlockFrames = Block,
        OutputChannels = 2,
    });

    /// <summary>Plays <paramref name="instrument"/> for about a quarter of a second; throws on an unhealthy sample.</summary>
    public static void Play(Instrument instrument)
    {
        using var sampler = NewSampler();
        sampler.SetInstrument(0, instrument);
        var buffer = new float[Block * 2];
        sampler.ControlChange(0, 91, 100);
        sampler.ControlChange(0, 93, 100);
        for (int b = 0; b < 48; b++)
        {
            if (b % 8 == 0)
                sampler.NoteOn(0, 36 + (b * 3 % 60), 30 + (b * 7 % 97), b % Block);
            if (b % 8 == 5)
                sampler.NoteOff(0, 36 + ((b - 5) * 3 % 60), b % Block);
            if (b % 6 == 1)
                sampler.ControlChange(0, b % 128, (b * 37) % 128);
            if (b % 10 == 3)
                sampler.PitchBend(0, (b * 811) % 16384);
            if (b == 40)
                sampler.Panic();
            sampler.Process(buffer, Block);
            CheckBlock(buffer);
        }

        CheckStats(sampler);
    }

    /// <summary>Throws when a rendered block holds a non-finite or absurd value: the engine's guard failed.</summary>
    public static void CheckBlock(ReadOnlySpan<float> block)
    {
        if (!FiniteGuard.IsHealthy(block))
            throw new InvalidOperationException("the engine emitted a non-finite or absurd sample");
    }

    /// <summary>
    /// Throws when the engine's guards had to repair its output: for sanitized input that means some path produced
    /// NaN or infinity by itself, a finding even though the listener heard nothing.
    /// </summary>
    public static void CheckStats(Sampler sampler)
    {
        var stats = sampler.GetStats();
        if (stats.NonFiniteSamples > 0 || stats.EffectResets > 0 || stats.FilterResets > 0)
            throw new InvalidOperationException($"the engine repaired {stats.NonFiniteSamples} output values, reset {stats.EffectResets} effects and {stats.FilterResets} voice filters");
    }

    private static Sample MakeTone()
    {
        var data = new float[Rate / 440 * 440 / 10];
        for (int i = 0; i < data.Length; i++)
            data[i] = 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / Rate);
        return Sample.FromInterleaved("tone", Rate, 1, data);
    }
}

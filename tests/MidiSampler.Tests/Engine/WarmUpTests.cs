using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Tests.Engine;

/// <summary>The warm-up plays the installed instruments on a throw-away sampler and leaves the live one untouched.</summary>
public sealed class WarmUpTests
{
    [Fact]
    public void Warming_up_with_the_installed_instruments_leaves_the_live_sampler_as_it_was()
    {
        var tone = new float[4800];
        for (int i = 0; i < tone.Length; i++)
            tone[i] = 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / 48_000);
        var sample = Sample.FromInterleaved("tone", 48_000, 1, tone);
        var filtered = new Instrument("filtered", [new Region { Sample = sample, FilterType = FilterType.Lowpass2Pole, CutoffHz = 800, LoopMode = LoopMode.LoopContinuous, LoopEnd = 4799 }]);
        using var sampler = new Sampler(new SamplerConfig { SampleRate = 48_000, OutputChannels = 2, MaxPolyphony = 32, MaxBlockFrames = 128, OutputBuses = 2 });
        sampler.SetInstrument(0, filtered);

        sampler.WarmUp();

        var stats = sampler.GetStats();
        Assert.Equal(0L, stats.FramesProcessed);
        Assert.Equal(0, stats.ActiveVoices);
        Assert.Same(filtered, sampler.GetInstrument(0));

        // And it plays as usual afterwards: a note sounds, at the level of its region.
        sampler.NoteOn(0, 69, 127);
        var buffer = new float[128 * 2];
        float peak = 0;
        for (int b = 0; b < 40; b++)
        {
            sampler.Process(buffer, 128);
            foreach (float v in buffer)
                peak = MathF.Max(peak, MathF.Abs(v));
        }

        Assert.InRange(peak, 0.05f, 1f);
    }
}

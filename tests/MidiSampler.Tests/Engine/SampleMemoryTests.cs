using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// Sample memory lives off the GC heap and is freed deterministically: when its owner released it and the engine has
/// retired every instrument that plays it and their voices have ended; never while a voice reads it.
/// </summary>
public class SampleMemoryTests
{
    private const int Rate = 48_000;

    /// <summary>A looping 440 Hz sine stored as 16-bit integers.</summary>
    private static Sample Sine16()
    {
        var values = new short[4_800];
        for (int i = 0; i < values.Length; i++)
            values[i] = (short)Math.Round(16_000 * Math.Sin(2 * Math.PI * 440 * i / Rate));
        return Sample.FromInterleavedInt16("sine16", Rate, 1, values);
    }

    private static Instrument Looping(Sample sample) => Signals.Single(new Region
    {
        Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sample.FrameCount - 1,
        AmpEnvelope = new Envelope(0, 0, 0, 0, 1, 0.01),
    });

    [Fact]
    public void A_retired_instrument_keeps_its_samples_while_a_voice_plays_them_and_frees_them_after()
    {
        var sample = Sine16();
        var buffer = sample.Buffer!;
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Looping(sample));
        sampler.NoteOn(0, 69, 127);
        Signals.Render(sampler, Rate / 10);

        // Replaced, and its owner lets go, while the note still sounds.
        sampler.SetInstrument(0, Looping(Signals.Sine(220, Rate, 220)));
        sample.ReleaseMemory();
        Assert.Equal(1, sampler.CollectRetired());
        Assert.False(buffer.IsFreed, "freed while a voice plays it");
        var playing = Signals.Render(sampler, Rate / 2);
        var left = Signals.Channel(playing, 2, 0);
        // Still the right sound: 440 Hz at a steady level (freed memory would read as garbage or crash).
        Assert.InRange(Signals.Cents(Signals.Frequency(left, Rate, 0, left.Length), 440), -5, 5);
        Assert.True(Signals.Rms(left, 0, left.Length) > 0.05);
        Assert.False(buffer.IsFreed);

        sampler.NoteOff(0, 69);
        Signals.Render(sampler, Rate / 5); // the 10 ms release ends the voice
        Assert.Equal(0, sampler.CollectRetired());
        Assert.True(buffer.IsFreed, "the retired instrument's sample memory was not freed after its last voice ended");
    }

    [Fact]
    public void An_installed_sample_outlives_its_owners_release_until_the_engine_lets_go()
    {
        var sample = Sine16();
        var buffer = sample.Buffer!;
        var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Looping(sample));
        sample.ReleaseMemory();
        Assert.False(buffer.IsFreed);
        sampler.NoteOn(0, 69, 100);
        Assert.True(Signals.Rms(Signals.Render(sampler, Rate / 10), 0, Rate / 10) > 0.05);
        sampler.Dispose(); // after the audio thread stopped: the engine's references go
        Assert.True(buffer.IsFreed);
    }

    [Fact]
    public void A_sample_no_engine_uses_is_freed_at_once_and_cannot_be_installed_afterwards()
    {
        var sample = Sine16();
        Assert.Equal(SampleFormat.Int16, sample.Format);
        Assert.Equal((4_800 + (2 * Sample.PadFrames)) * sizeof(short), sample.ResidentBytes);
        sample.ReleaseMemory();
        Assert.True(sample.Buffer!.IsFreed);
        using var sampler = Signals.NewSampler();
        Assert.Throws<ObjectDisposedException>(() => sampler.SetInstrument(0, Looping(sample)));
    }

    [Fact]
    public void Copies_made_for_a_crossfaded_loop_belong_to_the_compiled_instrument_and_go_with_it()
    {
        var sample = Sine16();
        var instrument = Signals.Single(new Region
        {
            Sample = sample, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 1_000, LoopEnd = 4_000,
            VoiceOptions = new RegionVoiceOptions { LoopCrossfadeSeconds = 0.01 },
        });
        var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        var copy = sampler.CompiledRegionsForTests(0)[0].Played;
        Assert.NotSame(sample, copy);
        Assert.Equal(SampleFormat.Float32, copy.Format); // faded values are not 16-bit values
        sampler.SetInstrument(0, null);
        Signals.Render(sampler, 256); // the audio thread sees the swap
        Assert.Equal(0, sampler.CollectRetired());
        Assert.True(copy.Buffer!.IsFreed, "the crossfaded copy outlived its instrument");
        Assert.False(sample.Buffer!.IsFreed, "the sample itself still belongs to its owner");
        sampler.Dispose();
    }
}

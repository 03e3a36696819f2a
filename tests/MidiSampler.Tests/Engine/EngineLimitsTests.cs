using MidiSampler.Engine;
using MidiSampler.Streaming;

namespace MidiSampler.Tests.Engine;

/// <summary>The configurations accept exactly the ranges EngineLimits gives, so the limits really live in one place.</summary>
public class EngineLimitsTests
{
    [Fact]
    public void Sampler_config_accepts_the_limits_and_refuses_one_beyond()
    {
        var atLimits = new SamplerConfig
        {
            SampleRate = EngineLimits.MaxSampleRateHz,
            MaxPolyphony = EngineLimits.MaxPolyphony,
            MaxBlockFrames = EngineLimits.MaxBlockFrames,
            EventQueueCapacity = EngineLimits.MaxRingCapacity,
            MaxEventsPerBlock = EngineLimits.MaxEventsPerBlock,
            OutputBuses = EngineLimits.MaxOutputBuses,
            StealFadeSeconds = EngineLimits.MaxStealFadeSeconds,
        };
        atLimits.Validate();

        Assert.Throws<ArgumentOutOfRangeException>(() => (atLimits with { SampleRate = EngineLimits.MaxSampleRateHz + 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (atLimits with { SampleRate = EngineLimits.MinSampleRateHz - 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (atLimits with { MaxPolyphony = EngineLimits.MaxPolyphony + 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (atLimits with { MaxBlockFrames = EngineLimits.MaxBlockFrames + 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (atLimits with { EventQueueCapacity = EngineLimits.MaxRingCapacity + 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (atLimits with { MaxEventsPerBlock = EngineLimits.MaxEventsPerBlock + 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (atLimits with { OutputBuses = EngineLimits.MaxOutputBuses + 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (atLimits with { StealFadeSeconds = EngineLimits.MaxStealFadeSeconds * 1.01 }).Validate());
    }

    [Fact]
    public void Streaming_request_ring_follows_the_ring_limits()
    {
        new StreamingOptions { RequestRingCapacity = EngineLimits.MaxRingCapacity }.Validate();
        new StreamingOptions { RequestRingCapacity = EngineLimits.MinRingCapacity }.Validate();
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingOptions { RequestRingCapacity = EngineLimits.MaxRingCapacity + 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingOptions { RequestRingCapacity = EngineLimits.MinRingCapacity - 1 }.Validate());
    }

    [Fact]
    public void A_live_rack_slot_per_voice_and_never_fewer_than_the_minimum()
    {
        Assert.Equal(EngineLimits.MinLiveRacks, EngineLimits.LiveRacks(1));
        Assert.Equal(512, EngineLimits.LiveRacks(512));
        Assert.Equal(2 * EngineLimits.MaxOutputBuses, ChannelBusOutputs.Planes);
    }
}

using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// Per-MIDI-channel buses (<see cref="SamplerConfig.ChannelBuses"/>): each bus holds its own channel's sound and nothing
/// else, the main mix is their sum, the master gain applies to both, effect returns go to the main mix only, and the
/// render path stays allocation-free.
/// </summary>
[Collection(SerialCollection.Name)]
public class ChannelBusTests
{
    private const int Rate = 48_000;
    private const int Block = 256;
    private static readonly double ToneHz = Signals.SineHz(220, Rate, 40);

    [Fact]
    public void Notes_on_channels_1_and_10_each_sound_only_on_their_bus_and_the_main_mix_is_their_sum()
    {
        const int frames = 8 * Block;
        using var sampler = NewSampler(channelBuses: true, effects: false);
        sampler.NoteOn(0, 60, 100);
        sampler.NoteOn(9, 72, 90, offsetFrames: 37); // mid-block: the bus is cleared by its first voice, not before
        var (mainLeft, mainRight, busLeft, busRight) = BusRendering.Render(sampler, frames, Block);

        // The same notes alone, through a sampler without buses: what each bus must hold, sample for sample.
        var soloOne = RenderSolo(0, 60, 100, 0, frames);
        var soloTen = RenderSolo(9, 72, 90, 37, frames);
        Assert.Equal(soloOne.Left, busLeft[0]);
        Assert.Equal(soloOne.Right, busRight[0]);
        Assert.Equal(soloTen.Left, busLeft[9]);
        Assert.Equal(soloTen.Right, busRight[9]);
        Assert.InRange(Signals.Cents(Signals.Frequency(busLeft[0], Rate, Block, frames), ToneHz), -3, 3);
        Assert.InRange(Signals.Cents(Signals.Frequency(busLeft[9], Rate, Block, frames), 2 * ToneHz), -3, 3);
        Assert.True(Signals.Rms(busLeft[0], Block, frames) > 0.05);
        Assert.True(Signals.Rms(busLeft[9], Block, frames) > 0.05);
        Assert.All(busLeft[9].Take(37), x => Assert.Equal(0f, x)); // channel 10 starts at its note's frame

        for (int c = 0; c < 16; c++)
        {
            if (c is 0 or 9)
                continue;
            Assert.All(busLeft[c], x => Assert.Equal(0f, x)); // prefilled with garbage: silent buses are written with zeros
            Assert.All(busRight[c], x => Assert.Equal(0f, x));
        }

        for (int i = 0; i < frames; i++)
        {
            Assert.Equal(busLeft[0][i] + busLeft[9][i], mainLeft[i]);
            Assert.Equal(busRight[0][i] + busRight[9][i], mainRight[i]);
        }
    }

    [Fact]
    public void The_master_gain_and_its_ramp_apply_to_the_buses_as_to_the_main_mix()
    {
        const int frames = 6 * Block;
        using var sampler = NewSampler(channelBuses: true, effects: false, masterGainDb: -6);
        sampler.NoteOn(2, 60, 100);
        sampler.NoteOn(5, 67, 100);
        sampler.MasterGainDb = -20; // ramped over the first block, on the buses and the main mix alike
        var (mainLeft, _, busLeft, _) = BusRendering.Render(sampler, frames, Block);

        var solo = RenderSolo(2, 60, 100, 0, frames);
        float settled = MathF.Pow(10, -20 / 20f);
        for (int i = Block; i < frames; i++)
            Assert.Equal(solo.Left[i] * settled, busLeft[2][i], 1e-6f);
        for (int i = 0; i < frames; i++)
            Assert.Equal(busLeft[2][i] + busLeft[5][i], mainLeft[i], 1e-6f);

        // During the ramp the bus lies between the two gains, as the main mix does.
        float start = MathF.Pow(10, -6 / 20f);
        for (int i = 1; i < Block; i++)
            Assert.InRange(MathF.Abs(busLeft[2][i]), (MathF.Abs(solo.Left[i]) * settled) - 1e-6f, (MathF.Abs(solo.Left[i]) * start) + 1e-6f);
    }

    [Fact]
    public void Effect_returns_go_to_the_main_mix_only_and_the_buses_stay_dry()
    {
        const int frames = 16 * Block;
        using var sampler = NewSampler(channelBuses: true, effects: true);
        sampler.ControlChange(0, 91, 127); // full reverb send on channel 1
        sampler.NoteOn(0, 60, 100);
        var (mainLeft, _, busLeft, _) = BusRendering.Render(sampler, frames, Block);

        var dry = RenderSolo(0, 60, 100, 0, frames);
        Assert.Equal(dry.Left, busLeft[0]);
        var returns = new float[frames];
        for (int i = 0; i < frames; i++)
            returns[i] = mainLeft[i] - busLeft[0][i];
        Assert.True(Signals.Rms(returns, frames / 2, frames) > 1e-3, "the reverb return is missing from the main mix");
    }

    [Fact]
    public void Without_channel_buses_the_bus_planes_get_silence_and_the_main_mix_is_unchanged()
    {
        const int frames = 4 * Block;
        using var sampler = NewSampler(channelBuses: false, effects: false);
        sampler.NoteOn(0, 60, 100);
        var (mainLeft, _, busLeft, _) = BusRendering.Render(sampler, frames, Block);

        Assert.Equal(RenderSolo(0, 60, 100, 0, frames).Left, mainLeft);
        Assert.All(busLeft[0], x => Assert.Equal(0f, x));
    }

    [Fact]
    public void Thousands_of_blocks_with_channel_buses_and_effects_allocate_nothing()
    {
        using var sampler = NewSampler(channelBuses: true, effects: true, polyphony: 64);
        var left = GC.AllocateArray<float>(Block, pinned: true);
        var right = GC.AllocateArray<float>(Block, pinned: true);
        var planes = BusRendering.Planes(Block);
        var hostEvents = new MidiEvent[4];
        var random = new Random(11);

        void RunBlock(int b)
        {
            if (b % 3 == 0)
                sampler.NoteOn(b % 16, 40 + random.Next(50), 1 + random.Next(127), random.Next(Block));
            if (b % 3 == 1)
                sampler.NoteOff((b - 1) % 16, 40 + random.Next(50), random.Next(Block));
            if (b % 37 == 0)
                sampler.ControlChange(b % 16, 91 + (b % 2 * 2), random.Next(128));
            hostEvents[0] = MidiEvent.NoteOn(random.Next(Block), 9, 40 + random.Next(40), 100);
            hostEvents[1] = MidiEvent.NoteOff(random.Next(Block), 9, 40 + random.Next(40));
            if (b % 500 == 0)
                sampler.MasterGainDb = -(b % 1000 / 100.0);
            BusRendering.Process(sampler, left, right, planes, Block, hostEvents.AsSpan(0, b % 2 == 0 ? 2 : 0));
        }

        var (allocated, gen0, _, _) = AllocationWindow.Measure(RunBlock, 1_000, 5_000);

        Assert.Equal(0, allocated);
        Assert.Equal(0, gen0);
        Assert.True(sampler.GetStats().PeakVoices > 20, "the test did not load the engine");
    }

    private static Sampler NewSampler(bool channelBuses, bool effects, double masterGainDb = 0, int polyphony = 32)
    {
        var sampler = new Sampler(new SamplerConfig
        {
            SampleRate = Rate,
            MaxPolyphony = polyphony,
            MaxBlockFrames = 1024,
            ChannelBuses = channelBuses,
            EffectsEnabled = effects,
            MasterGainDb = masterGainDb,
        });
        var tone = Signals.Sine(220, Rate, 40);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = tone, LoopMode = LoopMode.LoopContinuous, LoopEnd = tone.FrameCount - 1 }));
        for (int c = 0; c < 16; c++)
            sampler.ControlChange(c, 7, 127);
        return sampler;
    }

    /// <summary>One note through a sampler without buses or effects: the reference a bus must equal.</summary>
    private static (float[] Left, float[] Right) RenderSolo(int channel, int key, int velocity, int offsetFrames, int frames)
    {
        using var sampler = NewSampler(channelBuses: false, effects: false);
        sampler.NoteOn(channel, key, velocity, offsetFrames);
        var output = Signals.Render(sampler, frames, Block);
        return (Signals.Channel(output, 2, 0), Signals.Channel(output, 2, 1));
    }
}

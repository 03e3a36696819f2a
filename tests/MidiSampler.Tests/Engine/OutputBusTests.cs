using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// Per-output buses (<see cref="SamplerConfig.OutputBuses"/>, SFZ v1 <c>output</c>): a region sounds only on the bus of its
/// output (clamped to the last bus), the main mix is the sum of the buses and equals a plain stereo render, the built-in
/// reverb and chorus returns go to the main mix only, an instrument's &lt;effect&gt; rack belongs to output 0, and the
/// render path allocates nothing. The instruments go through the SFZ loader, so the opcode is checked from text to sound.
/// </summary>
[Collection(SerialCollection.Name)]
public class OutputBusTests
{
    private const int Rate = 48_000;
    private const int Block = 256;
    private const string Kit = """
        <region> sample=kick.wav key=36 loop_mode=loop_continuous
        <region> sample=snare.wav key=38 loop_mode=loop_continuous output=3
        """;

    [Fact]
    public void Regions_with_output_0_and_3_each_sound_only_on_their_bus_and_the_main_mix_is_their_sum()
    {
        const int frames = 8 * Block;
        using var dir = new TempSfzDirectory();
        using var sampler = NewSampler(dir, Kit, outputBuses: 4, effects: false);
        sampler.NoteOn(0, 36, 100);
        sampler.NoteOn(0, 38, 90, offsetFrames: 37); // the same channel: the routing is by region, not by channel
        var (mainLeft, mainRight, busLeft, busRight) = BusRendering.Render(sampler, frames, Block);

        // Each note alone through a sampler without buses: what its bus must hold, sample for sample.
        var kick = RenderSolo(dir, Kit, 36, 100, 0, frames);
        var snare = RenderSolo(dir, Kit, 38, 90, 37, frames);
        Assert.Equal(kick.Left, busLeft[0]);
        Assert.Equal(kick.Right, busRight[0]);
        Assert.Equal(snare.Left, busLeft[3]);
        Assert.Equal(snare.Right, busRight[3]);
        Assert.InRange(Signals.Cents(Signals.Frequency(busLeft[0], Rate, Block, frames), Signals.SineHz(200, Rate, 40)), -3, 3);
        Assert.InRange(Signals.Cents(Signals.Frequency(busLeft[3], Rate, Block, frames), Signals.SineHz(300, Rate, 60)), -3, 3);
        Assert.True(Signals.Rms(busLeft[3], Block, frames) > 0.05);
        Assert.All(busLeft[3].Take(37), x => Assert.Equal(0f, x));
        foreach (int silent in new[] { 1, 2, 4, 9, 15 })
        {
            Assert.All(busLeft[silent], x => Assert.Equal(0f, x)); // prefilled with garbage: written with zeros
            Assert.All(busRight[silent], x => Assert.Equal(0f, x));
        }

        for (int i = 0; i < frames; i++)
        {
            Assert.Equal(busLeft[0][i] + busLeft[3][i], mainLeft[i]);
            Assert.Equal(busRight[0][i] + busRight[3][i], mainRight[i]);
        }
    }

    [Fact]
    public void An_output_at_or_beyond_the_bus_count_plays_on_the_last_bus()
    {
        const int frames = 4 * Block;
        const string sfz = "<region> sample=kick.wav key=36 loop_mode=loop_continuous output=9";
        using var dir = new TempSfzDirectory();
        using var sampler = NewSampler(dir, sfz, outputBuses: 2, effects: false);
        sampler.NoteOn(0, 36, 100);
        var (mainLeft, _, busLeft, _) = BusRendering.Render(sampler, frames, Block);

        Assert.Equal(RenderSolo(dir, sfz, 36, 100, 0, frames).Left, busLeft[1]);
        Assert.Equal(mainLeft, busLeft[1]);
        Assert.All(busLeft[0], x => Assert.Equal(0f, x));
        Assert.All(busLeft[9], x => Assert.Equal(0f, x)); // not a bus of this sampler: zeros
    }

    [Fact]
    public void With_reverb_and_chorus_sends_the_buses_stay_dry_and_the_main_mix_equals_a_plain_stereo_render()
    {
        const int frames = 16 * Block;
        const string sfz = """
            <region> sample=kick.wav key=36 loop_mode=loop_continuous
            <region> sample=snare.wav key=38 loop_mode=loop_continuous output=3 effect2=40
            """;
        using var dir = new TempSfzDirectory();
        using var routed = NewSampler(dir, sfz, outputBuses: 4, effects: true);
        using var plain = NewSampler(dir, sfz, outputBuses: 0, effects: true);
        foreach (var s in new[] { routed, plain })
        {
            s.ControlChange(0, 91, 100); // channel 1: reverb send
            s.ControlChange(1, 93, 30); // channel 2: chorus send, which the snare's effect2 adds to
        }

        // A block first: without buses a channel's send is decided at the start of a block, so a send set in the block
        // of the note would reach the reverb a block later there (per-output routing takes it at the voice's run).
        BusRendering.Render(routed, Block, Block);
        Signals.Render(plain, Block, Block);
        foreach (var s in new[] { routed, plain })
        {
            s.NoteOn(0, 36, 100);
            s.NoteOn(1, 38, 100, offsetFrames: 100);
        }

        var (mainLeft, mainRight, busLeft, _) = BusRendering.Render(routed, frames, Block);
        var reference = Signals.Render(plain, frames, Block);

        // A plain stereo client hears the same whether or not the sampler splits its outputs.
        for (int i = 0; i < frames; i++)
        {
            Assert.Equal(reference[2 * i], mainLeft[i], 1e-5f);
            Assert.Equal(reference[(2 * i) + 1], mainRight[i], 1e-5f);
        }

        // The buses are the voices' dry sound; the returns are in the main mix only.
        Assert.Equal(RenderSolo(dir, sfz, 36, 100, 0, frames).Left, busLeft[0]);
        var returns = new float[frames];
        for (int i = 0; i < frames; i++)
            returns[i] = mainLeft[i] - busLeft[0][i] - busLeft[3][i];
        Assert.True(Signals.Rms(returns, frames / 2, frames) > 1e-3, "the effect returns are missing from the main mix");
    }

    [Fact]
    public void An_effect_rack_belongs_to_output_0_and_voices_on_other_outputs_play_dry_on_their_bus()
    {
        const int frames = 8 * Block;
        // directtomain=50: the rack's main bus halves what passes through it.
        const string sfz = """
            <region> sample=kick.wav key=36 loop_mode=loop_continuous
            <region> sample=snare.wav key=38 loop_mode=loop_continuous output=2
            <effect> directtomain=50
            """;
        using var dir = new TempSfzDirectory();
        using var sampler = NewSampler(dir, sfz, outputBuses: 4, effects: true);
        sampler.NoteOn(0, 36, 100);
        sampler.NoteOn(0, 38, 100);
        var (mainLeft, _, busLeft, _) = BusRendering.Render(sampler, frames, Block);

        var kickDry = RenderSolo(dir, Kit, 36, 100, 0, frames);
        var snareDry = RenderSolo(dir, Kit, 38, 100, 0, frames);
        Assert.Equal(-6.02, Signals.Db(Signals.Rms(busLeft[0], Block, frames) / Signals.Rms(kickDry.Left, Block, frames)), 0.05);
        Assert.Equal(snareDry.Left, busLeft[2]);
        for (int i = 0; i < frames; i++)
            Assert.Equal(busLeft[0][i] + busLeft[2][i], mainLeft[i], 1e-6f);
    }

    [Fact]
    public void Any_output_and_bus_count_sound_on_exactly_one_bus_the_one_OutputBusRouting_names()
    {
        var cases = from output in Gen.Choose(0, 1024)
                    from buses in Gen.Choose(1, SamplerConfig.MaxOutputBuses)
                    select (output, buses);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var tone = Signals.Sine(200, Rate, 40);
            using var sampler = new Sampler(new SamplerConfig { SampleRate = Rate, MaxPolyphony = 4, MaxBlockFrames = Block, OutputBuses = c.buses, EffectsEnabled = false });
            sampler.SetInstrument(0, Signals.Single(new Region { Sample = tone, LoopMode = LoopMode.LoopContinuous, LoopEnd = tone.FrameCount - 1, Output = c.output }));
            sampler.NoteOn(0, 60, 127);
            var (_, _, busLeft, _) = BusRendering.Render(sampler, Block, Block);
            int expected = OutputBusRouting.BusOf(c.output, c.buses);
            for (int b = 0; b < 16; b++)
                Assert.Equal(b == expected, busLeft[b].Any(x => x != 0));
            Assert.Equal(c.output >= c.buses, OutputBusRouting.Warning(Signals.Single(new Region { Sample = tone, Output = c.output }), c.buses) is not null);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Channel_buses_and_output_buses_are_exclusive_and_the_count_is_bounded()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SamplerConfig { ChannelBuses = true, OutputBuses = 4 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SamplerConfig { OutputBuses = 17 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SamplerConfig { OutputBuses = -1 }.Validate());
        new SamplerConfig { OutputBuses = SamplerConfig.MaxOutputBuses }.Validate();
    }

    [Fact]
    public void Thousands_of_blocks_with_output_buses_sends_and_a_rack_allocate_nothing()
    {
        const string sfz = """
            <region> sample=kick.wav lokey=30 hikey=49 pitch_keycenter=36 loop_mode=loop_continuous
            <region> sample=snare.wav lokey=50 hikey=69 pitch_keycenter=60 loop_mode=loop_continuous output=3 effect1=30
            <region> sample=kick.wav lokey=70 hikey=90 pitch_keycenter=72 loop_mode=loop_continuous output=12 effect2=30
            """;
        using var dir = new TempSfzDirectory();
        using var sampler = NewSampler(dir, sfz, outputBuses: 8, effects: true, polyphony: 64);
        // Program 1: the same kit with an <effect> rack (an eq on fx1), to run the rack on output 0 with sends.
        sampler.SetInstrument(1, Load(dir, sfz.Replace("effect1=30", "effect1=60", StringComparison.Ordinal) + "\n<effect> bus=fx1 type=eq eq_gain=6 fx1tomain=50"));
        sampler.ProgramChange(4, 1);
        sampler.ProgramChange(5, 1);
        var left = GC.AllocateArray<float>(Block, pinned: true);
        var right = GC.AllocateArray<float>(Block, pinned: true);
        var planes = BusRendering.Planes(Block);
        var hostEvents = new MidiEvent[4];
        var random = new Random(7);

        void RunBlock(int b)
        {
            if (b % 3 == 0)
                sampler.NoteOn(b % 8, 30 + random.Next(60), 1 + random.Next(127), random.Next(Block));
            if (b % 3 == 1)
                sampler.NoteOff((b - 1) % 8, 30 + random.Next(60), random.Next(Block));
            if (b % 37 == 0)
                sampler.ControlChange(b % 8, 91 + (b % 2 * 2), random.Next(128));
            hostEvents[0] = MidiEvent.NoteOn(random.Next(Block), 5, 30 + random.Next(60), 100);
            hostEvents[1] = MidiEvent.NoteOff(random.Next(Block), 5, 30 + random.Next(60));
            if (b % 500 == 0)
                sampler.MasterGainDb = -(b % 1000 / 100.0);
            BusRendering.Process(sampler, left, right, planes, Block, hostEvents.AsSpan(0, b % 2 == 0 ? 2 : 0));
        }

        var (allocated, gen0, _, _) = AllocationWindow.Measure(RunBlock, 1_000, 5_000);

        Assert.Equal(0, allocated);
        Assert.Equal(0, gen0);
        Assert.True(sampler.GetStats().PeakVoices > 20, "the test did not load the engine");
    }

    private static Instrument Load(TempSfzDirectory dir, string sfz)
    {
        dir.Touch("kick.wav", "snare.wav");
        return SfzLoader.Load(
            dir.Write("kit.sfz", sfz),
            path => path.EndsWith("kick.wav", StringComparison.Ordinal) ? Signals.Sine(200, Rate, 40) : Signals.Sine(300, Rate, 60));
    }

    private static Sampler NewSampler(TempSfzDirectory dir, string sfz, int outputBuses, bool effects, int polyphony = 32)
    {
        var sampler = new Sampler(new SamplerConfig
        {
            SampleRate = Rate,
            MaxPolyphony = polyphony,
            MaxBlockFrames = 1024,
            OutputBuses = outputBuses,
            EffectsEnabled = effects,
        });
        sampler.SetInstrument(0, Load(dir, sfz));
        for (int c = 0; c < 16; c++)
            sampler.ControlChange(c, 7, 127);
        return sampler;
    }

    /// <summary>One note through a sampler without buses or effects: the reference a bus must equal.</summary>
    private static (float[] Left, float[] Right) RenderSolo(TempSfzDirectory dir, string sfz, int key, int velocity, int offsetFrames, int frames)
    {
        using var sampler = NewSampler(dir, sfz, outputBuses: 0, effects: false);
        sampler.NoteOn(0, key, velocity, offsetFrames);
        var output = Signals.Render(sampler, frames, Block);
        return (Signals.Channel(output, 2, 0), Signals.Channel(output, 2, 1));
    }
}

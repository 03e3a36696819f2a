using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// A region's own effect sends (SFZ v1 <c>effect1</c> → reverb, <c>effect2</c> → chorus): heard in the main mix with the
/// channel's CC91/CC93 at 0, proportional to the level, added to the channel's send with the sum capped at 100 %, and
/// nothing at all when the effects are off.
/// </summary>
[Collection(SerialCollection.Name)]
public class RegionEffectSendTests
{
    private const int Rate = 48_000;
    private const int Frames = Rate / 2;
    private const int Block = 256;

    // 440 Hz one-shot, 20 periods: the dry note is over by frame ~1090 (plus the note-on offset below).
    private static readonly Sample Tone = Signals.Sine(440, Rate, 20);
    private const int NoteOffset = 37; // mid-block: the voice's send lands at the right place in the chunk

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Effect1_at_100_on_a_channel_with_cc91_at_0_leaves_a_reverb_tail_and_effect1_at_0_none(bool channelBuses)
    {
        double wet = ReverbTailRms(effect1Percent: 100, cc91: 0, channelBuses);
        double dry = ReverbTailRms(effect1Percent: 0, cc91: 0, channelBuses);

        Assert.Equal(0, dry); // nothing fed the reverb: the mix is silent once the note is over
        Assert.InRange(Signals.Db(wet), -70, -10);
    }

    [Fact]
    public void The_reverb_tail_follows_the_send_level_linearly()
    {
        double full = ReverbTailRms(effect1Percent: 100, cc91: 0);
        double half = ReverbTailRms(effect1Percent: 50, cc91: 0);

        Assert.Equal(-6.02, Signals.Db(half / full), 0.05);
    }

    [Fact]
    public void The_region_send_adds_to_the_channel_send_and_the_sum_is_capped_at_100_percent()
    {
        double channelFull = ReverbTailRms(effect1Percent: 0, cc91: 127);
        double regionFull = ReverbTailRms(effect1Percent: 100, cc91: 0);
        double both = ReverbTailRms(effect1Percent: 100, cc91: 127); // 200 %: capped
        double channelHalf = ReverbTailRms(effect1Percent: 0, cc91: 64);
        double sum = ReverbTailRms(effect1Percent: 100 - (64 * 100.0 / 127), cc91: 64); // 50.4 % + 49.6 % = 100 %

        Assert.Equal(0, Signals.Db(regionFull / channelFull), 0.01); // the same send, by either route
        Assert.Equal(0, Signals.Db(both / channelFull), 0.01);
        Assert.Equal(0, Signals.Db(sum / channelFull), 0.01);
        Assert.True(channelHalf < channelFull * 0.6, $"{channelHalf} vs {channelFull}"); // the cases above are not trivially equal
    }

    [Fact]
    public void Effect2_at_100_on_a_channel_with_cc93_at_0_adds_a_delayed_chorus_and_effect2_at_0_none()
    {
        var dryMix = Render(new Region { Sample = Tone, LoopMode = LoopMode.OneShot }, effects: false);
        var noSend = Render(new Region { Sample = Tone, LoopMode = LoopMode.OneShot, Effect2Percent = 0 });
        var chorus = Render(new Region { Sample = Tone, LoopMode = LoopMode.OneShot, Effect2Percent = 100 });

        Assert.Equal(dryMix, noSend); // effect2=0 and CC93=0: the chorus is fed nothing and adds nothing
        var wet = new float[chorus.Length];
        for (int i = 0; i < wet.Length; i++)
            wet[i] = chorus[i] - dryMix[i];
        var wetLeft = Signals.Channel(wet, 2, 0);
        var dryLeft = Signals.Channel(dryMix, 2, 0);
        int noteEnd = NoteOffset + Tone.FrameCount;

        // While the note sounds, the wet part is a substantial, audible share of the dry level.
        double ratioDb = Signals.Db(Signals.Rms(wetLeft, NoteOffset + 800, noteEnd) / Signals.Rms(dryLeft, NoteOffset + 800, noteEnd));
        Assert.InRange(ratioDb, -12, 3);
        // It is a delay of 7..13 ms: it starts no earlier than 7 ms after the note, outlives the dry note by the
        // delay, and is gone soon after (a chorus, not the reverb).
        Assert.Equal(0, Signals.Rms(wetLeft, 0, NoteOffset + (Rate * 6 / 1000)));
        Assert.Equal(0, Signals.Rms(dryLeft, noteEnd + 1, noteEnd + 300));
        Assert.True(Signals.Rms(wetLeft, noteEnd + 1, noteEnd + 300) > 1e-3);
        Assert.Equal(0, Signals.Rms(wetLeft, noteEnd + (Rate * 20 / 1000), Frames));
    }

    [Fact]
    public void With_effects_off_the_region_sends_change_nothing()
    {
        var plain = Render(new Region { Sample = Tone, LoopMode = LoopMode.OneShot }, effects: false);
        var sending = Render(new Region { Sample = Tone, LoopMode = LoopMode.OneShot, Effect1Percent = 100, Effect2Percent = 100 }, effects: false);

        Assert.Equal(plain, sending);
        Assert.True(Signals.Rms(Signals.Channel(plain, 2, 0), 0, 1000) > 0.1); // the note itself did play
    }

    [Fact]
    public void A_voice_with_a_send_and_one_without_on_the_same_channel_keep_their_dry_sound()
    {
        // Two regions on one key: one sends, one does not. The dry mix (effects off) of both must equal the sum of
        // each alone, and with effects on the sending one's reverb is the only tail.
        var sends = new Region { Sample = Tone, LoopMode = LoopMode.OneShot, Effect1Percent = 100 };
        var plain = new Region { Sample = Signals.Sine(660, Rate, 30), LoopMode = LoopMode.OneShot };
        var both = RenderInstrument(new Instrument("two", [sends, plain]), effects: true, cc91: 0);
        var sendsAlone = RenderInstrument(new Instrument("one", [sends]), effects: true, cc91: 0);
        var plainAlone = RenderInstrument(new Instrument("one", [plain]), effects: true, cc91: 0);

        for (int i = 0; i < both.Length; i++)
            Assert.Equal(sendsAlone[i] + plainAlone[i], both[i], 1e-5f);
        Assert.Equal(0, Signals.Rms(Signals.Channel(plainAlone, 2, 0), 4_800, Frames));
    }

    private static double ReverbTailRms(double effect1Percent, int cc91, bool channelBuses = false)
    {
        var output = RenderInstrument(Signals.Single(new Region { Sample = Tone, LoopMode = LoopMode.OneShot, Effect1Percent = effect1Percent }),
            effects: true, cc91, channelBuses);
        var left = Signals.Channel(output, 2, 0);
        Assert.All(output, x => Assert.True(float.IsFinite(x)));
        return Signals.Rms(left, 4_800, Frames); // from 100 ms: long after the dry note
    }

    private static float[] Render(Region region, bool effects = true) => RenderInstrument(Signals.Single(region), effects, cc91: 0);

    private static float[] RenderInstrument(Instrument instrument, bool effects, int cc91, bool channelBuses = false)
    {
        using var sampler = new Sampler(new SamplerConfig { SampleRate = Rate, MaxBlockFrames = Block, EffectsEnabled = effects, ChannelBuses = channelBuses });
        sampler.SetInstrument(0, instrument);
        sampler.ControlChange(0, 7, 127);
        sampler.ControlChange(0, 91, cc91);
        sampler.ControlChange(0, 93, 0);
        // The controllers take effect in a block of their own: the engine decides a channel's send routing per block.
        Signals.Render(sampler, Block, Block);
        sampler.NoteOn(0, 60, 127, NoteOffset);
        return Signals.Render(sampler, Frames, Block);
    }
}

using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// Instruments with SFZ &lt;effect&gt; racks on the audio path allocate nothing: every bus and effect type of this branch,
/// controllers moving their parameters, a bypass switching, voices on several channels, instrument swaps, racks
/// falling silent and waking again.
/// </summary>
[Collection(SerialCollection.Name)]
public class EffectRackAllocationTests
{
    private const string Sfz = """
        <region> sample=s.wav loop_mode=loop_continuous hikey=70 effect1=60 effect2=40 effect3=30 effect4=20
        <region> sample=s.wav loop_mode=one_shot lokey=71 effect1=100
        <effect> type=eq eq_freq=800 eq_gain=3 eq_gain_oncc20=6 eq_freq_oncc21=2000 directtomain=90
        <effect> type=filter filter_type=lpf_4p filter_cutoff=3000 filter_cutoff_oncc22=2400 filter_resonance_oncc23=6 bypass_oncc24=1
        <effect> bus=fx1 type=fverb reverb_type=large_hall reverb_predelay=0.02 reverb_wet_oncc25=-50 fx1tomain=60
        <effect> bus=fx2 type=lofi bitred=50 decim=30 decim_oncc26=40 fx2tomix=50
        <effect> bus=fx3 type=eq eq_type=hshelf eq_freq=4000 eq_gain=-6 fx3tomain=40
        <effect> bus=fx4 type=filter filter_type=bpf_2p filter_cutoff=1000 fx4tomain=40
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ten_thousand_blocks_through_effect_racks_allocate_nothing(bool channelBuses)
    {
        const int block = 128;
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var sine = Signals.Sine(220, 48_000, 50);
        var instrument = SfzLoader.Load(dir.Write("fx.sfz", Sfz), _ => sine);
        Assert.Empty(instrument.Warnings);
        using var sampler = new Sampler(new SamplerConfig { MaxPolyphony = 48, MaxBlockFrames = 256, ChannelBuses = channelBuses });
        sampler.SetInstrument(0, instrument);
        sampler.SetInstrument(1, instrument); // a second compiled copy: its own rack
        var output = new float[block * 2];
        var random = new Random(11);

        void RunBlock(int b)
        {
            if (b % 3 == 0)
                sampler.NoteOn(b % 3, 40 + random.Next(50), 1 + random.Next(127), random.Next(block));
            if (b % 3 == 1)
                sampler.NoteOff(b % 3, 40 + random.Next(50), random.Next(block));
            if (b % 7 == 0)
                sampler.ControlChange(b % 3, 20 + random.Next(7), random.Next(128), random.Next(block));
            if (b % 97 == 0)
                sampler.ProgramChange(b % 3, b % 2);
            if (b % 43 == 0)
                sampler.ControlChange(b % 3, 91, random.Next(128));
            if (b % 1_500 == 700)
                sampler.ControlChange(0, 123, 0); // silence for a while: racks ring out and leave the running list
            sampler.Process(output, block);
        }

        var (allocated, gen0, gen1, gen2) = AllocationWindow.Measure(RunBlock, 2_000, 10_000);

        Assert.Equal(0, allocated);
        Assert.Equal(0, gen0);
        Assert.Equal(0, gen1);
        Assert.Equal(0, gen2);
        Assert.True(sampler.GetStats().PeakVoices > 10);
        Assert.True(sampler.GetStats().PeakLevel > 0.01f);
    }
}

using MidiSampler.Engine;
using MidiSampler.Formats.Sf2;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sf2;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// SF2.04 sections 8.4.8 and 8.4.9: the default modulators CC91 → reverb send and CC93 → chorus send have amount 200
/// (in 0.1 %), so a SoundFont voice at CC 127 sends 20 %, as FluidSynth, not the 100 % an SFZ channel sends (14 dB less
/// wet signal). Measured on the sound: the wet part (the render with the controller at 127 less the one at 0).
/// </summary>
[Collection(SerialCollection.Name)]
public class SoundFontSendTests
{
    private const int Rate = 48_000;
    private const int Block = 256;

    [Theory]
    [InlineData(91)]
    [InlineData(93)]
    public void Cc91_and_cc93_at_127_send_20_percent_of_a_soundfont_voice(int controller)
    {
        var soundFont = SoundFontLoader.Load(new MemoryStream(Sf2Builder.Simple().Build()), "simple.sf2", 0, 0);
        var asSfz = new Instrument(soundFont.Name, soundFont.Regions) { ChannelSendScale = 1, SoundFontVolumeCurves = true };
        // The same 20 % through a region's own send (SFZ effect1/effect2 = 20) with the controller at 0.
        var regionSend = new Instrument(soundFont.Name, [.. soundFont.Regions.Select(r => controller == 91 ? r with { Effect1Percent = 20 } : r with { Effect2Percent = 20 })])
        {
            SoundFontVolumeCurves = true, // the same CC7 law: only the send differs
        };

        double sf2 = Wet(soundFont, controller, 127), sfz = Wet(asSfz, controller, 127), generator = Wet(regionSend, controller, 0);

        Assert.Equal(20 * Math.Log10(0.2), Signals.Db(sf2 / sfz), 0.05); // -13.98 dB
        Assert.Equal(0, Signals.Db(sf2 / generator), 0.05);
    }

    /// <summary>
    /// Section 9.5: a bank's modulator identical to a default send one replaces it. Removing CC91's (amount 0) leaves no
    /// reverb from CC91; CC93's at amount 1000 sends 100 %, as an SFZ channel does (before, both stayed at 20 % and a
    /// warning named them). The preset's scales come from its zones' lists (SoundFontMapper.SendScales).
    /// </summary>
    [Fact]
    public void A_bank_can_replace_or_remove_the_default_send_modulators()
    {
        var b = new Sf2Builder();
        var data = new short[64];
        for (int n = 0; n < data.Length; n++)
            data[n] = (short)(10000 * Math.Sin(2 * Math.PI * n / 16));
        int s = b.AddSample("sine", data, 8, 56, pitch: 69);
        int i = b.AddInstrument("inst", new Sf2Builder.Zone([Sf2Builder.Gen(SoundFontGeneratorType.SampleModes, 1), Sf2Builder.SampleId(s)],
            [new SoundFontModulator(0x00DB, (ushort)SoundFontGeneratorType.ReverbEffectsSend, 0, 0, 0), new SoundFontModulator(0x00DD, (ushort)SoundFontGeneratorType.ChorusEffectsSend, 1000, 0, 0)]));
        b.AddPreset("preset", 0, 0, new Sf2Builder.Zone(Sf2Builder.Instrument(i)));
        var own = SoundFontLoader.Load(new MemoryStream(b.Build()), "sends.sf2", 0, 0);
        Assert.Equal((0.0, 1.0), (own.ChannelSendScale, own.ChannelChorusSendScale ?? own.ChannelSendScale));
        var soundFont = SoundFontLoader.Load(new MemoryStream(Sf2Builder.Simple().Build()), "simple.sf2", 0, 0);
        var asSfz = new Instrument(soundFont.Name, soundFont.Regions) { ChannelSendScale = 1, SoundFontVolumeCurves = true };

        double chorus = Wet(own, 93, 127), sfzChorus = Wet(asSfz, 93, 127), reverb = Wet(own, 91, 127), sfzReverb = Wet(asSfz, 91, 127);

        Assert.Equal(0, Signals.Db(chorus / sfzChorus), 0.05); // 100 %
        Assert.True(Signals.Db(reverb / sfzReverb) < -80, $"CC91's removed modulator still sends reverb ({Signals.Db(reverb / sfzReverb):F1} dB)");
    }

    /// <summary>RMS of the wet signal: the render with <paramref name="controller"/> at <paramref name="value"/> less the one at 0 (the dry parts cancel).</summary>
    private static double Wet(Instrument instrument, int controller, int value)
    {
        float[] with = Render(instrument, controller, value), without = Render(instrument, controller, 0);
        if (value == 0)
            without = Render(new Instrument(instrument.Name, [.. instrument.Regions.Select(r => r with { Effect1Percent = 0, Effect2Percent = 0 })]) { SoundFontVolumeCurves = true }, controller, 0);
        var wet = new float[with.Length];
        for (int i = 0; i < wet.Length; i++)
            wet[i] = with[i] - without[i];
        return Signals.Rms(Signals.Channel(wet, 2, 0), 4_800, Rate / 2);
    }

    private static float[] Render(Instrument instrument, int controller, int value)
    {
        using var sampler = new Sampler(new SamplerConfig { SampleRate = Rate, MaxBlockFrames = Block, EffectsEnabled = true });
        sampler.SetInstrument(0, instrument);
        sampler.ControlChange(0, 7, 127);
        sampler.ControlChange(0, 91, 0);
        sampler.ControlChange(0, 93, 0);
        sampler.ControlChange(0, controller, value);
        Signals.Render(sampler, Block, Block); // controllers in a block of their own: the send routing is decided per block
        sampler.NoteOn(0, 60, 127);
        return Signals.Render(sampler, Rate / 2, Block);
    }
}

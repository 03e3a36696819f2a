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

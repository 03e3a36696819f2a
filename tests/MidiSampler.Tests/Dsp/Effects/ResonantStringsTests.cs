using MidiSampler.Dsp.Effects;
using static MidiSampler.Tests.Dsp.Effects.EffectSignals;

namespace MidiSampler.Tests.Dsp.Effects;

public sealed class ResonantStringsTests
{
    private static float[] Render(double hz, byte wetCc, out float[] input)
    {
        var strings = new ResonantStrings(new ResonantStringsSettings { WetPercent = new ControlledParameter(0, 0, 100, [(11, 100)]) }, Rate);
        var controllers = new byte[128];
        controllers[11] = wetCc;
        var left = new float[2 * Rate];
        var tone = Sine(hz, 0.2, Rate / 2);
        Array.Copy(tone, left, tone.Length); // half a second of tone, then silence
        input = (float[])left.Clone();
        var right = (float[])left.Clone();
        Run(strings, left, right, controllers);
        return left;
    }

    [Fact]
    public void A_tone_on_a_strings_pitch_keeps_ringing_after_it_stops_with_the_decay_time()
    {
        var output = Render(440, 127, out _);

        // After the tone (0.5 s), the A4 string rings on; 2 s to −60 dB: 0.5 s later it is 15 dB down.
        double early = Amplitude(output, Rate / 2, (Rate / 2) + 4800, 440);
        double later = Amplitude(output, Rate, Rate + 4800, 440);
        Assert.True(early > 0.05, $"ringing at {Db(early):F1} dBFS");
        Assert.InRange(Db(later / early), -16, -14);
    }

    [Fact]
    public void A_tone_between_strings_hardly_excites_them()
    {
        var onPitch = Render(440, 127, out _);
        var between = Render(440 * Math.Pow(2, 0.5 / 12), 127, out _); // a quarter tone sharp

        double ringOn = Rms(onPitch, Rate / 2, Rate), ringBetween = Rms(between, Rate / 2, Rate);
        Assert.True(Db(ringBetween / ringOn) < -15, $"{Db(ringBetween / ringOn):F1} dB");
    }

    [Fact]
    public void Without_the_wet_controller_the_bus_passes_unchanged()
    {
        var output = Render(440, 0, out var input);
        Assert.Equal(input, output);
    }

    [Fact]
    public void Strings_above_the_rates_range_are_left_out()
    {
        Assert.Equal(88, new ResonantStrings(new ResonantStringsSettings(), 48_000).StringCount);
        Assert.Equal(85, new ResonantStrings(new ResonantStringsSettings(), 8_000).StringCount); // A7 (3.52 kHz) is the last under 3.6 kHz
        Assert.Equal(12, new ResonantStrings(new ResonantStringsSettings { Count = 12 }, 48_000).StringCount);
    }

    private static double Rms(float[] x, int from, int to)
    {
        double sum = 0;
        for (int i = from; i < to; i++)
            sum += x[i] * (double)x[i];
        return Math.Sqrt(sum / (to - from));
    }
}

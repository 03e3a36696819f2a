using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// SFZ v2 <c>sample_quality</c> and <c>oscillator_quality</c> (issue 16) on the sound: a region's interpolation, on
/// sfizz's scale (0..1 linear here, 2 and above 4-point Hermite), whatever the sampler's own setting. Measured as the error
/// of a transposed 1 kHz sine against the exact sine, and as equality with the same region under the other setting.
/// </summary>
public sealed class SfzSampleQualityTests
{
    private const int Rate = 48_000;

    private static float[] Play(string regionOpcodes, InterpolationMode mode, int key = 61)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("sine.wav");
        var sine = Signals.Sine(1000, Rate, 100);
        var instrument = SfzLoader.Load(dir.Write("q.sfz", $"<region> pitch_keycenter=60 loop_mode=loop_continuous amp_veltrack=0 {regionOpcodes}"), _ => sine);
        Assert.Empty(instrument.Warnings);
        using var sampler = Signals.NewSampler(mode: mode);
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, key, 127);
        return Signals.Channel(Signals.Render(sampler, Rate / 4), 2, 0);
    }

    /// <summary>RMS of the output minus the exact sine a semitone up, against the sine's RMS, in dB.</summary>
    private static double ErrorDb(float[] x)
    {
        double hz = Signals.SineHz(1000, Rate, 100) * Math.Pow(2, 1 / 12.0);
        double error = 0, signal = 0;
        for (int i = 1000; i < x.Length; i++)
        {
            double exact = 0.5 * Math.Sin(2 * Math.PI * hz * i / Rate);
            error += (x[i] - exact) * (x[i] - exact);
            signal += exact * exact;
        }

        return 10 * Math.Log10(error / signal);
    }

    [Fact]
    public void Sample_quality_sets_the_regions_interpolation_over_the_samplers()
    {
        var linearByOpcode = Play("sample=sine.wav sample_quality=1", InterpolationMode.Cubic);
        var cubicByOpcode = Play("sample=sine.wav sample_quality=2", InterpolationMode.Linear);
        var linear = Play("sample=sine.wav", InterpolationMode.Linear);
        var cubic = Play("sample=sine.wav", InterpolationMode.Cubic);

        Assert.Equal(linear, linearByOpcode);
        Assert.Equal(cubic, cubicByOpcode);
        double linearDb = ErrorDb(linearByOpcode), cubicDb = ErrorDb(cubicByOpcode);
        Assert.True(linearDb > cubicDb + 25, $"linear {linearDb:F1} dB, Hermite {cubicDb:F1} dB of error");
        Assert.Equal(cubic, Play("sample=sine.wav sample_quality=10", InterpolationMode.Linear)); // sfizz's sinc range plays Hermite
    }

    [Fact]
    public void Oscillator_quality_and_not_sample_quality_sets_an_oscillators_interpolation()
    {
        var linearOscillator = Play("sample=*sine oscillator_quality=1 sample_quality=3", InterpolationMode.Cubic, 93);
        Assert.Equal(Play("sample=*sine", InterpolationMode.Linear, 93), linearOscillator);
        Assert.NotEqual(Play("sample=*sine", InterpolationMode.Cubic, 93), linearOscillator);
        Assert.Equal(Play("sample=*sine", InterpolationMode.Cubic, 93), Play("sample=*sine sample_quality=0", InterpolationMode.Cubic, 93));
    }
}

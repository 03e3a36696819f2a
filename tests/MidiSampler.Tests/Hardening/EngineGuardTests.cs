using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Hardening;

/// <summary>
/// Issue 20, finding 2 in the engine: whatever a sample holds, the output never carries NaN or infinity, a poisoned
/// effect resets itself and says so in the stats, and a panic forgets every effect's state.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class EngineGuardTests
{
    private const int Rate = 48_000;

    // A resonant voice filter, the built-in reverb (CC91), a rack delay with feedback and a rack reverb.
    private const string EffectsSfz = """
        <region> sample=s.wav fil_type=lpf_2p cutoff=2000 resonance=12 effect1=100 effect2=100
        <effect> bus=fx1 type=delay delay_timel=0.05 delay_timer=0.07 delay_feedback=90 fx1tomain=100
        <effect> bus=fx2 type=fverb reverb_type=large_hall fx2tomain=100
        """;

    [Fact]
    public void The_issues_3e38_wav_through_reverb_and_delay_plays_finite_and_needs_no_repair()
    {
        using var dir = new TempSfzDirectory();
        File.WriteAllBytes(Path.Combine(dir.Root, "s.wav"), HostileSampleFiles.FloatWav(3e38f));
        var instrument = SfzLoader.Load(dir.Write("huge.sfz", EffectsSfz)); // the real WAV reader
        Assert.Contains(instrument.Warnings, w => w.Contains("NaN, infinite or beyond", StringComparison.Ordinal));
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.ControlChange(0, 91, 127);
        sampler.NoteOn(0, 60, 127);

        float[] output = Signals.Render(sampler, 2 * Rate);

        Assert.True(FiniteGuard.IsHealthy(output));
        Assert.True(Signals.Rms(output, Rate, 2 * Rate * 2) > 1e-6, "the echoes and the reverb tail should be heard");
        var stats = sampler.GetStats();
        Assert.Equal(0, stats.NonFiniteSamples);
        Assert.Equal(0, stats.EffectResets);
        Assert.Equal(0, stats.FilterResets);
    }

    [Fact]
    public void A_poisoned_sample_never_reaches_the_output_and_after_a_panic_a_clean_instrument_sounds_as_on_a_fresh_sampler()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        // Built past the load-time sanitizer, as a future decoding bug or a blown-up modulation would: 3e38 and NaN.
        var poisonData = Sample.Allocate(4_800, 1, SampleFormat.Float32);
        var poisonValues = Sample.Body<float>(poisonData, 4_800, 1);
        for (int i = 0; i < 4_800; i++)
            poisonValues[i] = i % 3 == 2 ? float.NaN : (i % 2 == 0 ? 3e38f : -3e38f);
        var poison = Sample.FromBuffer("poison", Rate, 1, 4_800, SampleFormat.Float32, poisonData, null);
        var poisoned = SfzLoader.Load(dir.Write("p.sfz", EffectsSfz), _ => poison);
        var clean = SfzLoader.Load(dir.Write("c.sfz", EffectsSfz), _ => Signals.Sine(440, Rate, 440));

        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, poisoned);
        sampler.ControlChange(0, 91, 127);
        sampler.NoteOn(0, 60, 127);
        float[] during = Signals.Render(sampler, Rate / 2);

        Assert.True(FiniteGuard.IsHealthy(during), "a non-finite or absurd value reached the output");
        var stats = sampler.GetStats();
        Assert.True(stats.NonFiniteSamples > 0, "the output guard should have repaired the mix");
        Assert.True(stats.EffectResets > 0, "the reverb, the delay and the rack reverb should have reset themselves");
        Assert.True(stats.FilterResets > 0, "the resonant voice filter should have restarted");

        float[] after = PanicThenClean(sampler, clean);
        using var fresh = Signals.NewSampler();
        float[] reference = PanicThenClean(fresh, clean);

        Assert.True(FiniteGuard.IsHealthy(after));
        double rms = Signals.Rms(reference, 0, reference.Length);
        Assert.True(rms > 0.01, $"the clean note should sound (rms {rms})");
        double difference = Rms(after, reference);
        Assert.True(difference < rms * 1e-4, $"residue of the poison after the panic: {Signals.Db(difference / rms):F1} dB");
    }

    [Fact]
    public void A_panic_clears_the_delay_echoes_and_the_reverb_tail()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var clean = SfzLoader.Load(dir.Write("c.sfz", EffectsSfz), _ => Signals.Sine(440, Rate, 44));
        double TailRms(bool panic)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, clean);
            sampler.ControlChange(0, 91, 127);
            sampler.NoteOn(0, 60, 127);
            Signals.Render(sampler, Rate / 2);
            sampler.NoteOff(0, 60);
            if (panic)
                sampler.Panic();
            float[] tail = Signals.Render(sampler, Rate);
            return Signals.Rms(tail, Rate / 5 * 2, tail.Length); // from 200 ms on: past the panic's fade-out
        }

        double ringing = TailRms(panic: false), cleared = TailRms(panic: true);

        Assert.True(ringing > 1e-3, $"the delay at 90 % feedback should still ring without a panic ({Signals.Db(ringing):F0} dB)");
        Assert.Equal(0, cleared);
    }

    [Fact]
    public void A_voice_filter_whose_state_blew_up_restarts_from_silence()
    {
        var filter = new VoiceFilter();
        filter.Start(FilterType.Lowpass2Pole, 12, 0);
        filter.SetCutoff(0.05f);
        float[] block = new float[64];
        block[0] = float.PositiveInfinity;
        Filter(filter, block);

        Assert.Equal(1, filter.Resets);

        Array.Fill(block, 0.5f);
        Filter(filter, block);

        Assert.True(FiniteGuard.IsHealthy(block));
        Assert.True(block[^1] > 0.1f, "the filter should pass the DC input again");
        Assert.Equal(1, filter.Resets);
    }

    [Fact]
    public void One_NaN_in_a_sample_restarts_the_voice_filter_once_counts_it_in_the_stats_and_the_note_plays_on()
    {
        // A 440 Hz sine with one NaN at 0.1 s, built past the load-time sanitizer, through a resonant low-pass; no effects.
        var buffer = Sample.Allocate(Rate, 1, SampleFormat.Float32);
        var data = Sample.Body<float>(buffer, Rate, 1);
        for (int i = 0; i < Rate; i++)
            data[i] = 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / Rate);
        data[Rate / 10] = float.NaN;
        var sample = Sample.FromBuffer("nan", Rate, 1, Rate, SampleFormat.Float32, buffer, null);
        var instrument = Signals.Single(new Region
        {
            Sample = sample,
            FilterType = FilterType.Lowpass2Pole,
            CutoffHz = 2000,
            ResonanceDb = 12,
        });
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, 60, 127);

        float[] output = Signals.Render(sampler, Rate / 2);

        var stats = sampler.GetStats();
        Assert.True(FiniteGuard.IsHealthy(output));
        Assert.Equal(1, stats.FilterResets);
        Assert.True(stats.NonFiniteSamples > 0, "the block the NaN went through is the output guard's to repair");
        Assert.Equal(0, stats.EffectResets);
        double after = Signals.Rms(output, 2 * (Rate / 5), 2 * (Rate * 2 / 5));
        Assert.True(after > 0.1, $"the note should play on after the restart (rms {after:F3} from 0.2 s to 0.4 s)");
    }

    private static unsafe void Filter(VoiceFilter filter, float[] block)
    {
        fixed (float* x = block)
            filter.Process(x, null, block.Length);
    }

    private static float[] PanicThenClean(Sampler sampler, Instrument clean)
    {
        sampler.Panic();
        Signals.Render(sampler, Rate / 10); // the panic's fade
        sampler.SetInstrument(0, clean);
        sampler.ControlChange(0, 91, 127);
        sampler.NoteOn(0, 60, 100);
        return Signals.Render(sampler, Rate);
    }

    private static double Rms(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += (a[i] - b[i]) * (double)(a[i] - b[i]);
        return Math.Sqrt(sum / a.Length);
    }
}

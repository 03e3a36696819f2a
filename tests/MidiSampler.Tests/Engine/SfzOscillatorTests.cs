using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Tests.Formats.Wav.WavBytes;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// SFZ oscillators on the sound: the generators <c>*sine</c>, <c>*saw</c>, <c>*square</c>, <c>*triangle</c>, the noises,
/// and <c>oscillator=on</c> wavetables (issue 16; sfizz's behaviour from src/sfizz/Wavetables.cpp and Voice.cpp, and its
/// test file tests/TestFiles/wavetables.sfz, BSD-2-Clause). Pitch in cents, level in dB, and the spectrum: nothing off
/// the harmonic series, which is where aliasing lands.
/// </summary>
public sealed class SfzOscillatorTests
{
    private const int Rate = 48_000;

    // A centred mono voice plays at full level on each side (pan 0 is unity, as in sfizz), at velocity 127 and CC7 = 127.
    private const double CentreGain = 1;

    private static float[] Play(Instrument instrument, int key, int frames = Rate, int channel = 0)
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, key, 127);
        return Signals.Channel(Signals.Render(sampler, frames), 2, channel);
    }

    private static Instrument Load(TempSfzDirectory dir, string sfz) => SfzLoader.Load(dir.Write("osc.sfz", sfz));

    /// <summary>
    /// Level in dB of the strongest component more than 12 Hz from every harmonic k·f0, against the fundamental, and the
    /// highest harmonic above −80 dB: a 32,768-point FFT (1.46 Hz bins) under a Blackman-Harris window (sidelobes −92 dB).
    /// </summary>
    private static (double OffHarmonicDb, double HighestHarmonicHz) Spectrum(float[] x, int from, double f0)
    {
        const int n = 1 << 15;
        var re = new double[n];
        var im = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = 2 * Math.PI * i / (n - 1);
            re[i] = x[from + i] * (0.35875 - (0.48829 * Math.Cos(t)) + (0.14128 * Math.Cos(2 * t)) - (0.01168 * Math.Cos(3 * t)));
        }

        Fft(re, im);
        double binHz = (double)Rate / n;
        var magnitude = new double[n / 2];
        for (int b = 0; b < n / 2; b++)
            magnitude[b] = Math.Sqrt((re[b] * re[b]) + (im[b] * im[b]));
        double fundamental = magnitude[(int)Math.Round(f0 / binHz)];
        for (int d = -3; d <= 3; d++)
            fundamental = Math.Max(fundamental, magnitude[(int)Math.Round(f0 / binHz) + d]);
        double worst = 0, highest = 0;
        for (int b = (int)(15 / binHz); b < n / 2; b++)
        {
            double hz = b * binHz, k = Math.Round(hz / f0);
            if (k >= 1 && Math.Abs(hz - (k * f0)) <= 12)
            {
                if (magnitude[b] > fundamental * 1e-4)
                    highest = Math.Max(highest, k * f0);
                continue; // the harmonic's own main lobe
            }

            worst = Math.Max(worst, magnitude[b]);
        }

        return (Signals.Db(worst / fundamental), highest);
    }

    private static void Fft(double[] re, double[] im)
    {
        int n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
                j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (int len = 2; len <= n; len <<= 1)
        {
            double angle = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len)
            {
                for (int k = 0; k < len / 2; k++)
                {
                    double wr = Math.Cos(angle * k), wi = Math.Sin(angle * k);
                    int a = i + k, b = i + k + (len / 2);
                    double xr = (re[b] * wr) - (im[b] * wi), xi = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    [Theory]
    [InlineData("*sine", 0.7071067811865476)] // peak 1
    [InlineData("*triangle", 0.5773502691896258)] // peak 1: RMS 1/√3
    [InlineData("*tri", 0.5773502691896258)]
    [InlineData("*saw", 0.4714045207910317)] // sfizz's peak √(2/3): RMS √(2/3)/√3
    [InlineData("*square", 0.816496580927726)] // peak √(2/3) = RMS
    public void Generators_play_the_keys_pitch_within_a_cent_at_sfizzs_level(string generator, double waveRms)
    {
        using var dir = new TempSfzDirectory();
        var inst = Load(dir, $"<region> sample={generator}");
        Assert.Empty(inst.Warnings);

        foreach (int key in (int[])[33, 57, 69, 81, 96])
        {
            var left = Play(inst, key, Rate / 2);
            double expected = SfzGenerators.NoteHz(key);
            double cents = Signals.Cents(Signals.Frequency(left, Rate, 2400, Rate / 2), expected);
            Assert.True(Math.Abs(cents) < 1, $"{generator} key {key}: {cents:F3} cents from {expected:F2} Hz");
            // The band limit removes a little of the saw's and square's power at high keys (their last harmonics).
            double levelDb = Signals.Db(Signals.Rms(left, 2400, Rate / 2) / (waveRms * CentreGain));
            Assert.True(levelDb is > -0.5 and < 0.05, $"{generator} key {key}: level {levelDb:F3} dB from sfizz's");
        }
    }

    [Theory]
    [InlineData("*saw", 100)]
    [InlineData("*square", 100)]
    [InlineData("*saw", 120)]
    [InlineData("*triangle", 110)]
    [InlineData("*saw", 45)]
    [InlineData("*square", 64)]
    public void Generators_put_nothing_off_the_harmonic_series_and_nothing_above_20_kHz(string generator, int key)
    {
        using var dir = new TempSfzDirectory();
        var left = Play(Load(dir, $"<region> sample={generator}"), key, 2 * Rate);
        double f0 = SfzGenerators.NoteHz(key);

        var (offDb, highest) = Spectrum(left, Rate / 2, f0);

        Assert.True(offDb < -80, $"{generator} key {key} ({f0:F1} Hz): a component off the harmonic series at {offDb:F1} dB");
        Assert.True(highest <= SfzGenerators.HighestHarmonicHz * 1.001, $"harmonic at {highest:F0} Hz");
        // ... and it keeps every harmonic up to the band's floor (a third of an octave below; odd ones only for the square
        // and triangle), so the band limit costs no more brightness than it must.
        double floor = (SfzGenerators.HighestHarmonicHz / Math.Pow(2, 1 / 3.0)) - (generator == "*saw" ? f0 : 2 * f0);
        Assert.True(highest >= floor,
            $"{generator} key {key}: the band keeps harmonics up to {highest:F0} Hz only");
    }

    [Fact]
    public void A_naive_single_table_saw_aliases_where_the_band_limited_one_does_not()
    {
        // The measurement has teeth: a saw table holding all 511 harmonics, played as a sample at key 100, folds them
        // back over the spectrum.
        var data = new float[1024];
        for (int i = 0; i < data.Length; i++)
            data[i] = (float)(1 - (2.0 * i / data.Length));
        double tune = SfzGenerators.TableTuneCents(1024);
        var table = Sample.FromInterleaved("naive saw", 1024 * SfzGenerators.CycleHzOf(1024), 1, data, new SampleMetadata(60, tune, 0, 1023));
        var region = new Region { Sample = table, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = 1023, TuneCents = tune };

        var (offDb, _) = Spectrum(Play(Signals.Single(region), 100, 2 * Rate), Rate / 2, SfzGenerators.NoteHz(100));

        Assert.True(offDb > -40, $"the naive table measured {offDb:F1} dB off the series");
    }

    [Fact]
    public void Oscillator_on_plays_a_files_single_cycle_at_the_keys_pitch_with_its_harmonics()
    {
        // As sfizz's wavetables.sfz: the whole file is one cycle. Ours: 600 frames of a fundamental plus a third
        // harmonic at half its level, so the ratio of the two can be read back.
        using var dir = new TempSfzDirectory();
        var cycle = new float[600];
        for (int i = 0; i < cycle.Length; i++)
        {
            double t = 2 * Math.PI * i / cycle.Length;
            cycle[i] = (float)((0.6 * Math.Sin(t)) + (0.3 * Math.Sin(3 * t)));
        }

        File.WriteAllBytes(Path.Combine(dir.Root, "cycle.wav"), Riff(Chunk("fmt ", Fmt(3, 1, Rate, 32)), Chunk("data", Float32(cycle))));
        var on = Load(dir, "<region> sample=cycle.wav oscillator=on");
        var off = Load(dir, "<region> sample=cycle.wav oscillator=off");
        Assert.True(on.Warnings.Count == 0, string.Join("\n", on.Warnings));

        var left = Play(on, 62, 2 * Rate);
        double f0 = SfzGenerators.NoteHz(62);
        var (offDb, highest) = Spectrum(left, Rate / 2, f0);
        Assert.True(Math.Abs(Signals.Cents(Signals.Frequency(left, Rate, 2400, Rate), f0)) < 1);
        Assert.True(offDb < -80, $"{offDb:F1} dB off the series");
        Assert.Equal(3 * f0, highest, 1);
        // Level: the cycle's RMS (0.6² + 0.3²)/2 through the centre gain.
        double rms = Math.Sqrt(((0.6 * 0.6) + (0.3 * 0.3)) / 2) * CentreGain;
        Assert.InRange(Signals.Db(Signals.Rms(left, 2400, Rate) / rms), -0.05, 0.05);

        // Without oscillator=on the file is a 12.5 ms sample at its own rate: it plays once and stops.
        var plain = Play(off, 60, Rate / 2);
        Assert.True(Signals.Rms(plain, 0, 600) > 0.1);
        Assert.Equal(0, Signals.Rms(plain, 2400, Rate / 2));
    }

    [Fact]
    public void Oscillator_phase_sets_where_the_cycle_starts_and_a_negative_phase_is_random()
    {
        using var dir = new TempSfzDirectory();
        float First(string sfz) => Play(Load(dir, sfz), 60, 256)[0];

        Assert.Equal(0, First("<region> sample=*sine"), 3);
        Assert.Equal(CentreGain, First("<region> sample=*sine oscillator_phase=0.25"), 2);
        Assert.Equal(-CentreGain, First("<region> sample=*sine oscillator_phase=1.75"), 2); // wrapped as sfizz does
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Load(dir, "<region> sample=*sine oscillator_phase=-1"));
        var random = new List<float>();
        for (int i = 0; i < 6; i++)
        {
            sampler.NoteOn(0, 60, 127);
            random.Add(Signals.Render(sampler, 256)[0]);
            sampler.NoteOff(0, 60);
            Signals.Render(sampler, 48_000);
        }

        Assert.True(random.Distinct().Count() >= 5, string.Join(", ", random));
    }

    [Fact]
    public void The_keycenter_and_tune_shift_the_oscillator_like_a_sample()
    {
        using var dir = new TempSfzDirectory();
        // pitch_keytrack=0: every key plays the keycenter's note (sfizz: the keycenter's frequency times the ratio).
        var fixedPitch = Load(dir, "<region> sample=*saw pitch_keycenter=69 pitch_keytrack=0 tune=-100");
        var left = Play(fixedPitch, 30, Rate / 2);
        Assert.True(Math.Abs(Signals.Cents(Signals.Frequency(left, Rate, 2400, Rate / 2), SfzGenerators.NoteHz(68))) < 1);
        // Its one band is the one of 415 Hz, so its spectrum is clean up to 20 kHz too.
        var (offDb, _) = Spectrum(Play(fixedPitch, 30, 2 * Rate), Rate / 2, SfzGenerators.NoteHz(68));
        Assert.True(offDb < -80, $"{offDb:F1} dB");
    }

    [Fact]
    public void Noise_is_stereo_uniform_at_sfizzs_level_ignores_the_key_and_differs_per_note()
    {
        using var dir = new TempSfzDirectory();
        var inst = Load(dir, "<region> sample=*noise");
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, inst);
        sampler.NoteOn(0, 40, 127);
        var low = Signals.Render(sampler, Rate / 2);
        sampler.NoteOff(0, 40);
        Signals.Render(sampler, Rate / 2);
        sampler.NoteOn(0, 90, 127);
        var high = Signals.Render(sampler, Rate / 2);

        double uniformRms = 1 / Math.Sqrt(3) * CentreGain;
        var (l, r) = (Signals.Channel(low, 2, 0), Signals.Channel(low, 2, 1));
        Assert.InRange(Signals.Db(Signals.Rms(l, 0, l.Length) / uniformRms), -0.2, 0.2);
        Assert.InRange(Signals.Db(Signals.Rms(r, 0, r.Length) / uniformRms), -0.2, 0.2);
        double correlation = l.Zip(r, (a, b) => (double)a * b).Sum() / (Signals.Rms(l, 0, l.Length) * Signals.Rms(r, 0, r.Length) * l.Length);
        Assert.InRange(correlation, -0.05, 0.05);
        // The key does not move it: the same spectrum tilt (first differences to level) at keys 40 and 90.
        var h = Signals.Channel(high, 2, 0);
        Assert.InRange(Signals.Db(Signals.Rms(h, 0, h.Length) / uniformRms), -0.2, 0.2);
        Assert.InRange(Signals.MaxSecondDifference(h, 0, h.Length) / Signals.MaxSecondDifference(l, 0, l.Length), 0.8, 1.25);
        Assert.NotEqual(l.Take(64), h.Take(64));
    }

    [Fact]
    public void Gaussian_noise_has_sfizzs_standard_deviation()
    {
        using var dir = new TempSfzDirectory();
        var left = Play(Load(dir, "<region> sample=*gnoise"), 60, Rate / 2);
        Assert.InRange(Signals.Db(Signals.Rms(left, 0, left.Length) / (0.5 * CentreGain)), -0.3, 0.3);
    }

    [Fact]
    public void Unknown_generators_and_unsupported_oscillator_modes_are_reported_with_their_place()
    {
        using var dir = new TempSfzDirectory();
        var inst = Load(dir, "<region> sample=*pulse\n<region> sample=*saw oscillator_mode=1 oscillator=maybe");

        Assert.Single(inst.Regions);
        Assert.Contains(inst.Warnings, w => w.Contains("osc.sfz:1", StringComparison.Ordinal) && w.Contains("'*pulse' is not supported", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains("osc.sfz:2", StringComparison.Ordinal) && w.Contains("oscillator_mode=1", StringComparison.Ordinal));
        Assert.Contains(inst.Warnings, w => w.Contains("oscillator=maybe", StringComparison.Ordinal));
    }

    [Fact]
    public void Oscillator_multi_plays_sfizzs_unison_spread_from_right_to_left()
    {
        // sfizz Voice.cpp setupOscillatorUnison, 3 members: detunes 0, -d, +d; right gains 1, 0.5, 0; left 0, 0.5, 1.
        using var dir = new TempSfzDirectory();
        var inst = Load(dir, "<region> sample=*sine oscillator_multi=3 oscillator_detune=10");
        Assert.Empty(inst.Warnings);
        Assert.Equal(3, inst.Regions.Count);
        Assert.Equal([0.0, -10, 10], inst.Regions.Select(r => Math.Round(r.TuneCents - inst.Regions[0].TuneCents, 6)));
        Assert.Equal([100.0, 0, -100], inst.Regions.Select(r => Math.Round(r.Pan, 6)));

        // In tune (no detune), the members add in phase: 1.5 times the sine on each side.
        var unison = Load(dir, "<region> sample=*sine oscillator_multi=3");
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, unison);
        sampler.NoteOn(0, 69, 127);
        var both = Signals.Render(sampler, Rate / 2);
        foreach (int side in (int[])[0, 1])
        {
            var x = Signals.Channel(both, 2, side);
            Assert.InRange(Signals.Db(Signals.Rms(x, 2400, Rate / 2) / (1.5 * Math.Sqrt(0.5))), -0.05, 0.05);
            Assert.True(Math.Abs(Signals.Cents(Signals.Frequency(x, Rate, 2400, Rate / 2), 440)) < 1);
        }
    }

    [Fact]
    public void Lfo_scale_and_ratio_scale_the_waves_depth_and_rate_as_sfizz_renders_its_first_sub_waveform()
    {
        // sfizz LFO.cpp: out += offset + scale × wave(phase advancing at ratio × freq). A 1 Hz LFO at ratio 3 moving the
        // pitch by 100 cents at scale 0.5: ±50 cents, three cycles a second.
        using var dir = new TempSfzDirectory();
        var inst = Load(dir, "<region> sample=*sine lfo1_scale=0.5 lfo1_freq=1 lfo1_pitch=100 lfo1_ratio=3");
        Assert.Empty(inst.Warnings);
        var lfo = Assert.Single(Assert.Single(inst.Regions).FlexLfos);
        Assert.Equal((3.0, 50.0), (lfo.FrequencyHz, lfo.PitchCents));

        var left = Play(inst, 81, Rate);
        var deviations = new List<double>();
        for (int at = 0; at + 480 <= Rate; at += 480)
            deviations.Add(Signals.Cents(Signals.Frequency(left, Rate, at, at + 480), SfzGenerators.NoteHz(81)));
        Assert.InRange(deviations.Max(), 45, 52);
        Assert.InRange(deviations.Min(), -52, -45);
        int crossings = deviations.Zip(deviations.Skip(1), (a, b) => a * b < 0 ? 1 : 0).Sum();
        Assert.InRange(crossings, 5, 7); // three cycles
    }
}

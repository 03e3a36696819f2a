using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Tests.Dsp;

/// <summary>The 8-sample state-space SIMD filter agrees with Simper's per-sample reference, through cutoff changes.</summary>
public unsafe class VoiceFilterTests
{
    [Theory]
    [InlineData(FilterType.Lowpass2Pole, 0f, 0f)]
    [InlineData(FilterType.Lowpass2Pole, 18f, 0f)]
    [InlineData(FilterType.Highpass2Pole, 6f, 0f)]
    [InlineData(FilterType.Bandpass2Pole, 3f, 0f)]
    [InlineData(FilterType.Bandreject2Pole, 0f, 0f)]
    [InlineData(FilterType.Lowpass4Pole, 12f, 0f)]
    [InlineData(FilterType.Highpass6Pole, 6f, 0f)]
    [InlineData(FilterType.Peaking, 3f, 9f)]
    [InlineData(FilterType.LowShelf, 0f, -6f)]
    [InlineData(FilterType.HighShelf, 0f, 6f)]
    public void Simd_block_form_matches_the_scalar_reference(FilterType type, float resonanceDb, float gainDb)
    {
        if (VoiceFilter.BlockPathAvailable)
            BlockFormMatchesScalar(type, resonanceDb, gainDb, vector128: false); // the path Process takes on this CPU
        if (System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
            BlockFormMatchesScalar(type, resonanceDb, gainDb, vector128: true); // the 128-bit halves a Raspberry Pi runs
    }

    private static void BlockFormMatchesScalar(FilterType type, float resonanceDb, float gainDb, bool vector128)
    {
        var random = new Random(11);
        const int frames = 4096;
        var input = new float[frames * 2];
        for (int i = 0; i < input.Length; i++)
            input[i] = (float)((random.NextDouble() * 2) - 1);
        var simd = (float[])input.Clone();
        var scalar = (float[])input.Clone();
        var a = new VoiceFilter();
        var b = new VoiceFilter();
        a.Start(type, resonanceDb, gainDb);
        b.Start(type, resonanceDb, gainDb);
        fixed (float* s = simd)
        fixed (float* r = scalar)
        {
            // Uneven runs (tails of 1..7 frames) and a cutoff sweep from 20 Hz to 20 kHz at 48 kHz, as modulation does.
            int at = 0, step = 0;
            while (at < frames)
            {
                int run = Math.Min(frames - at, 5 + (step * 7 % 29));
                float cutoff = (float)(20 * Math.Pow(1000, (double)at / frames) / 48_000);
                a.SetCutoff(cutoff);
                b.SetCutoff(cutoff);
                if (vector128)
                    a.ProcessVector128(s + at, s + frames + at, run);
                else
                    a.Process(s + at, s + frames + at, run);
                b.ProcessScalar(r + at, r + frames + at, run);
                at += run;
                step++;
            }
        }

        double peak = scalar.Max(MathF.Abs);
        for (int i = 0; i < simd.Length; i++)
            Assert.True(Math.Abs(simd[i] - scalar[i]) <= 2e-4 * Math.Max(1, peak), $"{(vector128 ? "Vector128" : "block")} frame {i % frames}: {simd[i]} vs {scalar[i]}");
    }

    [Fact]
    public void Lowpass_passes_dc_and_cuts_high_frequencies_on_both_paths()
    {
        foreach (bool simd in new[] { true, false })
        {
            var f = new VoiceFilter();
            f.Start(FilterType.Lowpass2Pole, 0, 0);
            f.SetCutoff(1000f / 48_000);
            var dc = Enumerable.Repeat(1f, 4800).ToArray();
            var nyquist = Enumerable.Range(0, 4800).Select(i => i % 2 == 0 ? 1f : -1f).ToArray();
            fixed (float* d = dc)
            {
                if (simd) f.Process(d, null, dc.Length); else f.ProcessScalar(d, null, dc.Length);
            }

            f.Start(FilterType.Lowpass2Pole, 0, 0);
            f.SetCutoff(1000f / 48_000);
            fixed (float* n = nyquist)
            {
                if (simd) f.Process(n, null, nyquist.Length); else f.ProcessScalar(n, null, nyquist.Length);
            }

            Assert.InRange(dc[^1], 0.999f, 1.001f);
            Assert.True(nyquist.Skip(2400).Max(MathF.Abs) < 1e-3f);
        }
    }
}

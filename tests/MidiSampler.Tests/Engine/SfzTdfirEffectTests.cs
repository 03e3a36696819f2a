using MidiSampler.Dsp.Effects;
using MidiSampler.Formats.Sfz;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Tests.Formats.Wav.WavBytes;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// SFZ v2 <c>&lt;effect&gt; type=tdfir</c> (issue 16): a time-domain FIR with a WAV impulse, <c>tdfir_wet</c>,
/// <c>tdfir_dry</c>, <c>tdfir_gain</c>. On the sound: a DC note through a one-spike impulse comes out delayed by the spike's
/// frame and scaled by its height, the dry part at once.
/// </summary>
public sealed class SfzTdfirEffectTests
{
    private const int Rate = 48_000;

    private static (float[] Left, IReadOnlyList<string> Warnings) Render(string effect, float[]? impulse, int impulseRate = Rate, int frames = 2000)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("dc.wav");
        if (impulse is not null)
            File.WriteAllBytes(Path.Combine(dir.Root, "ir.wav"), Riff(Chunk("fmt ", Fmt(3, 1, impulseRate, 32)), Chunk("data", Float32(impulse))));
        var instrument = SfzLoader.Load(dir.Write("fir.sfz", $"<region> sample=dc.wav amp_veltrack=0\n<effect> type=tdfir {effect}"),
            _ => MidiSampler.Model.Sample.FromInterleaved("dc", Rate, 1, Enumerable.Repeat(0.5f, Rate).ToArray()));
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, 60, 127);
        return (Signals.Channel(Signals.Render(sampler, frames), 2, 0), instrument.Warnings);
    }

    private static float[] Spike(int frame, float height, int length)
    {
        var h = new float[length];
        h[frame] = height;
        return h;
    }

    [Fact]
    public void A_wet_spike_delays_the_note_by_its_frame_and_scales_it_by_its_height()
    {
        var (left, warnings) = Render("tdfir_impulse=ir.wav", Spike(100, 0.5f, 256));
        Assert.Empty(warnings);
        Assert.Equal(100, Signals.FirstNonZero(left, 1e-4f)); // wet only (dry 0 by default)
        Assert.InRange(Signals.Db(left[1500] / 0.5), -6.1, -5.9); // × 0.5
    }

    [Fact]
    public void Dry_wet_and_gain_mix_as_dry_plus_wet_times_gain_times_the_convolution()
    {
        var (left, warnings) = Render("tdfir_impulse=IR.WAV tdfir_dry=100 tdfir_wet=50 tdfir_gain=50", Spike(100, 0.5f, 256));
        Assert.Empty(warnings);
        Assert.InRange(Signals.Db(left[50] / 0.5), -0.05, 0.05); // dry alone before the spike's delay
        Assert.InRange(Signals.Db(left[1500] / 0.5), Signals.Db(1.125) - 0.05, Signals.Db(1.125) + 0.05); // 1 + 0.5 × 0.5 × 0.5
    }

    [Fact]
    public void An_impulse_at_another_rate_keeps_its_timing()
    {
        // A spike at frame 50 of a 24 kHz impulse is 2.08 ms: frame 100 at 48 kHz, spread by the linear resampling over
        // frames 99..101 (halves at the sides), its gain kept: the DC note crosses half its level at frame 100.
        var (left, _) = Render("tdfir_impulse=ir.wav", Spike(50, 1, 128), impulseRate: 24_000);
        Assert.Equal(99, Signals.FirstNonZero(left, 1e-4f));
        Assert.InRange(left[100] / 0.5, 0.74, 0.76);
        Assert.InRange(Signals.Db(left[1500] / 0.5), -0.05, 0.05);
    }

    [Fact]
    public void A_long_impulse_is_cut_and_reported_and_a_missing_one_skips_the_header()
    {
        var (left, warnings) = Render("tdfir_impulse=ir.wav", Spike(3000, 1, 4000), frames: 4000);
        Assert.Contains(warnings, w => w.Contains("only its first 2048 taps", StringComparison.Ordinal));
        Assert.True(left.All(v => Math.Abs(v) < 1e-6), "the spike beyond the cut must not sound");

        var (dry, missing) = Render("tdfir_impulse=none.wav", null);
        Assert.Contains(missing, w => w.Contains("tdfir_impulse 'none.wav' is not found", StringComparison.Ordinal));
        Assert.InRange(Signals.Db(dry[1500] / 0.5), -0.05, 0.05); // the effect is skipped: the note plays dry
    }

    [Fact]
    public void The_vector_dot_product_equals_the_scalar_one()
    {
        var random = new Random(16);
        for (int n = 0; n < 70; n++)
        {
            var a = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            Assert.Equal(FirConvolution.DotScalar(a, b), FirConvolution.Dot(a, b), 4);
        }
    }

    [Fact]
    public void An_impulse_that_is_not_a_wav_is_reported_with_its_place_and_the_note_plays_dry()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("dc.wav");
        dir.Write("ir.wav", "not a RIFF file at all");
        var instrument = SfzLoader.Load(dir.Write("fir.sfz", "<region> sample=dc.wav amp_veltrack=0\n<effect> type=tdfir tdfir_impulse=ir.wav"),
            _ => MidiSampler.Model.Sample.FromInterleaved("dc", Rate, 1, Enumerable.Repeat(0.5f, Rate).ToArray()));
        Assert.Contains(instrument.Warnings, w => w.Contains("fir.sfz:2", StringComparison.Ordinal) && w.Contains("tdfir_impulse 'ir.wav' cannot be read", StringComparison.Ordinal));
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, 2000), 2, 0);
        Assert.InRange(Signals.Db(left[1500] / 0.5), -0.05, 0.05);
    }
}

using MidiSampler.Dsp.Effects;
using static MidiSampler.Tests.Dsp.Effects.EffectSignals;

namespace MidiSampler.Tests.Dsp.Effects;

public sealed class StereoDelayTests
{
    [Fact]
    public void An_impulse_reappears_at_the_delay_time_scaled_by_wet_and_the_echoes_decay_by_the_feedback()
    {
        var delay = new StereoDelay(new DelaySettings
        {
            TimeLeftSeconds = ControlledParameter.Constant(0.1),
            TimeRightSeconds = ControlledParameter.Constant(0.1),
            FeedbackPercent = ControlledParameter.Constant(50),
            WetPercent = ControlledParameter.Constant(80),
            DryPercent = ControlledParameter.Constant(0),
        }, Rate);
        var left = new float[20_000];
        var right = new float[20_000];
        left[0] = 1;

        Run(delay, left, right);

        for (int i = 1; i < left.Length; i++)
        {
            if (i % 4800 == 0)
                Assert.Equal(0.8 * Math.Pow(0.5, (i / 4800) - 1), left[i], 4); // echo k at k·0.1 s: wet · feedback^(k−1)
            else
                Assert.True(Math.Abs(left[i]) < 1e-6, $"left[{i}] = {left[i]}");
        }

        Assert.True(Peak(right, 0, right.Length) < 1e-6, "the right input was silent, its tap must be too");
    }

    [Fact]
    public void Ping_pong_echoes_alternate_sides_each_scaled_by_the_feedback()
    {
        var delay = new StereoDelay(new DelaySettings
        {
            Mode = DelayMode.PingPong,
            TimeLeftSeconds = ControlledParameter.Constant(0.05),
            TimeRightSeconds = ControlledParameter.Constant(0.05),
            FeedbackPercent = ControlledParameter.Constant(50),
            DryPercent = ControlledParameter.Constant(0),
        }, Rate);
        var left = new float[12_000];
        var right = new float[12_000];
        left[0] = right[0] = 1;

        Run(delay, left, right);

        float[] expected = [1f, 0.5f, 0.25f, 0.125f];
        for (int echo = 0; echo < 4; echo++)
        {
            int frame = 2400 * (echo + 1);
            var (loud, quiet) = echo % 2 == 0 ? (left, right) : (right, left);
            Assert.Equal(expected[echo], loud[frame], 4);
            Assert.True(Math.Abs(quiet[frame]) < 1e-6, $"echo {echo} leaked to the other side");
        }
    }

    [Fact]
    public void Dry_only_passes_the_input_unchanged()
    {
        var delay = new StereoDelay(new DelaySettings { WetPercent = ControlledParameter.Constant(0) }, Rate);
        var left = Sine(440, 0.5, 4800);
        var right = Sine(660, 0.5, 4800);
        var inLeft = (float[])left.Clone();
        var inRight = (float[])right.Clone();

        Run(delay, left, right);

        Assert.Equal(inLeft, left);
        Assert.Equal(inRight, right);
    }

    [Fact]
    public void Tempo_sync_sets_the_time_in_beats_while_its_controller_is_on()
    {
        var delay = new StereoDelay(new DelaySettings
        {
            TimeLeftSeconds = ControlledParameter.Constant(0.1),
            DryPercent = ControlledParameter.Constant(0),
            SyncLeft = [(64, 0.5)],
        }, Rate)
        { TempoBpm = 120 };
        var controllers = new byte[128];
        controllers[64] = 127;
        var left = new float[20_000];
        var right = new float[20_000];
        left[0] = 1;

        Run(delay, left, right, controllers);

        Assert.Equal(12_000, Array.IndexOf(left, left.Max())); // half a beat at 120 BPM = 0.25 s
        Assert.True(Math.Abs(left[4800]) < 1e-6, "the unsynced time must not sound");
    }

    [Fact]
    public void Two_taps_on_the_tap_controller_set_the_time()
    {
        var delay = new StereoDelay(new DelaySettings { TapController = 20, DryPercent = ControlledParameter.Constant(0) }, Rate);
        var controllers = new byte[128];
        var silence = new float[256];
        var silenceR = new float[256];
        void Blocks(int count)
        {
            for (int b = 0; b < count; b++)
            {
                Array.Clear(silence);
                Array.Clear(silenceR);
                delay.Process(silence, silenceR, controllers);
            }
        }

        controllers[20] = 127;
        Blocks(1);
        controllers[20] = 0;
        Blocks(74); // 75 blocks of 256 frames = 0.4 s between the presses
        controllers[20] = 127;
        Blocks(1);
        controllers[20] = 0;
        Blocks(200); // let the time glide settle

        var left = new float[24_000];
        var right = new float[24_000];
        left[0] = 1;
        Run(delay, left, right, controllers);

        int peak = Array.IndexOf(left, left.Max());
        Assert.True(peak == 19_200, $"peak at {peak}: {left[19_198]} {left[19_199]} {left[19_200]} {left[19_201]}");
    }

    [Fact]
    public void The_filter_darkens_the_echoes()
    {
        var plain = new DelaySettings { TimeLeftSeconds = ControlledParameter.Constant(0.01), DryPercent = ControlledParameter.Constant(0) };
        var filtered = plain with { Filter = EffectFilterType.Lowpass2Pole, CutoffHz = ControlledParameter.Constant(500) };
        double Level(DelaySettings s, double hz)
        {
            var left = Sine(hz, 0.5, 9600);
            var right = new float[9600];
            Run(new StereoDelay(s, Rate), left, right);
            return Amplitude(left, 4800, 9600, hz);
        }

        Assert.Equal(0.5, Level(plain, 5000), 2);
        Assert.True(Db(Level(filtered, 5000) / 0.5) < -30, "a 2-pole lowpass at 500 Hz must cut 5 kHz by more than 30 dB");
        Assert.True(Math.Abs(Db(Level(filtered, 100) / 0.5)) < 0.5, "and leave 100 Hz alone");
    }

    [Fact]
    public void High_damping_cuts_the_highs_of_the_echoes_but_not_the_lows()
    {
        var damped = new DelaySettings
        {
            TimeLeftSeconds = ControlledParameter.Constant(0.01),
            DryPercent = ControlledParameter.Constant(0),
            DampHighPercent = ControlledParameter.Constant(100),
        };
        double Level(double hz)
        {
            var left = Sine(hz, 0.5, 9600);
            Run(new StereoDelay(damped, Rate), left, new float[9600]);
            return Amplitude(left, 4800, 9600, hz) / 0.5;
        }

        Assert.True(Db(Level(8000)) < -15);
        Assert.True(Db(Level(100)) > -0.5);
    }

    [Fact]
    public void A_controller_sweeping_the_time_bends_the_echo_without_a_click()
    {
        var delay = new StereoDelay(new DelaySettings
        {
            TimeLeftSeconds = new ControlledParameter(0.1, 0, 10, [(1, 0.2)]),
            DryPercent = ControlledParameter.Constant(0),
        }, Rate);
        var left = Sine(220, 0.5, 48_000);
        var right = new float[48_000];
        var controllers = new byte[128];
        for (int pos = 0; pos < left.Length; pos += 64)
        {
            controllers[1] = pos < 24_000 ? (byte)0 : (byte)127; // one jump of the controller
            delay.Process(left.AsSpan(pos, 64), right.AsSpan(pos, 64), controllers);
        }

        // A 220 Hz sine at 0.5 moves at most 0.0144 per frame; the 50 ms glide of +0.2 s at most triples its pitch.
        // An unsmoothed jump would step by up to 1.0.
        Assert.True(MaxStep(left, 4801, left.Length) < 0.05, $"step {MaxStep(left, 4801, left.Length)}");
    }

    [Fact]
    public void The_tail_is_finite_without_full_feedback_and_endless_with_it()
    {
        var finite = new StereoDelay(new DelaySettings { FeedbackPercent = ControlledParameter.Constant(50) }, Rate);
        var endless = new StereoDelay(new DelaySettings { FeedbackPercent = new ControlledParameter(50, 0, 100, [(1, 50)]) }, Rate);

        // 0.25 s round trips at 50 %: 20 trips reach −120 dB.
        Assert.InRange(finite.TailFrames, 20 * 12_000, 25 * 12_500);
        Assert.Equal(long.MaxValue, endless.TailFrames);
    }

    private static double FrequencyByCrossings(float[] x, int from, int to)
    {
        double first = -1, last = -1;
        int count = 0;
        for (int i = from + 1; i < to; i++)
        {
            if (x[i - 1] < 0 && x[i] >= 0)
            {
                double at = i - 1 + (x[i - 1] / (x[i - 1] - x[i]));
                if (first < 0)
                    first = at;
                else
                    count++;
                last = at;
            }
        }

        return count * Rate / (last - first);
    }

    [Fact]
    public void The_lfo_sweeps_the_tap_time_so_the_echo_wobbles_in_pitch()
    {
        // ±5 ms at 1 Hz: the read point moves at up to 2π·5 ms per second, so a 1 kHz echo swings by about ±31 Hz.
        var delay = new StereoDelay(new DelaySettings
        {
            Mode = DelayMode.Modulated,
            TimeLeftSeconds = ControlledParameter.Constant(0.02),
            ModDepthPercent = ControlledParameter.Constant(100),
            LfoFrequencyHz = ControlledParameter.Constant(1),
            DryPercent = ControlledParameter.Constant(0),
        }, Rate);
        var left = Sine(1000, 0.5, 2 * Rate);
        Run(delay, left, new float[2 * Rate]);

        var frequencies = Enumerable.Range(0, 40).Select(w => FrequencyByCrossings(left, Rate + (w * 1200), Rate + (w * 1200) + 1200)).ToList();
        Assert.InRange(frequencies.Max(), 1025, 1040);
        Assert.InRange(frequencies.Min(), 960, 975);
    }

    [Fact]
    public void Panning_mode_sweeps_the_taps_across_the_image()
    {
        var delay = new StereoDelay(new DelaySettings
        {
            Mode = DelayMode.Panning,
            TimeLeftSeconds = ControlledParameter.Constant(0.01),
            PanLeftPercent = ControlledParameter.Constant(50),
            LevelRightPercent = 0,
            ModDepthPercent = ControlledParameter.Constant(100),
            LfoFrequencyHz = ControlledParameter.Constant(1),
            DryPercent = ControlledParameter.Constant(0),
        }, Rate);
        var left = Constant(0.5f, Rate);
        var right = new float[Rate];

        Run(delay, left, right);

        // The left tap, centred, swings fully left and right: at a quarter cycle it is hard right, at three quarters hard left.
        Assert.InRange(right[Rate / 4] / 0.5, 0.99, 1.0);
        Assert.InRange(left[Rate / 4], -1e-3, 1e-3);
        Assert.InRange(left[3 * Rate / 4] / 0.5, 0.99, 1.0);
        Assert.InRange(right[3 * Rate / 4], -1e-3, 1e-3);
    }
}

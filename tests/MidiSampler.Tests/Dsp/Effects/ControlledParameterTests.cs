using MidiSampler.Dsp.Effects;

namespace MidiSampler.Tests.Dsp.Effects;

public sealed class ControlledParameterTests
{
    [Fact]
    public void Controllers_add_their_depth_scaled_by_value_and_the_sum_is_clamped()
    {
        var p = new ControlledParameter(20, 0, 100, [(1, 50), (2, -40)]);
        var controllers = new byte[128];

        Assert.Equal(20f, p.Target(controllers));
        controllers[1] = 127;
        Assert.Equal(70f, p.Target(controllers), 4);
        controllers[1] = 64;
        Assert.Equal(20 + (50 * 64 / 127.0), p.Target(controllers), 1e-4);
        controllers[1] = 0;
        controllers[2] = 127;
        Assert.Equal(0f, p.Target(controllers)); // 20 − 40 clamped
        Assert.Equal(70, p.Highest, 9);
        Assert.Equal(0, p.Lowest, 9);
    }

    [Fact]
    public void A_short_controller_array_reads_as_zero()
    {
        var p = new ControlledParameter(5, 0, 10, [(100, 5)]);
        Assert.Equal(5f, p.Target(new byte[16]));
    }

    [Fact]
    public void The_smoother_starts_at_its_target_then_glides_and_a_run_step_equals_its_frame_steps()
    {
        var perFrame = default(ParameterSmoother);
        var perRun = default(ParameterSmoother);
        float k = ParameterSmoother.Coefficient(0.01, 48_000);

        Assert.Equal(3f, perFrame.Next(3, k)); // the first call jumps
        Assert.Equal(3f, perRun.Advance(3, 64, k));
        for (int i = 0; i < 480; i++)
            perFrame.Next(10, k);
        perRun.Advance(10, 480, k);

        Assert.Equal(10 - (7 / Math.E), perFrame.Current, 2); // one time constant: 1 − 1/e of the way
        Assert.Equal(perFrame.Current, perRun.Current, 3);
    }
}

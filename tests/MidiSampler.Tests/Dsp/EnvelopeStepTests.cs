using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Tests.Dsp;

/// <summary>The closed-form control-rate Step reaches the same levels as rendering every frame with Fill.</summary>
public class EnvelopeStepTests
{
    [Fact]
    public void Step_matches_per_frame_fill_through_every_stage()
    {
        var parameters = new EnvelopeParameters(0.001, 0.01, 0.005, 0.05, 0.4, 0.03, 48_000, startLevel: 0.1);
        var stepped = default(EnvelopeState);
        var filled = default(EnvelopeState);
        stepped.Start(parameters);
        filled.Start(parameters);
        var buffer = new float[64];
        for (int tick = 0; tick < 600; tick++)
        {
            if (tick == 400)
            {
                stepped.Release();
                filled.Release();
            }

            float level = stepped.Step(16);
            int left = 16;
            while (left > 0 && !filled.IsDone)
            {
                int run = filled.RunLength;
                if (run == 0)
                {
                    filled.Advance();
                    continue;
                }

                run = Math.Min(run, left);
                filled.Fill(buffer, run);
                left -= run;
            }

            Assert.True(Math.Abs(level - filled.Level) < 1e-5f, $"tick {tick}: {level} vs {filled.Level}");
        }
    }

    [Fact]
    public void Power_is_repeated_multiplication()
    {
        Assert.Equal(MathF.Pow(0.99f, 16), EnvelopeState.Power(0.99f, 16), 6);
        Assert.Equal(1f, EnvelopeState.Power(0.5f, 0));
        Assert.Equal(0.125f, EnvelopeState.Power(0.5f, 3));
    }
}

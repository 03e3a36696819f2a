using MidiSampler.Dsp.Effects;

namespace MidiSampler.Tests.Dsp;

/// <summary>The racks' bus kernel: the SIMD version equals the scalar reference for every length and gain.</summary>
public class BusMathTests
{
    [Theory]
    [InlineData(0, 1f)]
    [InlineData(1, 0.5f)]
    [InlineData(7, -2f)]
    [InlineData(8, 0.25f)]
    [InlineData(33, 1.5f)]
    [InlineData(1024, 0.7f)]
    [InlineData(1031, -0.3f)]
    public void Simd_add_scaled_equals_the_scalar_reference(int frames, float gain)
    {
        var random = new Random(frames);
        var source = Enumerable.Range(0, frames).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var start = Enumerable.Range(0, frames + 3).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var simd = (float[])start.Clone();
        var scalar = (float[])start.Clone();

        BusMath.AddScaled(source, simd, gain);
        BusMath.AddScaledScalar(source, scalar, gain);

        Assert.Equal(scalar, simd); // exact: one multiply and one add per sample either way
        Assert.Equal(start[^3..], simd[^3..]); // nothing written past the source's length
    }
}

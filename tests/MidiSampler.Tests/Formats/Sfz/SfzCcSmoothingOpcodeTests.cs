using MidiSampler.Model;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>SFZ v2 <c>*_smoothccN</c> / <c>*_stepccN</c> from text to the routes, and their bad values warned with file:line.</summary>
public class SfzCcSmoothingOpcodeTests
{
    [Fact]
    public void Smoothing_and_steps_join_their_routes()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var inst = dir.Load("""
            <group> volume_oncc20=-24 volume_smoothcc20=100
            <region> sample=s.wav pitch_oncc1=1200 pitch_stepcc1=100 tune_smoothcc1=5 cutoff_oncc74=2400 cutoff_smoothcc74=30
            pan_oncc10=50 pan_stepcc10=10 width_oncc5=50 width_smoothcc5=20 position_oncc6=40 position_stepcc6=5
            amplitude_oncc7=100 amplitude_smoothcc7=15 resonance_oncc8=12 resonance_stepcc8=3 volume_smoothcc99=10
            """);
        Assert.Empty(inst.Warnings);
        var routes = Assert.Single(inst.Regions).CcModulations.ToDictionary(m => (m.Target, m.Controller));
        Assert.Equal((100.0, 0.0), (routes[(ModulationTarget.VolumeDb, 20)].SmoothMs, routes[(ModulationTarget.VolumeDb, 20)].Step));
        Assert.Equal((5.0, 100.0), (routes[(ModulationTarget.PitchCents, 1)].SmoothMs, routes[(ModulationTarget.PitchCents, 1)].Step)); // tune_ = pitch_
        Assert.Equal(30.0, routes[(ModulationTarget.CutoffCents, 74)].SmoothMs);
        Assert.Equal(10.0, routes[(ModulationTarget.PanPercent, 10)].Step);
        Assert.Equal(20.0, routes[(ModulationTarget.WidthPercent, 5)].SmoothMs);
        Assert.Equal(5.0, routes[(ModulationTarget.PositionPercent, 6)].Step);
        Assert.Equal(15.0, routes[(ModulationTarget.AmplitudePercent, 7)].SmoothMs);
        Assert.Equal(3.0, routes[(ModulationTarget.ResonanceDb, 8)].Step);
        Assert.False(routes.ContainsKey((ModulationTarget.VolumeDb, 99))); // smoothing without a route adds none
    }

    [Fact]
    public void More_glides_than_a_voice_keeps_are_reported_with_the_line_of_the_first_one_past_the_limit()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var text = new System.Text.StringBuilder("<region> sample=s.wav\n");
        for (int cc = 20; cc < 20 + EngineLimits.MaxSmoothedCcRoutes + 1; cc++)
            text.Append("volume_oncc").Append(cc).Append("=-6 volume_smoothcc").Append(cc).Append("=10\n");

        var inst = dir.Load(text.ToString());

        string warning = Assert.Single(inst.Warnings);
        Assert.Contains($":{EngineLimits.MaxSmoothedCcRoutes + 2}:", warning, StringComparison.Ordinal); // line 18
        Assert.Contains($"at most {EngineLimits.MaxSmoothedCcRoutes} controller routes", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_values_are_clamped_with_file_and_line()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var inst = dir.Load("""
            <region> sample=s.wav pitch_oncc1=1200
            pitch_smoothcc1=-5 pitch_stepcc1=20000
            volume_oncc2=-6 volume_smoothcc2=99999 volume_stepcc2=x
            """);
        string[] expected =
        [
            "test.sfz:2:1: pitch_smoothcc1=-5 is outside 0..10000; clamped to 0",
            "test.sfz:2:20: pitch_stepcc1=20000 is outside 0..9600; clamped to 9600",
            "test.sfz:3:17: volume_smoothcc2=99999 is outside 0..10000; clamped to 10000",
            "test.sfz:3:40: volume_stepcc2=x is not a number; ignored",
        ];
        Assert.Equal(expected.Length, inst.Warnings.Count);
        foreach (string e in expected)
            Assert.True(inst.Warnings.Any(w => w.Contains(e, StringComparison.Ordinal)), $"{e} not among:\n{string.Join("\n", inst.Warnings)}");
        var routes = Assert.Single(inst.Regions).CcModulations.ToDictionary(m => m.Controller);
        Assert.Equal((0.0, 9600.0), (routes[1].SmoothMs, routes[1].Step));
        Assert.Equal((10_000.0, 0.0), (routes[2].SmoothMs, routes[2].Step));
    }
}

using System.Text.Json;
using System.Xml.Linq;

namespace MidiSampler.Cli.Tests.Latency;

/// <summary>A 2-second run of <c>latency</c>: consistent figures and a well-formed SVG histogram.</summary>
public sealed class LatencyCommandTests
{
    [Fact]
    public void Two_second_run_gives_consistent_figures_and_a_well_formed_plot()
    {
        string svg = Path.Combine(Path.GetTempPath(), $"latency-{Guid.NewGuid():N}.svg");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            int exit = Program.Run(["latency", "--duration", "2", "--period", "128", "--voices", "16", "--plot", svg, "--json"], output, error);
            Assert.Equal(0, exit);

            using var doc = JsonDocument.Parse(output.ToString());
            var root = doc.RootElement;
            Assert.Equal(128 * 1e6 / 48_000, root.GetProperty("periodMicroseconds").GetDouble(), 0.01);
            Assert.InRange(root.GetProperty("periods").GetInt32(), 749, 751); // 2 s of 2.667 ms periods
            foreach (string series in (string[])["wakeMicroseconds", "renderMicroseconds"])
            {
                var s = root.GetProperty(series);
                double min = s.GetProperty("min").GetDouble(), mean = s.GetProperty("mean").GetDouble(), max = s.GetProperty("max").GetDouble();
                double p99 = s.GetProperty("p99").GetDouble(), p999 = s.GetProperty("p99_9").GetDouble();
                Assert.True(min >= 0 && min <= mean && mean <= max, $"{series}: min {min} mean {mean} max {max}");
                Assert.True(min <= p99 && p99 <= p999 && p999 <= max, $"{series}: p99 {p99} p99.9 {p999}");
            }

            Assert.True(root.GetProperty("renderMicroseconds").GetProperty("min").GetDouble() > 0); // 16 voices really rendered
            Assert.False(string.IsNullOrEmpty(root.GetProperty("verdict").GetString()));

            var plot = XDocument.Load(svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(ns + "svg", plot.Root!.Name);
            Assert.Equal(2, plot.Root.Elements(ns + "polyline").Count()); // wake-up and render
            Assert.Contains(plot.Root.Elements(ns + "text"), t => t.Value.StartsWith("deadline 2666.67", StringComparison.Ordinal));
            foreach (var line in plot.Root.Elements(ns + "polyline"))
                Assert.NotEmpty(line.Attribute("points")!.Value);
        }
        finally
        {
            File.Delete(svg);
        }
    }

    [Fact]
    public void Out_of_range_values_are_bad_input()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(1, Program.Run(["latency", "--period", "8"], output, error));
        Assert.Contains("--period", error.ToString(), StringComparison.Ordinal);
    }
}

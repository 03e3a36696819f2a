using MidiSampler.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>
/// SFZ v1 <c>output</c> (0..1024, "the stereo output number for this region"): read per region, inherited from its
/// headers, played (no "has no effect" report), and a bad value reported with its place and left at the inherited one.
/// The routing itself is tested in <c>OutputBusTests</c>.
/// </summary>
public class SfzOutputOpcodeTests
{
    [Fact]
    public void Output_is_read_per_region_and_inherited_from_the_group_without_a_report()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var instrument = SfzLoader.Load(
            dir.Write("kit.sfz", "<region> sample=s.wav key=35\n<group> output=2\n<region> sample=s.wav key=36\n<region> sample=s.wav key=38 output=5\n<region> sample=s.wav key=40 output=1024"),
            _ => Signals.Sine(200, 48_000, 10));

        Assert.Equal([0, 2, 5, 1024], instrument.Regions.Select(r => r.Output));
        Assert.DoesNotContain(instrument.Warnings, w => w.Contains("output", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1025", "outside 0..1024")]
    [InlineData("-1", "outside 0..1024")]
    [InlineData("two", "not a number")] // "2.5" is read as 2, as sfizz reads whole numbers
    public void A_bad_output_is_reported_with_its_line_and_the_inherited_output_kept(string value, string reason)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("s.wav");
        var instrument = SfzLoader.Load(
            dir.Write("kit.sfz", $"<group> output=3\n<region> sample=s.wav key=36 output={value}"),
            _ => Signals.Sine(200, 48_000, 10));

        Assert.Equal(3, Assert.Single(instrument.Regions).Output);
        string warning = Assert.Single(instrument.Warnings, w => w.Contains("output", StringComparison.Ordinal));
        Assert.Contains("kit.sfz:2:", warning, StringComparison.Ordinal); // file:line:column
        Assert.Contains(reason, warning, StringComparison.Ordinal);
    }
}

using MidiSampler.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Formats.Sfz;

public sealed class SfzOpcodeCatalogTests
{
    [SharedDataFact]
    public void Generated_catalog_matches_the_sfz_opcode_database()
    {
        string yml = File.ReadAllText(Path.Combine(GanjoInstrumentTests.FindSharedDirectory(), "sfz-spec", "syntax.yml"));

        // Every generated name is in the database, so the file was not edited by hand (regenerate it otherwise).
        Assert.All(SfzOpcodeCatalog.SpecOpcodes, o => Assert.Contains($"name: \"{o.Name}\"", yml, StringComparison.Ordinal));
        Assert.All(SfzOpcodeCatalog.SpecHeaders, h => Assert.Contains($"name: \"{h}\"", yml, StringComparison.Ordinal));
        Assert.True(SfzOpcodeCatalog.SpecOpcodes.Length > 400, "the catalog looks truncated");
    }

    [Theory]
    [InlineData("on_locc64", "SFZ v1")]
    [InlineData("amp_velcurve_127", "SFZ v1")]
    [InlineData("lokey", "SFZ v1")]
    [InlineData("loopmode", "SFZ v1")]
    public void Numbered_opcodes_are_found_through_their_placeholder_form(string opcode, string version) =>
        Assert.Equal(version, SfzOpcodeCatalog.SpecVersion(opcode));

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("lokey2")]
    [InlineData("")]
    public void Names_outside_the_database_are_unknown(string opcode) => Assert.Null(SfzOpcodeCatalog.SpecVersion(opcode));
}

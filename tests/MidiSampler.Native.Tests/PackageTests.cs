using System.IO.Compression;
using System.Xml.Linq;
using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Native.Tests.TestSupport;

namespace MidiSampler.Native.Tests;

/// <summary>The engine library as a NuGet package (<c>dotnet pack</c>), for .NET developers: its assembly, docs and README.</summary>
public sealed class PackageTests
{
    [Fact]
    public void Pack_makes_a_package_with_the_engine_its_xml_docs_and_its_readme()
    {
        using var dir = new TempDirectory();
        // --no-build: packs the Release build the test run already made (scripts/test.sh builds the solution first).
        var (exit, output) = NativeRun.Run("dotnet", NativeBuild.RepositoryRoot, null, TimeSpan.FromMinutes(5),
            "pack", Path.Combine(NativeBuild.RepositoryRoot, "src", "MidiSampler", "MidiSampler.csproj"), "-c", "Release", "--no-build", "-o", dir.Path, "-nologo");
        Assert.True(exit == 0, output);

        string package = Assert.Single(Directory.GetFiles(dir.Path, "MidiSampler.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/MidiSampler.dll", names);
        Assert.Contains("lib/net10.0/MidiSampler.xml", names);
        Assert.Contains("README.md", names);

        using (var readme = new StreamReader(zip.GetEntry("README.md")!.Open()))
        {
            string text = readme.ReadToEnd();
            Assert.StartsWith("# MidiSampler", text, StringComparison.Ordinal);
            Assert.Contains("new Sampler(", text, StringComparison.Ordinal);
        }

        using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("MidiSampler", metadata.Element(ns + "id")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
    }
}

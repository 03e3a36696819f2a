namespace MidiSampler.Remote.Tests;

/// <summary>The library check on a real directory tree with real symbolic links: what may be loaded, what is refused and why.</summary>
public sealed class InstrumentLibraryTests : IDisposable
{
    private readonly string _top = Directory.CreateTempSubdirectory("ms-lib-").FullName;
    private readonly string _library;
    private readonly string _outside;

    public InstrumentLibraryTests()
    {
        _library = Directory.CreateDirectory(Path.Join(_top, "library")).FullName;
        _outside = Directory.CreateDirectory(Path.Join(_top, "outside")).FullName;
        Directory.CreateDirectory(Path.Join(_library, "piano"));
        File.WriteAllText(Path.Join(_library, "piano", "piano.sfz"), "<region> sample=a.wav");
        File.WriteAllText(Path.Join(_library, "notes.txt"), "not an instrument");
        File.WriteAllText(Path.Join(_outside, "secret.sfz"), "<region> sample=a.wav");
        File.CreateSymbolicLink(Path.Join(_library, "escape.sfz"), Path.Join(_outside, "secret.sfz"));
        Directory.CreateSymbolicLink(Path.Join(_library, "escapedir"), _outside);
        File.CreateSymbolicLink(Path.Join(_library, "inside.sfz"), Path.Join(_library, "piano", "piano.sfz"));
    }

    public void Dispose() => Directory.Delete(_top, recursive: true);

    [Fact]
    public void Loads_a_file_inside_by_relative_or_absolute_path_and_through_a_link_that_stays_inside()
    {
        var library = new InstrumentLibrary([_library]);
        string real = Path.Join(_library, "piano", "piano.sfz");
        Assert.Equal(real, library.Resolve("piano/piano.sfz"));
        Assert.Equal(real, library.Resolve(real));
        Assert.Equal(real, library.Resolve("inside.sfz"));
    }

    [Theory]
    [InlineData("../outside/secret.sfz", "'..' is not allowed")]
    [InlineData("piano/../../outside/secret.sfz", "'..' is not allowed")]
    [InlineData("escape.sfz", "leads outside")]
    [InlineData("escapedir/secret.sfz", "leads outside")]
    [InlineData("/etc/passwd", "outside the instrument library")]
    [InlineData("notes.txt", "not an instrument file")]
    public void Refuses_with_403_what_is_outside_or_not_an_instrument(string path, string reason)
    {
        var library = new InstrumentLibrary([_library]);
        var e = Assert.Throws<LibraryAccessException>(() => library.Resolve(path));
        Assert.Equal(403, e.StatusCode);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_404_and_the_listing_shows_no_link_and_no_other_file()
    {
        var library = new InstrumentLibrary([_library]);
        Assert.Equal(404, Assert.Throws<LibraryAccessException>(() => library.Resolve("piano/none.sfz")).StatusCode);
        Assert.Equal(["piano/piano.sfz"], library.List().Select(e => e.Path));
    }

    [Fact]
    public void A_missing_library_directory_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new InstrumentLibrary([Path.Join(_top, "nope")]));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }
}

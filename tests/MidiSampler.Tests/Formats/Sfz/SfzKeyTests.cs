using MidiSampler.Formats.Sfz;

namespace MidiSampler.Tests.Formats.Sfz;

public sealed class SfzKeyTests
{
    [Theory]
    [InlineData("h4")]
    [InlineData("c")]
    [InlineData("c#")]
    [InlineData("cx4")]
    [InlineData("c4.5")]
    [InlineData("")]
    [InlineData("c99999999999")]
    public void Non_keys_are_rejected(string text) => Assert.False(SfzKey.TryParse(text, out _));

    [Theory]
    [InlineData("60.0", 60)]
    [InlineData("57Edge", 57)]
    [InlineData("+61", 61)]
    [InlineData("-1", -1)]
    public void A_number_is_read_up_to_its_first_non_digit_as_sfizz_does(string text, int expected)
    {
        Assert.True(SfzKey.TryParse(text, out int key));
        Assert.Equal(expected, key);
    }

    [Fact]
    public void Every_key_0_to_127_round_trips_through_its_sharp_and_flat_names()
    {
        string[] sharps = ["c", "c#", "d", "d#", "e", "f", "f#", "g", "g#", "a", "a#", "b"];
        string[] flats = ["c", "db", "d", "eb", "e", "f", "gb", "g", "ab", "a", "bb", "b"];
        for (int key = 0; key <= 127; key++)
        {
            int octave = (key / 12) - 1;
            Assert.True(SfzKey.TryParse(sharps[key % 12] + octave, out int fromSharp));
            Assert.True(SfzKey.TryParse(flats[key % 12].ToUpperInvariant() + octave, out int fromFlat));
            Assert.Equal((key, key), (fromSharp, fromFlat));
        }
    }
}

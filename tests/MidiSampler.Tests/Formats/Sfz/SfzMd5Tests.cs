using System.Security.Cryptography;
using MidiSampler.Formats.Sfz;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Tests.Formats.Wav.WavBytes;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>
/// SFZ v2 <c>md5</c> (issue 16): the sample file's fingerprint is checked at load; a mismatch is reported with the file
/// and both fingerprints, and the region plays either way (a real WAV, a real render).
/// </summary>
public sealed class SfzMd5Tests
{
    private static (string Warnings, double LevelDb) Load(Func<string, string> md5Of)
    {
        using var dir = new TempSfzDirectory();
        var wav = Riff(Chunk("fmt ", Fmt(3, 1, 48_000, 32)), Chunk("data", Float32([.. Enumerable.Repeat(0.5f, 48_000)])));
        File.WriteAllBytes(Path.Combine(dir.Root, "dc.wav"), wav);
#pragma warning disable CA5351 // the format's fingerprint, not security
        string actual = Convert.ToHexStringLower(MD5.HashData(wav));
#pragma warning restore CA5351
        var instrument = SfzLoader.Load(dir.Write("md5.sfz", $"<region> sample=dc.wav amp_veltrack=0 md5={md5Of(actual)}"));
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);
        return (string.Join("\n", instrument.Warnings), Signals.Db(Signals.Rms(left, 2400, 4800) / 0.5));
    }

    [Fact]
    public void A_matching_md5_loads_silently_and_plays()
    {
        var (warnings, level) = Load(actual => actual.ToUpperInvariant()); // hexadecimal digits in either case
        Assert.True(warnings.Length == 0, warnings);
        Assert.InRange(level, -0.1, 0.1);
    }

    [Fact]
    public void A_different_md5_is_reported_with_the_file_and_both_fingerprints_and_the_region_still_plays()
    {
        string wrong = new('0', 32);
        string? actualSeen = null;
        var (warnings, level) = Load(actual => { actualSeen = actual; return wrong; });
        Assert.Contains("dc.wav", warnings, StringComparison.Ordinal);
        Assert.Contains(actualSeen!, warnings, StringComparison.Ordinal);
        Assert.Contains(wrong, warnings, StringComparison.Ordinal);
        Assert.Contains("md5.sfz", warnings, StringComparison.Ordinal); // the place
        Assert.InRange(level, -0.1, 0.1);
    }

    [Fact]
    public void A_malformed_md5_is_reported_as_a_bad_value()
    {
        var (warnings, level) = Load(_ => "xyz");
        Assert.Contains("32 hexadecimal digits", warnings, StringComparison.Ordinal);
        Assert.InRange(level, -0.1, 0.1);
    }
}

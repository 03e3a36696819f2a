using MidiSampler.Tests.Formats.Wav;

namespace MidiSampler.Tests.Formats.SndFile;

/// <summary>Audio files made at test time with the real <c>sox</c> (Debian package <c>sox</c>, built with FLAC and Vorbis).</summary>
internal static class SndFileTestFiles
{
    /// <summary>Writes a WAV of tones (a different one per channel) and returns its path.</summary>
    public static string SourceWav(TempDirectory dir, int bits, int channels, double seconds = 0.25, int rate = 44_100)
    {
        string wav = dir.File($"source-{bits}-{channels}.wav");
        var args = new List<string> { "-D", "-n", "-r", rate.ToString(), "-c", channels.ToString(), "-e", "signed-integer", "-b", bits.ToString(), wav, "synth", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "sine", "440" };
        if (channels >= 2)
            args.AddRange(["sine", "1234"]);
        if (channels >= 3)
            args.AddRange(["sine", "777"]);
        // A little noise so every bit of the 24-bit words is exercised, not only a smooth sine.
        args.AddRange(["synth", "whitenoise", "mix", "vol", "0.7"]);
        Sox.Run([.. args]);
        return wav;
    }

    /// <summary>Converts <paramref name="source"/> to <paramref name="target"/> (the extension chooses the format) with sox.</summary>
    public static string Convert(string source, string target, params string[] outputOptions)
    {
        Sox.Run(["-D", source, .. outputOptions, target]);
        return target;
    }
}

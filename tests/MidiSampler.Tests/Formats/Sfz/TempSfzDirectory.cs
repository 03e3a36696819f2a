using MidiSampler.Formats.Sfz;
using MidiSampler.Model;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>A scratch directory for SFZ files and (empty) sample files, removed on dispose.</summary>
internal sealed class TempSfzDirectory : IDisposable
{
    public TempSfzDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "midi-sampler-sfz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Paths the synthetic loader was asked for, in order.</summary>
    public List<string> Loaded { get; } = [];

    /// <summary>Writes a text file (UTF-8, no BOM) and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Non-throwing encoder: property tests write lone surrogates, which become U+FFFD on disk.
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false));
        return path;
    }

    /// <summary>Creates empty sample files: the synthetic loader needs them to exist, not to hold audio.</summary>
    public void Touch(params string[] relativePaths)
    {
        foreach (string p in relativePaths)
            Write(p, "");
    }

    /// <summary>
    /// A sample loader that checks the file exists and returns a synthetic 1000-frame sample; files whose name
    /// contains "loop" carry a loop 100..899, files whose name contains "bad" fail as an unreadable WAV would.
    /// </summary>
    public Sample LoadSynthetic(string path)
    {
        Assert.True(File.Exists(path), $"the loader was asked for a file that does not exist: {path}");
        Loaded.Add(path);
        string name = Path.GetFileName(path);
        if (name.Contains("bad", StringComparison.Ordinal))
            throw new MidiSampler.Formats.InstrumentLoadException(path, "byte 12", "not a RIFF file");
        var meta = name.Contains("loop", StringComparison.Ordinal) ? new SampleMetadata(null, 0, 100, 899) : null;
        return Sample.FromInterleaved(path, 48_000, 1, new float[1000], meta);
    }

    public Instrument Load(string sfzText, string name = "test.sfz") => SfzLoader.Load(Write(name, sfzText), LoadSynthetic);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}

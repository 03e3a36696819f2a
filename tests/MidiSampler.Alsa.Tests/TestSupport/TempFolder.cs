using MidiSampler.Formats.Wav;

namespace MidiSampler.Alsa.Tests.TestSupport;

/// <summary>A temporary directory removed on dispose, with a tone WAV to play.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"midisampler-alsa-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A 0.2 s 440 Hz mono tone (a one-shot sample) at 48 kHz.</summary>
    public string Tone()
    {
        string path = File("tone.wav");
        var data = new float[9_600];
        for (int i = 0; i < data.Length; i++)
            data[i] = 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / 48_000);
        using var writer = new WavWriter(path, 48_000, 1, WavSampleFormat.Pcm16);
        writer.Write(data);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // still in use
        }
    }
}

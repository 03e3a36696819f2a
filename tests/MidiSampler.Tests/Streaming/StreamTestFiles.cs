using MidiSampler.Formats.Wav;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Wav;

namespace MidiSampler.Tests.Streaming;

/// <summary>A temporary directory of generated sample files, deleted on dispose.</summary>
internal sealed class StreamTestFiles : IDisposable
{
    public StreamTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ms-stream-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>A chirp-like signal whose every frame differs (so a misplaced chunk cannot go unnoticed).</summary>
    public static float[] Signal(int frames, int channels, int seed)
    {
        var data = new float[frames * channels];
        for (int f = 0; f < frames; f++)
        {
            for (int c = 0; c < channels; c++)
                data[(f * channels) + c] = (float)(0.4 * Math.Sin((f * (0.01 + (seed * 0.001))) + (f * 1e-6 * f) + c) + (0.1 * Math.Sin(f * 0.37)));
        }

        return data;
    }

    public string Wav(string name, int frames, int channels, WavSampleFormat format = WavSampleFormat.Pcm16, int seed = 1, SampleMetadata? metadata = null, int rate = 48_000)
    {
        string path = Path.Combine(Directory, name);
        WavWriter.WriteFile(path, rate, channels, format, Signal(frames, channels, seed), metadata);
        return path;
    }

    /// <summary>A FLAC copy of a WAV, encoded by the real sox.</summary>
    public string Flac(string wavPath)
    {
        string path = Path.ChangeExtension(wavPath, ".flac");
        Sox.Run(wavPath, path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

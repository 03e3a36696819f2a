using MidiSampler.Model;

namespace MidiSampler.Formats.Wav;

/// <summary>Reads RIFF/WAVE files into <see cref="Sample"/>s. Control or loader thread.</summary>
public static class WavReader
{
    /// <summary>Loads a WAV file. Throws <see cref="InstrumentLoadException"/> naming the file, the place and the reason.</summary>
    public static Sample Load(string path) => throw new NotSupportedException("contract stub: " + path);

    /// <summary>Reads a WAV from a stream; <paramref name="name"/> is used in messages and as the sample's name.</summary>
    public static Sample Read(Stream stream, string name) => throw new NotSupportedException("contract stub: " + name + stream);
}

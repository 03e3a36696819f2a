using MidiSampler.Formats;
using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Sf2;
using MidiSampler.Formats.SndFile;
using MidiSampler.Formats.Sfz;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;
using MidiSampler.Rendering;

namespace MidiSampler.Fuzz;

/// <summary>
/// One harness per parser. Each takes the input's bytes, parses them, and plays what it got through a real engine
/// (<see cref="EnginePlay"/>). The only acceptable failure is <see cref="InstrumentLoadException"/> (a documented
/// rejection, with its message); any other exception, a hang, or a non-finite output sample is a finding.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>The target names, as scripts/fuzz.sh and the seed folders (fuzz/seeds/NAME) know them.</summary>
    public static readonly string[] Names = ["midi", "wav", "sfz", "sf2", "sndfile"];

    /// <summary>Sample files the SFZ seeds name (fuzz/seeds/sfz): they exist, empty, beside the fuzzed file.</summary>
    public static readonly string[] SfzSampleNames = ["a.wav", "x.wav", "s/a.wav"];

    private static readonly string ScratchDirectory = Path.Combine(Path.GetTempPath(), $"midi-sampler-fuzz-{Environment.ProcessId}");

    /// <summary>Runs target <paramref name="name"/> on one input.</summary>
    public static void Run(string name, byte[] input)
    {
        try
        {
            switch (name)
            {
                case "midi":
                    Midi(input);
                    break;
                case "wav":
                    EnginePlay.Play(Instrument(WavReader.Read(new MemoryStream(input), "fuzz.wav", null)));
                    break;
                case "sndfile":
                    EnginePlay.Play(Instrument(SndFileReader.Read(new MemoryStream(input), "fuzz.audio")));
                    break;
                case "sf2":
                    SoundFont(input);
                    break;
                case "sfz":
                    Sfz(input);
                    break;
                default:
                    throw new ArgumentException($"unknown target '{name}' (known: {string.Join(", ", Names)})", nameof(name));
            }
        }
        catch (InstrumentLoadException e) when (e.Message.Length > 0)
        {
            // A documented rejection.
        }
    }

    private static Instrument Instrument(Sample sample) => InstrumentLoader.FromSample(sample, "fuzz.wav");

    private static void Midi(byte[] input)
    {
        var song = MidiFile.Read(input, "fuzz.mid");
        using var sampler = EnginePlay.NewSampler();
        sampler.SetInstrument(0, EnginePlay.ToneInstrument);
        // A second of the song at most, and a short tail: a fuzzed song may declare years.
        var renderer = new SongRenderer(sampler, song) { MaxSeconds = 1, MaxTailSeconds = 0.25, BlockFrames = 256 };
        renderer.Render(EnginePlay.CheckBlock);
        EnginePlay.CheckStats(sampler);
    }

    private static void SoundFont(byte[] input)
    {
        var bank = SoundFontLoader.LoadBank(new MemoryStream(input), "fuzz.sf2");
        foreach (var preset in bank.Presets)
        {
            if (preset.Instrument.Regions.Count > 0)
            {
                EnginePlay.Play(preset.Instrument);
                return;
            }
        }
    }

    private static void Sfz(byte[] input)
    {
        // The text goes through the real file path (includes resolve against this directory); samples are one tone,
        // for the sample names the seeds use (the builder skips a region whose file does not exist).
        if (!Directory.Exists(ScratchDirectory))
        {
            Directory.CreateDirectory(Path.Combine(ScratchDirectory, "s"));
            foreach (string name in SfzSampleNames)
                File.WriteAllBytes(Path.Combine(ScratchDirectory, name), []);
        }

        string path = Path.Combine(ScratchDirectory, "fuzz.sfz");
        File.WriteAllBytes(path, input);
        var instrument = SfzLoader.Load(path, _ => EnginePlay.Tone);
        EnginePlay.Play(instrument);
    }
}

using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Sf2;
using MidiSampler.Formats.SndFile;
using MidiSampler.Formats.Sfz;
using MidiSampler.Formats.Wav;
using MidiSampler.Tests.Formats.Sf2;
using static MidiSampler.Tests.Formats.Sf2.Sf2Builder;

namespace MidiSampler.Tests.Hardening;

/// <summary>
/// The fuzzers' seed corpora (fuzz/seeds/TARGET) are small valid inputs: a seed the parser rejects would teach the
/// fuzzer nothing. MIDISAMPLER_WRITE_SEEDS=1 (re)writes the SoundFont seeds, which are built by <see cref="Sf2Builder"/>.
/// </summary>
public sealed class FuzzSeedTests
{
    private static readonly string Seeds = Path.Combine(FindRepository(), "fuzz", "seeds");

    [Fact]
    public void Every_seed_is_small_and_parses()
    {
        if (Environment.GetEnvironmentVariable("MIDISAMPLER_WRITE_SEEDS") == "1")
            WriteSoundFontSeeds();
        var seen = new Dictionary<string, int>();
        foreach (string target in new[] { "midi", "wav", "sfz", "sf2", "sndfile" })
        {
            string[] files = Directory.GetFiles(Path.Combine(Seeds, target));
            seen[target] = files.Length;
            foreach (string file in files)
            {
                Assert.True(new FileInfo(file).Length <= 4096, $"{file}: seeds should stay under 4 KB so that afl mutates them fast");
                byte[] bytes = File.ReadAllBytes(file);
                switch (target)
                {
                    case "midi":
                        Assert.NotEmpty(MidiFile.Read(bytes, file).Events);
                        break;
                    case "wav":
                        Assert.True(WavReader.Read(new MemoryStream(bytes), file, null).FrameCount > 0);
                        break;
                    case "sfz":
                        // As the harness runs it: beside the sample files the seeds name (FuzzTargets.SfzSampleNames).
                        using (var dir = new Formats.Sfz.TempSfzDirectory())
                        {
                            dir.Touch("a.wav", "x.wav", "s/a.wav");
                            var instrument = SfzLoader.Load(dir.Write("seed.sfz", File.ReadAllText(file)), _ => TestSupport.Signals.Sine(440, 48_000, 10));
                            Assert.True(instrument.Regions.Count > 0, file + ": " + string.Join("; ", instrument.Warnings));
                        }

                        break;
                    case "sf2":
                        Assert.Contains(SoundFontLoader.LoadBank(new MemoryStream(bytes), file).Presets, p => p.Instrument.Regions.Count > 0);
                        break;
                    default:
                        Assert.True(SndFileReader.Read(new MemoryStream(bytes), file).FrameCount > 0);
                        break;
                }
            }
        }

        Assert.All(seen, s => Assert.True(s.Value >= 2, $"fuzz/seeds/{s.Key} has {s.Value} seeds"));
    }

    private static void WriteSoundFontSeeds()
    {
        File.WriteAllBytes(Path.Combine(Seeds, "sf2", "simple.sf2"), Simple().Build());
        var b = new Sf2Builder { Version = (2, 4), With24Bit = true };
        var data = new short[48];
        for (int n = 0; n < data.Length; n++)
            data[n] = (short)(8000 * Math.Sin(2 * Math.PI * n / 12));
        int s = b.AddSample("s", data, 4, 40, pitch: 60);
        int i = b.AddInstrument("two", new Zone(Range(SoundFontGeneratorType.KeyRange, 0, 60), Gen(SoundFontGeneratorType.SampleModes, 1), SampleId(s)),
            new Zone(Range(SoundFontGeneratorType.KeyRange, 61, 127), Gen(SoundFontGeneratorType.InitialFilterFc, 6000), Gen(SoundFontGeneratorType.ReverbEffectsSend, 500), SampleId(s)));
        b.AddPreset("p", 0, 0, new Zone(Instrument(i)));
        b.AddPreset("drums", 0, 128, new Zone(Instrument(i)));
        File.WriteAllBytes(Path.Combine(Seeds, "sf2", "layers-24bit.sf2"), b.Build());
    }

    private static string FindRepository()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "MidiSampler.slnx")))
            directory = Path.GetDirectoryName(directory);
        return directory ?? throw new InvalidOperationException("repository root not found");
    }
}

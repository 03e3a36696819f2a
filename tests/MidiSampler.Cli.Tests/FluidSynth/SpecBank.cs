using System.Diagnostics;
using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Sf2;
using MidiSampler.Formats.Wav;
using MidiSampler.Tests.Formats.Sf2;
using static MidiSampler.Tests.Formats.Sf2.Sf2Builder;

namespace MidiSampler.Cli.Tests.FluidSynth;

/// <summary>
/// A small SoundFont written by a test (one looped 187.5 Hz waveform at 48 kHz, root key 60, and one preset per set of
/// generators), a song of one note per preset, and both renders: FluidSynth 2.3 (<c>fluidsynth -ni -R 0 -C 0 -r 48000</c>,
/// float) and <c>midi-sampler render --no-effects</c>. Needs the Debian package fluidsynth.
/// </summary>
internal sealed class SpecBank
{
    public const int Rate = 48_000;

    /// <summary>The waveform's frequency at the root key (256 frames a cycle, 8 cycles looped).</summary>
    public const double RootHz = Rate / 256.0;

    private readonly List<SpecZone[]> _presets = [];

    /// <summary>Adds a preset (program = its index) with these instrument-zone generators (and modulators); returns the program.</summary>
    public int Add((SoundFontGeneratorType Type, int Amount)[] generators, params SoundFontModulator[] modulators) =>
        AddZones(new SpecZone(generators, modulators));

    /// <summary>Adds a preset whose instrument has these zones (each playing the waveform or its octave); returns the program.</summary>
    public int AddZones(params SpecZone[] zones)
    {
        _presets.Add(zones);
        return _presets.Count - 1;
    }

    /// <summary>Harmonics 1..N of the waveform, each 1/k (a band-limited sawtooth); 1 is a sine.</summary>
    public int Harmonics { get; init; } = 1;

    /// <summary>Writes the bank.</summary>
    public string Save(string path)
    {
        var b = new Sf2Builder();
        var data = new short[2048];
        for (int n = 0; n < data.Length; n++)
        {
            double v = 0;
            for (int k = 1; k <= Harmonics; k++)
                v += Math.Sin(2 * Math.PI * k * n / 256) / k;
            data[n] = (short)Math.Round(12_000 * v / (Harmonics == 1 ? 1 : 1.85));
        }

        int sample = b.AddSample("wave", data, 0, data.Length, rate: Rate, pitch: 60);
        var octave = new short[2048];
        for (int n = 0; n < octave.Length; n++)
            octave[n] = (short)Math.Round(12_000 * Math.Sin(2 * Math.PI * n / 128));
        int octaveSample = b.AddSample("octave", octave, 0, octave.Length, rate: Rate, pitch: 60);
        for (int p = 0; p < _presets.Count; p++)
        {
            var zones = new List<Zone>();
            foreach (var z in _presets[p])
            {
                var gens = new List<(ushort, ushort)> { Gen(SoundFontGeneratorType.SampleModes, 1) };
                gens.AddRange(z.Generators.Select(g => Gen(g.Type, g.Amount)));
                gens.Add(SampleId(z.Octave ? octaveSample : sample));
                zones.Add(new Zone(gens, [.. z.Modulators]));
            }

            int i = b.AddInstrument($"i{p}", [.. zones]);
            b.AddPreset($"p{p}", p, 0, new Zone(Instrument(i)));
        }

        File.WriteAllBytes(path, b.Build());
        return path;
    }

    /// <summary>
    /// A song: note i plays preset <c>Notes[i].Program</c> on channel i (never 10) from second <c>Notes[i].Start</c> for
    /// <c>Notes[i].Seconds</c>, key and velocity as given; <paramref name="controllers"/> are (channel, controller, value) sent first.
    /// </summary>
    public static string Song(string path, IReadOnlyList<(int Program, int Key, int Velocity, double Start, double Seconds)> notes, params (int Channel, int Controller, int Value)[] controllers) =>
        Song(path, notes, controllers, []);

    /// <summary>
    /// As above, plus channel messages at given seconds (status with its channel, data bytes): a pitch bend or a controller
    /// moved mid-note.
    /// </summary>
    public static string Song(string path, IReadOnlyList<(int Program, int Key, int Velocity, double Start, double Seconds)> notes,
        (int Channel, int Controller, int Value)[] controllers, (double Seconds, byte Status, byte Data1, byte Data2)[] messages)
    {
        var writer = new MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        writer.AddTempoBpm(track, 0, 120); // 960 ticks a second
        foreach (var (channel, controller, value) in controllers)
            writer.AddControlChange(track, 0, channel, controller, value);
        long end = 0;
        for (int i = 0; i < notes.Count; i++)
        {
            var n = notes[i];
            int channel = i >= 9 ? i + 1 : i;
            writer.AddProgramChange(track, 1, channel, n.Program);
            long start = (long)Math.Round(n.Start * 960), length = (long)Math.Round(n.Seconds * 960);
            writer.AddNote(track, start, length, channel, n.Key, n.Velocity);
            end = Math.Max(end, start + length);
        }

        foreach (var (seconds, status, data1, data2) in messages)
            writer.AddChannelMessage(track, (long)Math.Round(seconds * 960), status, data1, data2);
        writer.SetEndOfTrack(track, end + 960);
        writer.Save(path);
        return path;
    }

    /// <summary>Renders with FluidSynth and with us; both as mono (left + right), ours first.</summary>
    public static (float[] Ours, float[] Theirs) RenderBoth(TempDirectory dir, string bank, string midi, params string[] ourOptions)
    {
        string theirs = dir.File(Path.GetFileNameWithoutExtension(midi) + ".fluidsynth.wav");
        var start = new ProcessStartInfo("fluidsynth") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "-ni", "-R", "0", "-C", "0", "-r", "48000", "-o", "audio.file.format=float", "-F", theirs, bank, midi })
            start.ArgumentList.Add(arg);
        using (var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start fluidsynth (apt install fluidsynth)"))
        {
            string stderr = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "fluidsynth did not finish");
            Assert.True(process.ExitCode == 0 && File.Exists(theirs), $"fluidsynth failed: {stderr}");
        }

        string ours = dir.File(Path.GetFileNameWithoutExtension(midi) + ".ours.wav");
        var (exit, _, error) = CliRunner.Run(["render", bank, midi, "-o", ours, "--no-effects", "--format", "float32", .. ourOptions]);
        Assert.True(exit == 0, error);
        if (Environment.GetEnvironmentVariable("MIDI_SAMPLER_COMPARE_DIR") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            foreach (string file in new[] { bank, midi, theirs, ours })
                File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
        }

        return (Mono(ours), Mono(theirs));
    }

    /// <summary>Renders as <see cref="RenderBoth"/>, keeping left and right: (ours left, ours right, theirs left, theirs right).</summary>
    public static (float[] OursLeft, float[] OursRight, float[] TheirsLeft, float[] TheirsRight) RenderBothStereo(TempDirectory dir, string bank, string midi)
    {
        RenderBoth(dir, bank, midi);
        string stem = Path.GetFileNameWithoutExtension(midi);
        var (ol, or) = Channels(dir.File(stem + ".ours.wav"));
        var (tl, tr) = Channels(dir.File(stem + ".fluidsynth.wav"));
        return (ol, or, tl, tr);
    }

    private static (float[] Left, float[] Right) Channels(string path)
    {
        var sample = WavReader.Load(path);
        var left = new float[sample.FrameCount];
        var right = new float[sample.FrameCount];
        for (int f = 0; f < sample.FrameCount; f++)
        {
            left[f] = sample[f, 0];
            right[f] = sample[f, 1];
        }

        return (left, right);
    }

    /// <summary>Left plus right of a stereo WAV file.</summary>
    public static float[] Mono(string path)
    {
        var sample = WavReader.Load(path);
        Assert.Equal(Rate, sample.SampleRate);
        var mono = new float[sample.FrameCount];
        for (int f = 0; f < sample.FrameCount; f++)
            mono[f] = sample[f, 0] + sample[f, 1];
        return mono;
    }

    /// <summary>RMS level in dB of <paramref name="x"/> from second <paramref name="from"/> for <paramref name="seconds"/>.</summary>
    public static double LevelDb(float[] x, double from, double seconds)
    {
        int a = (int)(from * Rate), n = (int)(seconds * Rate);
        double sum = 0;
        for (int i = a; i < a + n && i < x.Length; i++)
            sum += (double)x[i] * x[i];
        return 10 * Math.Log10((sum / n) + 1e-30);
    }

    /// <summary>
    /// The frequency of a sine around second <paramref name="at"/>: whole periods between the first and the last rising
    /// zero crossing (interpolated) within ± <paramref name="halfWindow"/> seconds.
    /// </summary>
    public static double FrequencyHz(float[] x, double at, double halfWindow = 0.02)
    {
        int a = (int)((at - halfWindow) * Rate), b = (int)((at + halfWindow) * Rate);
        double first = -1, last = -1;
        int periods = -1;
        for (int i = Math.Max(a, 1); i < b && i < x.Length; i++)
        {
            if (x[i - 1] < 0 && x[i] >= 0)
            {
                double t = i - 1 + (x[i - 1] / (x[i - 1] - x[i]));
                if (first < 0)
                    first = t;
                last = t;
                periods++;
            }
        }

        return periods > 0 ? periods * Rate / (last - first) : double.NaN;
    }

    /// <summary>Cents of <paramref name="hz"/> above the waveform played at <paramref name="key"/>.</summary>
    public static double CentsAbove(double hz, int key) => 1200 * Math.Log2(hz / (RootHz * Math.Pow(2, (key - 60) / 12.0)));
}

/// <summary>One instrument zone of a <see cref="SpecBank"/> preset: its generators and modulators; <paramref name="Octave"/>: it plays the waveform an octave up (375 Hz at the root key, a sine).</summary>
internal sealed record SpecZone((SoundFontGeneratorType Type, int Amount)[] Generators, SoundFontModulator[] Modulators, bool Octave = false);

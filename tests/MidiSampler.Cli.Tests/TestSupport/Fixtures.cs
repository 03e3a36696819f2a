using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;

namespace MidiSampler.Cli.Tests.TestSupport;

/// <summary>Real files for CLI tests: a looped tone WAV with a smpl chunk, and MIDI songs.</summary>
internal static class Fixtures
{
    public const int ToneRate = 44_100;
    public const double ToneHz = 440;
    public const float ToneAmplitude = 0.5f;

    /// <summary>
    /// One second of a 440 Hz cosine at 44.1 kHz (exactly 440 periods, so the whole-file loop is seamless), root
    /// key 69 in its smpl chunk. A cosine starts at full amplitude, so an onset shows at its very first frame.
    /// </summary>
    public static string ToneWav(TempDirectory dir, string name = "tone.wav")
    {
        var data = new float[ToneRate];
        for (int i = 0; i < data.Length; i++)
            data[i] = ToneAmplitude * (float)Math.Cos(2 * Math.PI * ToneHz * i / ToneRate);
        string path = dir.File(name);
        WavWriter.WriteFile(path, ToneRate, 1, WavSampleFormat.Float32, data, new SampleMetadata(69, 0, 0, data.Length - 1));
        return path;
    }

    /// <summary>
    /// Two notes: A4 at tick 480 (0.5 s at 120 BPM), then a tempo change to 60 BPM at tick 960 (1.0 s), then A5 at
    /// tick 1440, which the tempo change puts at 2.0 s. Each lasts a quarter note.
    /// </summary>
    public static string TwoNotesWithTempoChange(TempDirectory dir, string name = "song.mid")
    {
        var writer = new MidiFileWriter(format: 1, ticksPerQuarter: 480);
        int tempo = writer.AddTrack("tempo");
        int notes = writer.AddTrack("notes");
        writer.AddTempoBpm(tempo, 0, 120);
        writer.AddTempoBpm(tempo, 960, 60);
        writer.AddNote(notes, 480, 480, 0, 69, 127);
        writer.AddNote(notes, 1440, 480, 0, 81, 127);
        string path = dir.File(name);
        writer.Save(path);
        return path;
    }

    /// <summary>The repository's shared data folder (shared/ beside the clone; see <see cref="MidiSampler.Tests.TestSupport.SharedData"/>).</summary>
    public static string SharedDirectory() => MidiSampler.Tests.TestSupport.SharedData.Require();

    public static float[] Channel(Sample sample, int channel)
    {
        var x = new float[sample.FrameCount];
        for (int i = 0; i < x.Length; i++)
            x[i] = sample[i, channel];
        return x;
    }

    public static int FirstAbove(float[] x, float threshold, int from = 0)
    {
        for (int i = from; i < x.Length; i++)
        {
            if (Math.Abs(x[i]) > threshold)
                return i;
        }

        return -1;
    }

    /// <summary>Frequency by interpolated rising zero crossings between frames [from, to).</summary>
    public static double Frequency(float[] x, int sampleRate, int from, int to)
    {
        double first = -1, last = -1;
        int count = 0;
        for (int i = Math.Max(1, from); i < to; i++)
        {
            if (x[i - 1] < 0 && x[i] >= 0)
            {
                double t = i - 1 + (-x[i - 1] / (x[i] - x[i - 1]));
                if (first < 0)
                    first = t;
                last = t;
                count++;
            }
        }

        return count < 2 ? 0 : (count - 1) * sampleRate / (last - first);
    }
}

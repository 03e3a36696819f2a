using MidiSampler.Cli.Tests.TestSupport;
using MidiSampler.Native.Tests.TestSupport;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Native.Tests;

/// <summary>
/// The original design's offline example (CPrograms/design_offline.c, its text unchanged), built with gcc against the
/// header and the NativeAOT library: it loads "piano.wav" with root note 60, plays note 60 at velocity 80 and renders
/// 128-frame blocks. The test gives it a sine at middle C and checks what it wrote.
/// </summary>
public sealed class DesignOfflineExampleTests
{
    [Fact]
    public void Offline_example_plays_the_sample_at_its_pitch_and_level_from_the_first_frame()
    {
        using var dir = new TempDirectory();
        TestAudio.WriteSine(dir.File("piano.wav"));
        string output = dir.File("example.f32");
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["MS_EXAMPLE_OUTPUT"] = output, ["MS_EXAMPLE_BLOCKS"] = "375" };
        var (exit, text) = NativeRun.Run(NativeBuild.Program("design_offline"), dir.Path, env, TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"design_offline exited {exit}:\n{text}");

        var (left, right) = TestAudio.ReadStereoFloats(output);
        Assert.Equal(375 * 128, left.Length);
        Assert.Equal(left, right); // a mono sample at the centre

        // The note was queued before the first block: it sounds from frame 0 (a sine starts at 0, so frame 1 is the first non-zero).
        Assert.InRange(Signals.FirstNonZero(left), 0, 1);

        // Pitch: root 60, note 60, so the sample's own pitch, to a cent.
        double hz = Signals.Frequency(left, TestAudio.SampleRate, 4_800, 43_200);
        Assert.InRange(Signals.Cents(hz, TestAudio.MiddleCHz), -1, 1);

        // Level: a sine's RMS is its peak over √2, times the velocity-80 note gain; to 0.1 dB.
        double expectedDb = Signals.Db(TestAudio.Amplitude / Math.Sqrt(2) * TestAudio.NoteGain(80));
        double measuredDb = Signals.Db(Signals.Rms(left, 4_800, 43_200));
        Assert.InRange(measuredDb - expectedDb, -0.1, 0.1);
    }
}

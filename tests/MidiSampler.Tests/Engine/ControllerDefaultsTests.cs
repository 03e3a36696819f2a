using MidiSampler.Engine;
using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Sfz;
using MidiSampler.Rendering;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// An instrument's <c>set_ccN</c> defaults are in place before any event of the first block: a song's note at tick 0
/// sees them (sfizz applies them when the instrument loads). Queued events come before the host's at an equal frame.
/// </summary>
public sealed class ControllerDefaultsTests
{
    [Fact]
    public void A_locc_condition_met_only_by_set_cc_lets_a_note_at_tick_zero_sound()
    {
        float[] left = RenderFirstNote("<control> set_cc80=64\n<region> sample=tone.wav locc80=1 loop_mode=loop_continuous\n");
        Assert.InRange(Signals.FirstNonZero(left), 0, 1); // the sine starts at 0: frame 1 is its first non-zero sample
    }

    [Fact]
    public void A_set_cc_default_moves_an_envelope_of_a_note_at_tick_zero()
    {
        // ampeg_attack_oncc1=1 with set_cc1=127: a one-second attack, so 50 ms in the note is at about 5 % of its level.
        float[] left = RenderFirstNote("<control> set_cc1=127\n<region> sample=tone.wav ampeg_attack_oncc1=1 loop_mode=loop_continuous\n");
        double early = Signals.Rms(left, 2_000, 2_800), late = Signals.Rms(left, 47_000, 48_000);
        Assert.InRange(early / late, 0.01, 0.12);
    }

    private static float[] RenderFirstNote(string sfz)
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("tone.wav");
        var sine = Signals.Sine(440, 48_000, 200);
        var instrument = SfzLoader.Load(dir.Write("test.sfz", sfz), _ => sine);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);

        var writer = new MidiFileWriter(format: 0);
        int track = writer.AddTrack();
        writer.AddNote(track, 0, 960, 0, 69, 100);
        var left = new List<float>();
        new SongRenderer(sampler, MidiFile.Read(writer.ToArray(), "tick0.mid")).Render(block =>
        {
            for (int i = 0; i < block.Length; i += 2)
                left.Add(block[i]);
        });
        return [.. left];
    }
}

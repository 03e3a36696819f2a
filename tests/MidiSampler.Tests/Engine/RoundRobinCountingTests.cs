using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// Round robin counting (seq_length/seq_position): every note-on in a region's key range advances its counter, whatever
/// its velocity or keyswitch, as in sfizz, so that the positions of one sequence stay in step.
/// </summary>
public class RoundRobinCountingTests
{
    private static Region Step(float level, int position, int loVelocity, int hiVelocity) => new()
    {
        Sample = Signals.Constant(level, 48_000), SeqLength = 2, SeqPosition = position, LoVelocity = loVelocity,
        HiVelocity = hiVelocity, AmpVeltrackPercent = 0, AmpEnvelope = new Envelope(0, 0, 0, 0, 1, 0.001),
    };

    [Fact]
    public void Sequence_steps_with_different_velocity_splits_play_exactly_one_region_per_note()
    {
        // sfz.org's seq_position example of what goes wrong when players count only the notes a region could play:
        // position 1 splits at velocity 32, position 2 at 64.
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, new Instrument("rr", [Step(0.1f, 1, 1, 31), Step(0.2f, 1, 32, 127), Step(0.3f, 2, 1, 63), Step(0.4f, 2, 64, 127)]));
        int[] velocities = [100, 20, 100, 50, 10, 90];
        float[] expected = [0.2f, 0.3f, 0.2f, 0.3f, 0.1f, 0.4f]; // positions 1, 2, 1, 2, 1, 2
        for (int i = 0; i < velocities.Length; i++)
        {
            sampler.NoteOn(0, 60, velocities[i]);
            float level = Signals.Channel(Signals.Render(sampler, 1024), 2, 0)[1000];
            Assert.Equal(expected[i], level, 4);
            sampler.NoteOff(0, 60);
            Signals.Render(sampler, 1024);
        }
    }

    [Fact]
    public void Notes_under_another_keyswitch_advance_the_counter()
    {
        Region Take(float level, int position, int keyswitch) => new()
        {
            Sample = Signals.Constant(level, 48_000), LoKey = 60, HiKey = 60, SeqLength = 2, SeqPosition = position, SwLoKey = 24,
            SwHiKey = 25, SwLast = keyswitch, AmpVeltrackPercent = 0, AmpEnvelope = new Envelope(0, 0, 0, 0, 1, 0.001),
        };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, new Instrument("ks", [Take(0.1f, 1, 24), Take(0.2f, 2, 24), Take(0.3f, 1, 25), Take(0.4f, 2, 25)]));
        float Play()
        {
            sampler.NoteOn(0, 60, 100);
            float level = Signals.Channel(Signals.Render(sampler, 1024), 2, 0)[1000];
            sampler.NoteOff(0, 60);
            Signals.Render(sampler, 1024);
            return level;
        }

        sampler.NoteOn(0, 24, 100);
        sampler.NoteOff(0, 24);
        Assert.Equal(0.1f, Play(), 4); // articulation 24, take 1
        sampler.NoteOn(0, 25, 100);
        sampler.NoteOff(0, 25);
        Assert.Equal(0.4f, Play(), 4); // articulation 25: its counter saw the first note too, so take 2
        Assert.Equal(0.3f, Play(), 4);
    }
}

using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// Never a stuck note: whatever order note-ons, note-offs, the pedal, retriggers, program changes and stealing
/// come in, once every key is up and the pedal is released, every looping voice ends.
/// </summary>
public sealed class StuckNoteTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Every_voice_ends_once_all_keys_and_the_pedal_are_up(int seed)
    {
        var tone = Signals.Sine(220, 48_000, 20);
        Region looped = new() { Sample = tone, LoopMode = LoopMode.LoopContinuous, LoopEnd = tone.FrameCount - 1, AmpEnvelope = new Envelope(0, 0.001, 0, 0.01, 0.8, 0.02) };
        Region sustainLoop = looped with { LoKey = 70, LoopMode = LoopMode.LoopSustain, SeqLength = 2, SeqPosition = 1 };
        Region other = looped with { LoKey = 70, SeqLength = 2, SeqPosition = 2, Group = 1, OffBy = 1 };
        using var sampler = Signals.NewSampler(polyphony: 12, maxBlock: 64);
        sampler.SetInstrument(0, new Instrument("a", [looped with { HiKey = 69 }, sustainLoop, other]));
        sampler.SetInstrument(1, new Instrument("b", [looped]));
        var random = new Random(seed);
        var down = new HashSet<(int Channel, int Key)>();
        var output = new float[64 * 2];

        for (int block = 0; block < 3_000; block++)
        {
            for (int n = random.Next(4); n > 0; n--)
            {
                int channel = random.Next(3), key = 60 + random.Next(20), offset = random.Next(64);
                switch (random.Next(10))
                {
                    case < 4:
                        sampler.NoteOn(channel, key, 1 + random.Next(127), offset); // a held key struck again too
                        down.Add((channel, key));
                        break;
                    case < 7:
                        sampler.NoteOff(channel, key, offset);
                        down.Remove((channel, key));
                        break;
                    case 7:
                        sampler.ControlChange(channel, 64, random.Next(2) * 127, offset);
                        break;
                    case 8:
                        sampler.ProgramChange(channel, random.Next(2), offset);
                        break;
                    default:
                        sampler.PitchBend(channel, random.Next(16_384), offset);
                        break;
                }
            }

            sampler.Process(output, 64);
        }

        Assert.True(sampler.GetStats().PeakVoices >= 12, "the run never filled the pool: stealing was not exercised");
        foreach (var (channel, key) in down)
            sampler.NoteOff(channel, key);
        for (int c = 0; c < 3; c++)
            sampler.ControlChange(c, 64, 0);
        Signals.Render(sampler, 48_000 / 5, block: 64); // 200 ms: far longer than the 20 ms release

        Assert.Equal(0, sampler.GetStats().ActiveVoices);
    }
}

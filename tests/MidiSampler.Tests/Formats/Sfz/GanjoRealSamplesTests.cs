using MidiSampler.Formats;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>The real ganjo instrument with its real WAV files: it loads cleanly and every region sounds.</summary>
public sealed class GanjoRealSamplesTests
{
    [SharedDataFact]
    public void Every_region_loads_from_its_wav_sounds_and_round_robin_alternates()
    {
        var instrument = InstrumentLoader.Load(Path.Combine(GanjoInstrumentTests.FindGanjoDirectory(), "ganjo.sfz"));

        Assert.Empty(instrument.Warnings);
        Assert.Equal(58, instrument.Regions.Count);
        Assert.All(instrument.Regions, r => Assert.True(r.Sample.FrameCount > 4_800, $"{r.SamplePath}: {r.Sample.FrameCount} frames"));

        using var sampler = Signals.NewSampler(polyphony: 8);
        sampler.SetInstrument(0, instrument);
        int alternating = 0;
        for (int key = 38; key <= 72; key++)
        {
            var strikes = new float[2][];
            for (int strike = 0; strike < 2; strike++)
            {
                sampler.NoteOn(0, key, 100);
                strikes[strike] = Signals.Channel(Signals.Render(sampler, 9_600), 2, 0);
                sampler.NoteOff(0, key);
                Signals.Render(sampler, 24_000); // let the 0.25 s release finish
                Assert.Equal(0, sampler.GetStats().ActiveVoices);
                double db = Signals.Db(Signals.Rms(strikes[strike], 0, strikes[strike].Length));
                Assert.True(db > -40, $"key {key}, strike {strike}: {db:F1} dB");
            }

            // Same key, same velocity: the same sample sounds identical; a round-robin key plays its other sample.
            bool roundRobin = instrument.Regions.Any(r => r.Matches(key, 100, 1) && r.SeqLength > 1);
            Assert.True(!roundRobin == strikes[0].AsSpan().SequenceEqual(strikes[1]), $"key {key}: round robin {roundRobin}");
            alternating += roundRobin ? 1 : 0;
        }

        Assert.Equal(13, alternating); // keys 42, 44, 45, 48, 49, 54 to 59, 68 and 69 in ganjo.sfz
    }
}

using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Sfz;
using MidiSampler.Rendering;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Rendering;

/// <summary>
/// <c>render</c> follows the song's tempo map for beat-based SFZ opcodes (issue 16, defect 2): delay_beats, stop_beats
/// and lobpm/hibpm, both bounds inclusive as sfizz has them (Layer: bpmRange.containsWithEnd).
/// </summary>
public sealed class SongTempoTests
{
    private const int Rate = 48_000;

    [Theory]
    [InlineData(60, 1.0)]
    [InlineData(120, 0.5)]
    [InlineData(240, 0.25)]
    public void Delay_beats_waits_one_beat_of_the_songs_tempo(double bpm, double expectedSeconds)
    {
        var left = Render("<region> sample=*sine delay_beats=1 loop_mode=loop_continuous", w =>
        {
            w.AddTempoBpm(0, 0, bpm);
            w.AddNote(0, 0, 480 * 4, 0, 60, 100);
        });

        Assert.InRange(Signals.FirstNonZero(left), (expectedSeconds * Rate) - 2, (expectedSeconds * Rate) + 2);
    }

    [Fact]
    public void A_tempo_change_applies_to_notes_from_its_tick_on()
    {
        // 120 BPM for the first beat (0.5 s), then 60 BPM: a note on beat 2 waits one beat of 60 BPM, 1 s.
        var left = Render("<region> sample=*sine delay_beats=1 loop_mode=loop_continuous", w =>
        {
            w.AddTempoBpm(0, 0, 120);
            w.AddTempoBpm(0, 480, 60);
            w.AddNote(0, 480, 480 * 3, 0, 60, 100);
        });

        Assert.InRange(Signals.FirstNonZero(left), (1.5 * Rate) - 2, (1.5 * Rate) + 2);
    }

    [Fact]
    public void Stop_beats_releases_after_two_beats_of_the_songs_tempo()
    {
        // 240 BPM: two beats are 0.5 s, after which the voice releases (ampeg_release 10 ms) though the key is held.
        var left = Render("<region> sample=*sine stop_beats=2 ampeg_release=0.01 loop_mode=loop_continuous", w =>
        {
            w.AddTempoBpm(0, 0, 240);
            w.AddNote(0, 0, 480 * 8, 0, 60, 100);
        });

        Assert.True(Signals.Rms(left, (int)(0.40 * Rate), (int)(0.48 * Rate)) > 0.05, "silent before two beats");
        Assert.True(Signals.Rms(left, (int)(0.60 * Rate), (int)(0.9 * Rate)) < 1e-4, "still sounding after two beats");
    }

    [Theory]
    [InlineData(99.9, false)]
    [InlineData(100, true)] // lobpm is inclusive
    [InlineData(120, true)] // hibpm is inclusive too, as in sfizz
    [InlineData(120.5, false)]
    public void Lobpm_and_hibpm_bound_the_tempo_inclusively(double bpm, bool sounds)
    {
        var left = Render("<region> sample=*sine lobpm=100 hibpm=120 loop_mode=loop_continuous", w =>
        {
            w.AddTempoBpm(0, 0, bpm);
            w.AddNote(0, 0, 480, 0, 60, 100);
        });

        double rms = Signals.Rms(left, 0, Rate / 4);
        Assert.True(sounds ? rms > 0.05 : rms == 0, $"at {bpm} BPM the region's RMS is {rms}");
    }

    [Fact]
    public void Tempo_changes_inside_a_block_split_the_block_at_their_frame()
    {
        var writer = new MidiFileWriter(format: 0);
        int track = writer.AddTrack();
        writer.AddTempoBpm(track, 0, 100);
        writer.AddTempoBpm(track, 100, 200); // 100 ticks at 100 BPM, 480 per quarter: 0.125 s = 6000 frames
        writer.AddNote(track, 0, 480, 0, 60, 100);
        var schedule = SongSchedule.FromSong(MidiFile.Read(writer.ToArray(), "t.mid"), Rate);

        int next = 0, length = 8192;
        var events = new MidiSampler.Engine.MidiEvent[16];
        schedule.Fill(ref next, 0, ref length, events);

        Assert.Equal(6000, length);
        Assert.Equal((100.0, 100.0, 200.0), (schedule.TempoAt(0), schedule.TempoAt(5999), schedule.TempoAt(6000)));
    }

    private static float[] Render(string sfz, Action<MidiFileWriter> song)
    {
        using var dir = new TempSfzDirectory();
        var instrument = SfzLoader.Load(dir.Write("test.sfz", sfz));
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        var writer = new MidiFileWriter(format: 0, ticksPerQuarter: 480);
        writer.AddTrack();
        song(writer);
        var left = new List<float>();
        new SongRenderer(sampler, MidiFile.Read(writer.ToArray(), "tempo.mid")).Render(block =>
        {
            for (int i = 0; i < block.Length; i += 2)
                left.Add(block[i]);
        });
        return [.. left];
    }
}

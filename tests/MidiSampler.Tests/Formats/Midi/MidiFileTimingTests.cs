using MidiSampler.Formats.Midi;

namespace MidiSampler.Tests.Formats.Midi;

public class MidiFileTimingTests
{
    [Fact]
    public void Tempo_change_in_the_middle_of_a_note_gives_exact_seconds()
    {
        var writer = new MidiFileWriter(1, 480);
        int tempo = writer.AddTrack("tempo");
        int piano = writer.AddTrack("piano");
        writer.AddTempo(tempo, 0, 500_000);  // 120 BPM: 480 ticks = 0.5 s
        writer.AddTempo(tempo, 960, 250_000); // 240 BPM from 1 s on: 480 ticks = 0.25 s
        writer.AddNote(piano, 480, 960, 0, 60, 100); // starts at 0.5 s, ends at 1 s + 0.25 s

        var file = MidiFile.Read(writer.ToArray(), "tempo.mid");

        Assert.Equal([0.5, 1.25], file.Events.Select(e => e.TimeSeconds));
        Assert.Equal(1.25, file.DurationSeconds);
        Assert.Equal([(0L, 0.0, 500_000), (960L, 1.0, 250_000)], file.Tempos.Select(t => (t.Tick, t.TimeSeconds, t.MicrosecondsPerQuarter)));
        Assert.Equal(240, file.Tempos[1].BeatsPerMinute, 9);
    }

    [Fact]
    public void Tempo_events_in_any_track_of_a_format_1_file_apply_to_every_track()
    {
        var writer = new MidiFileWriter(1, 96);
        int first = writer.AddTrack();
        int second = writer.AddTrack();
        int third = writer.AddTrack();
        writer.AddNoteOn(first, 192, 0, 60, 100);
        writer.AddTempo(second, 96, 1_000_000); // 60 BPM from tick 96 (0.5 s), set in the middle track
        writer.AddNoteOn(third, 192, 1, 62, 100);

        var file = MidiFile.Read(writer.ToArray(), "tempo.mid");

        Assert.Equal([1.5, 1.5], file.Events.Select(e => e.TimeSeconds));
        Assert.Equal([0, 2], file.Events.Select(e => e.Track));
    }

    [Fact]
    public void Several_tempo_events_at_one_tick_collapse_to_the_last_in_merge_order()
    {
        var writer = new MidiFileWriter(1, 100);
        int a = writer.AddTrack();
        int b = writer.AddTrack();
        writer.AddTempo(b, 100, 2_000_000); // later track: wins
        writer.AddTempo(a, 100, 100_000);
        writer.AddTempo(a, 100, 300_000);
        writer.AddNoteOn(a, 200, 0, 60, 1);

        var file = MidiFile.Read(writer.ToArray(), "tempo.mid");

        Assert.Equal(0.5 + 2.0, file.Events[0].TimeSeconds);
        Assert.Equal([500_000, 2_000_000], file.Tempos.Select(t => t.MicrosecondsPerQuarter));
    }

    [Fact]
    public void Many_tempo_changes_accumulate_no_rounding_drift()
    {
        // 2,000 tempo changes of awkward values; the time of the last note is checked against an exact
        // rational sum (decimal has 28 digits: exact for these integers) rounded once.
        const int ppq = 487;
        var writer = new MidiFileWriter(0, ppq);
        int track = writer.AddTrack();
        long tick = 0;
        decimal exactMicrosecondsTimesPpq = 0;
        int previousTempo = 500_000;
        var random = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            int delta = random.Next(1, 50);
            exactMicrosecondsTimesPpq += (decimal)delta * previousTempo;
            tick += delta;
            previousTempo = random.Next(300_001, 1_000_003);
            writer.AddTempo(track, tick, previousTempo);
        }

        exactMicrosecondsTimesPpq += 33m * previousTempo;
        writer.AddNoteOn(track, tick + 33, 0, 60, 100);

        var file = MidiFile.Read(writer.ToArray(), "drift.mid");

        double expected = (double)(exactMicrosecondsTimesPpq / (ppq * 1_000_000m));
        Assert.Equal(expected, file.Events[0].TimeSeconds, 12);
        Assert.Equal(file.Events[0].TimeSeconds, file.SecondsAtTick(tick + 33));
    }

    [Fact]
    public void Simultaneous_events_are_ordered_by_track_then_by_their_place_in_the_track()
    {
        var bytes = Smf.Join(
            Smf.Header(1, 3, 480),
            Smf.Track([0x00, 0xB0, 0x40, 0x7F, 0x00, 0x90, 0x30, 0x01, 0x83, 0x60, 0x80, 0x30, 0x00, .. Smf.EndOfTrack]),
            Smf.Track([0x00, 0x91, 0x31, 0x02, 0x83, 0x60, 0x81, 0x31, 0x00, .. Smf.EndOfTrack]),
            Smf.Track([0x00, 0x92, 0x32, 0x03, 0x83, 0x5F, 0x82, 0x32, 0x00, .. Smf.EndOfTrack]));

        var file = MidiFile.Read(bytes, "order.mid");

        Assert.Equal(
            [
                (0L, 0, 0xB0), (0L, 0, 0x90), (0L, 1, 0x91), (0L, 2, 0x92),
                (479L, 2, 0x82), (480L, 0, 0x80), (480L, 1, 0x81),
            ],
            file.Events.Select(e => (e.Tick, e.Track, (int)e.Status)));
        Assert.Equal(479 / 960.0, file.Events[4].TimeSeconds);
    }
}

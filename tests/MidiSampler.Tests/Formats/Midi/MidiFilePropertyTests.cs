using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Formats;
using MidiSampler.Formats.Midi;

namespace MidiSampler.Tests.Formats.Midi;

public class MidiFilePropertyTests
{
    // 400 cases a property by default; set MIDISAMPLER_FUZZ_COUNT for a longer run.
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(
        int.TryParse(Environment.GetEnvironmentVariable("MIDISAMPLER_FUZZ_COUNT"), out int count) && count > 0 ? count : 400);

    /// <summary>A channel message as a test writes it: track, tick, status and data.</summary>
    public readonly record struct Message(int Track, long Tick, byte Status, byte Data1, byte Data2);

    private static readonly Gen<byte> AnyByte = Gen.Choose(0, 255).Select(i => (byte)i);

    private static readonly Gen<Message> MessageGen =
        from track in Gen.Choose(0, 3)
        from tick in Gen.Frequency((3, Gen.Choose(0, 2000).Select(t => (long)t)), (1, Gen.Choose(0, 0x0FFF_FFFF).Select(t => (long)t)))
        from status in Gen.Choose(0x80, 0xEF)
        from data1 in Gen.Choose(0, 127)
        from data2 in Gen.Choose(0, 127)
        select new Message(track, tick, (byte)status, (byte)data1, (status & 0xE0) == 0xC0 ? (byte)0 : (byte)data2);

    private static readonly Gen<(Message[] Messages, bool RunningStatus, int Ppq)> SongGen =
        from messages in MessageGen.ArrayOf()
        from runningStatus in Gen.Elements(true, false)
        from ppq in Gen.Elements(24, 96, 480, 960, 32767)
        select (messages, runningStatus, ppq);

    private static byte[] Write(Message[] messages, bool runningStatus, int ppq, int tempoMicroseconds = 0)
    {
        var writer = new MidiFileWriter(1, ppq) { UseRunningStatus = runningStatus };
        for (int i = 0; i < 4; i++)
            writer.AddTrack();
        if (tempoMicroseconds > 0)
            writer.AddTempo(0, 0, tempoMicroseconds);
        foreach (var m in messages)
            writer.AddChannelMessage(m.Track, m.Tick, m.Status, m.Data1, m.Data2);
        return writer.ToArray();
    }

    private int _read;
    private int _rejected;

    /// <summary>Reads, and fails the property for any exception but InstrumentLoadException, or for a slow read.</summary>
    private bool ReadsOrRejectsCleanly(byte[] bytes)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var file = MidiFile.Read(bytes, "fuzz.mid");
            _read++;
            // Whatever was read is consistent: time-ordered, channel messages only.
            for (int i = 1; i < file.Events.Count; i++)
            {
                if (file.Events[i].Tick < file.Events[i - 1].Tick || file.Events[i].TimeSeconds < file.Events[i - 1].TimeSeconds)
                    return false;
            }

            foreach (var e in file.Events)
            {
                if (e.Status is < 0x80 or > 0xEF || e.Data1 > 127 || e.Data2 > 127 || e.TimeSeconds > file.DurationSeconds)
                    return false;
            }
        }
        catch (InstrumentLoadException e) when (e.FilePath == "fuzz.mid" && e.Reason.Length > 0)
        {
            _rejected++;
        }

        return clock.ElapsedMilliseconds < 1000;
    }

    [Fact]
    public void Random_bytes_are_read_or_rejected_with_InstrumentLoadException_only()
    {
        var header = Smf.Header(1, 2, 96);
        var gen =
            from body in AnyByte.ArrayOf()
            from shape in Gen.Choose(0, 2)
            select shape switch
            {
                0 => body,
                1 => [.. header, .. body],
                _ => [.. header, .. "MTrk"u8, 0, 0, 0, (byte)body.Length, .. body],
            };

        Check.One(Quick, Prop.ForAll(gen.ToArbitrary(), ReadsOrRejectsCleanly));
        Assert.True(_read > 0 && _rejected > 0, $"both outcomes should occur: {_read} read, {_rejected} rejected");
    }

    [Fact]
    public void Mutated_and_truncated_valid_files_are_read_or_rejected_with_InstrumentLoadException_only()
    {
        // Seeds: files from the writer, and hand-written ones with what the writer never produces
        // (running status across meta events, sysex and escapes, unknown chunks, SMPTE, long VLQs, format 2).
        byte[][] handWritten =
        [
            Smf.Join(
                Smf.Header(1, 2, 0xE728),
                Smf.Chunk("XFIH", 1, 2, 3),
                Smf.Track([0x00, 0xF0, 0x05, 0x7E, 0x7F, 0x09, 0x01, 0xF7, 0x00, 0x90, 0x3C, 0x64, 0x00, 0xFF, 0x01, 0x01, 0x41, 0x10, 0x3C, 0x00, 0x80, 0x80, 0x80, 0x01, 0xF7, 0x01, 0x7F, .. Smf.EndOfTrack]),
                Smf.Track([0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20, 0x00, 0xC0, 0x05, 0x00, 0xD0, 0x40, 0x83, 0x60, 0xE0, 0x00, 0x40, .. Smf.EndOfTrack])),
            Smf.Join(
                Smf.Header(2, 2, 96),
                Smf.Track([0x00, 0xFF, 0x03, 0x02, 0x41, 0x42, 0x00, 0x90, 0x3C, 0x64, 0x60, 0x3C, 0x00, .. Smf.EndOfTrack]),
                Smf.Track([0x00, 0xB0, 0x07, 0x64, 0x81, 0x00, 0x0A, 0x10, .. Smf.EndOfTrack])),
        ];
        foreach (byte[] seed in handWritten)
            Assert.NotEmpty(MidiFile.Read(seed, "seed.mid").Events);
        var seeds = Gen.OneOf(
            SongGen.Select(song => Write(song.Messages, song.RunningStatus, song.Ppq, 400_000)),
            Gen.Elements(handWritten));
        var gen =
            from bytes in seeds
            from kind in Gen.Choose(0, 4)
            from at in Gen.Choose(0, bytes.Length - 1)
            from count in Gen.Choose(1, 8)
            from value in AnyByte
            select Mutate(bytes, kind, at, count, value);

        Check.One(Quick, Prop.ForAll(gen.ToArbitrary(), ReadsOrRejectsCleanly));
        Assert.True(_read > 0 && _rejected > 0, $"both outcomes should occur: {_read} read, {_rejected} rejected");
    }

    private static byte[] Mutate(byte[] bytes, int kind, int at, int count, byte value)
    {
        byte[] copy = [.. bytes];
        switch (kind)
        {
            case 0: // overwrite a few bytes
                for (int i = at; i < Math.Min(copy.Length, at + count); i++)
                    copy[i] = value;
                return copy;
            case 1: // flip one bit
                copy[at] ^= (byte)(1 << (count % 8));
                return copy;
            case 2: // truncate
                return copy[..at];
            case 3: // delete a few bytes
                return [.. copy[..at], .. copy[Math.Min(copy.Length, at + count)..]];
            default: // insert a few bytes
                return [.. copy[..at], .. Enumerable.Repeat(value, count), .. copy[at..]];
        }
    }

    [Fact]
    public void Times_follow_a_random_tempo_map_exactly()
    {
        var gen =
            from tempos in Gen.Zip(Gen.Choose(0, 5000), Gen.Choose(1, 0xFF_FFFF)).ArrayOf()
            from ticks in Gen.Choose(0, 6000).ArrayOf()
            from ppq in Gen.Elements(1, 96, 480, 32767)
            select (tempos, ticks, ppq);

        Check.One(Quick, Prop.ForAll(gen.ToArbitrary(), song =>
        {
            var writer = new MidiFileWriter(1, song.ppq);
            writer.AddTrack();
            writer.AddTrack();
            foreach (var (tick, microseconds) in song.tempos)
                writer.AddTempo(tick % 2, tick, microseconds); // tempo events spread over both tracks
            foreach (int tick in song.ticks)
                writer.AddNoteOn(1, tick, 0, 60, 100);
            var file = MidiFile.Read(writer.ToArray(), "tempo.mid");

            // Independent exact computation: the tempo in force over each tick is the last one set at or before it
            // (ties between tracks: the later track wins, within a track the one added last).
            var tempoAt = new SortedDictionary<int, int> { [0] = 500_000 };
            foreach (var (tick, microseconds) in song.tempos.Select((t, i) => (t, i)).OrderBy(x => x.t.Item1).ThenBy(x => x.t.Item1 % 2).ThenBy(x => x.i).Select(x => x.t))
                tempoAt[tick] = microseconds;
            foreach (var e in file.Events)
            {
                decimal scaled = 0;
                var points = tempoAt.Keys.Where(k => k < e.Tick).ToList();
                for (int i = 0; i < points.Count; i++)
                {
                    long end = i + 1 < points.Count ? points[i + 1] : e.Tick;
                    scaled += (decimal)(end - points[i]) * tempoAt[points[i]];
                }

                double expected = (double)(scaled / (song.ppq * 1_000_000m));
                if (Math.Abs(expected - e.TimeSeconds) > 1e-12 * Math.Max(1, expected))
                    return false;
            }

            return file.Events.Count == song.ticks.Length;
        }));
    }

    [Fact]
    public void Events_written_with_the_writer_read_back_identically()
    {
        Check.One(Quick, Prop.ForAll(SongGen.ToArbitrary(), song =>
        {
            var file = MidiFile.Read(Write(song.Messages, song.RunningStatus, song.Ppq), "round-trip.mid");

            // Expected order: by tick, then track, then the order the messages were added (a stable sort).
            var expected = song.Messages
                .OrderBy(m => m.Tick)
                .ThenBy(m => m.Track)
                .Select(m => new MidiFileEvent(m.Tick * 500_000.0 / (song.Ppq * 1_000_000.0), m.Tick, m.Track, m.Status, m.Data1, m.Data2))
                .ToArray();
            long lastTick = song.Messages.Length == 0 ? 0 : song.Messages.Max(m => m.Tick);
            return expected.SequenceEqual(file.Events)
                && file.TrackCount == 4
                && file.Warnings.Count == 0
                && file.DurationTicks == lastTick;
        }));
    }
}

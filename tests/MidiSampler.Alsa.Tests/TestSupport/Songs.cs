using MidiSampler.Formats.Midi;

namespace MidiSampler.Alsa.Tests.TestSupport;

/// <summary>Standard MIDI Files for the tests. At 480 ticks per quarter and 120 BPM a tick is 50 frames at 48 kHz.</summary>
internal static class Songs
{
    /// <summary>Frames per tick at 48 kHz.</summary>
    public const int FramesPerTick = 50;

    /// <summary>Short notes of key 60 (the click) at <paramref name="ticks"/>, each 2 ticks long, on channel 1.</summary>
    public static MidiFile Clicks(params long[] ticks)
    {
        var writer = new MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        long end = 0;
        foreach (long t in ticks)
        {
            writer.AddNote(track, t, 2, 0, 60, 100);
            end = Math.Max(end, t + 2);
        }

        writer.SetEndOfTrack(track, end + 10);
        return MidiFile.Read(writer.ToArray(), "clicks.mid");
    }

    /// <summary>One held note of <paramref name="key"/> from <paramref name="startTick"/> for <paramref name="lengthTicks"/>.</summary>
    public static MidiFile Note(int key, long startTick, long lengthTicks)
    {
        var writer = new MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        writer.AddNote(track, startTick, lengthTicks, 0, key, 100);
        writer.SetEndOfTrack(track, startTick + lengthTicks + 10);
        return MidiFile.Read(writer.ToArray(), "note.mid");
    }

    /// <summary>Saves a song for the command line.</summary>
    public static string Save(MidiFile song, string path)
    {
        var writer = new MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        long last = 0;
        foreach (var e in song.Events)
        {
            writer.AddChannelMessage(track, e.Tick, e.Status, e.Data1, e.Data2);
            last = Math.Max(last, e.Tick);
        }

        writer.SetEndOfTrack(track, last + 10);
        writer.Save(path);
        return path;
    }
}

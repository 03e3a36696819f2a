using MidiSampler.Formats.Midi;

namespace MidiSampler.Bench;

/// <summary>
/// Writes the dense 16-channel General MIDI file behind the SoundFont speed comparison in docs/soundfont.md:
/// <c>dotnet run -c Release --project bench/MidiSampler.Bench -- gm-dense OUT.mid</c>. Generated, not committed, so
/// that anyone can rebuild the exact file. Control thread.
/// </summary>
/// <remarks>
/// 120 bars of 4/4 at 112 BPM (257 s), every channel playing 8 eighth notes per bar (15 melodic programs spread over
/// the GM families, drums on channel 10), with volume and pan set once per channel as a typical song does, so that
/// the voices stay on the engine's common path (no controller moves during the song).
/// </remarks>
public static class GmDenseGenerator
{
    private const int Bars = 120;
    private const int TicksPerQuarter = 480;
    private const int Eighth = TicksPerQuarter / 2;

    // One program per melodic channel: piano, EP, organ, guitars, bass, strings, ensemble, brass, reed, pipe, lead, pad.
    private static readonly int[] Programs = [0, 4, 16, 24, 27, 33, 40, 48, 52, 56, 61, 65, 73, 81, 89];
    private static readonly int[] Scale = [0, 2, 4, 5, 7, 9, 11, 12];
    private static readonly int[] Drums = [36, 42, 38, 42, 36, 42, 38, 46];
    private static readonly int[] Triad = [0, 4, 7];

    /// <summary>
    /// Builds the file's bytes. <paramref name="heavy"/> (<c>gm-heavy</c>) makes every melodic note a triad held for a half
    /// note, so that chords overlap: about 180 notes are held at once, and with FluidR3_GM's layered and stereo zones
    /// about 500 voices are wanted (262 sounding at the peak of polyphony 256), the density of a full arrangement.
    /// </summary>
    public static byte[] Build(bool heavy = false)
    {
        var writer = new MidiFileWriter(format: 1, TicksPerQuarter);
        int tempo = writer.AddTrack("tempo");
        writer.AddTempoBpm(tempo, 0, 112);
        long endTick = (long)Bars * 8 * Eighth;
        writer.SetEndOfTrack(tempo, endTick + (4 * TicksPerQuarter));
        int melodic = 0;
        for (int channel = 0; channel < 16; channel++)
        {
            int track = writer.AddTrack($"channel {channel + 1}");
            bool drums = channel == 9;
            if (!drums)
                writer.AddProgramChange(track, 0, channel, Programs[melodic++]);
            writer.AddControlChange(track, 0, channel, 7, heavy ? 60 : 100); // heavy: 3 × the notes, kept below clipping
            writer.AddControlChange(track, 0, channel, 10, 16 + (channel * 6));
            int baseKey = drums ? 0 : 36 + (12 * (channel % 4)); // bass to treble registers
            for (int bar = 0; bar < Bars; bar++)
            {
                for (int step = 0; step < 8; step++)
                {
                    long tick = ((bar * 8L) + step) * Eighth;
                    int key = drums ? Drums[step] : baseKey + Scale[(step + bar + channel) % Scale.Length];
                    int velocity = 70 + (((bar * 7) + (step * 13) + channel) % 50);
                    if (!heavy || drums)
                    {
                        writer.AddNote(track, tick, Eighth - 10, channel, key, velocity);
                        continue;
                    }

                    foreach (int third in Triad)
                        writer.AddNote(track, tick, (4 * Eighth) - 10, channel, key + third, velocity);
                }
            }

            writer.SetEndOfTrack(track, endTick + (4 * TicksPerQuarter));
        }

        return writer.ToArray();
    }
}

using System.Diagnostics;
using MidiSampler.Engine;
using MidiSampler.Formats.Midi;

namespace MidiSampler.Rendering;

/// <summary>
/// Renders a Standard MIDI File through a <see cref="Sampler"/> as fast as the machine allows, every event at
/// its exact frame, until every voice has finished.
/// </summary>
/// <remarks>
/// Design: song times become absolute frames once (rounded to the nearest frame), and each block hands the
/// engine the events that fall inside it with their offsets, through the host-event path of
/// <see cref="Sampler.Process(Span{float}, int, ReadOnlySpan{MidiEvent})"/>: the same path a live host's
/// callback uses, so an offline render times events exactly as a live performance would. A block with more
/// events than the engine takes at once is ended early at the first event that does not fit. After the last
/// event the render goes on until the engine is silent; notes a broken file leaves held are released (and
/// reported) so that a looping sample cannot make the render endless, and the tail is bounded.
/// Control thread: the render loop runs on the caller's thread.
/// </remarks>
public sealed class SongRenderer
{
    private readonly Sampler _sampler;
    private readonly MidiFile _song;

    /// <summary>Creates a renderer for <paramref name="song"/> through <paramref name="sampler"/> (which should have its instruments installed). Control thread.</summary>
    public SongRenderer(Sampler sampler, MidiFile song)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(song);
        _sampler = sampler;
        _song = song;
    }

    /// <summary>Frames per block handed to the engine (at most the sampler's MaxBlockFrames).</summary>
    public int BlockFrames { get; init; } = 256;

    /// <summary>The longest the render goes on after the song's end while voices still sound, in seconds.</summary>
    public double MaxTailSeconds { get; init; } = 30;

    /// <summary>Renders the song into <paramref name="sink"/>. Reports progress as the fraction of the song done. Control thread.</summary>
    public SongRenderResult Render(AudioSink sink, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return RenderBlocks(sink, null, progress, cancellationToken);
    }

    /// <summary>
    /// Renders the song into <paramref name="sink"/> (the main mix, as <see cref="Render(AudioSink, IProgress{double}?, CancellationToken)"/>)
    /// and the sampler's stereo buses into <paramref name="buses"/>: sink k receives bus k (MIDI channel k+1 with
    /// <see cref="SamplerConfig.ChannelBuses"/>, SFZ output k with <see cref="SamplerConfig.OutputBuses"/>) interleaved
    /// L, R, block by block with the main mix, so that every stem has the main mix's length and timing. Control thread.
    /// </summary>
    /// <exception cref="ArgumentException">The sampler renders no buses, or more than 16 sinks are given.</exception>
    public SongRenderResult Render(AudioSink sink, IReadOnlyList<AudioSink> buses, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(buses);
        if (!_sampler.Config.HasBuses)
            throw new ArgumentException("the sampler renders no buses (SamplerConfig.ChannelBuses or OutputBuses)", nameof(buses));
        if (buses.Count > ChannelBusOutputs.Planes / 2)
            throw new ArgumentException($"at most {ChannelBusOutputs.Planes / 2} bus sinks", nameof(buses));
        return RenderBlocks(sink, buses, progress, cancellationToken);
    }

    private SongRenderResult RenderBlocks(AudioSink sink, IReadOnlyList<AudioSink>? buses, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var config = _sampler.Config;
        int rate = config.SampleRate, channels = config.OutputChannels;
        int block = Math.Clamp(BlockFrames, 1, config.MaxBlockFrames);
        var (events, frames, heldAtEnd) = ToFrames(_song, rate);
        long songEnd = Math.Max((long)Math.Round(_song.DurationSeconds * rate), frames.Length > 0 ? frames[^1] + 1 : 0);
        long tailLimit = songEnd + (long)(MaxTailSeconds * rate);

        var buffer = new float[block * channels];
        var stems = buses is null ? null : new StemBuffers(buses, block);
        var blockEvents = new MidiEvent[config.MaxEventsPerBlock];
        var clock = Stopwatch.StartNew();
        long position = 0;
        int next = 0;
        bool releasedAtEnd = false, tailCut = false;
        long reportedAt = -1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int length = block, count = 0;
            while (next < events.Length && frames[next] < position + length)
            {
                if (count == blockEvents.Length)
                {
                    if (frames[next] > position)
                        length = (int)(frames[next] - position);
                    break;
                }

                blockEvents[count++] = events[next] with { OffsetFrames = (int)(frames[next] - position) };
                next++;
            }

            bool songOver = next == events.Length && position >= songEnd;
            if (songOver)
            {
                if (_sampler.GetStats().ActiveVoices == 0)
                    break;
                if (heldAtEnd && !releasedAtEnd)
                {
                    count = ReleaseEverything(blockEvents);
                    releasedAtEnd = true;
                }

                if (position >= tailLimit)
                {
                    tailCut = true;
                    break;
                }
            }

            if (stems is null)
                _sampler.Process(buffer, length, blockEvents.AsSpan(0, count));
            else
                stems.Process(_sampler, buffer, length, blockEvents.AsSpan(0, count));
            sink(buffer.AsSpan(0, length * channels));
            stems?.Deliver(length);
            position += length;
            if (progress is not null && songEnd > 0 && position - reportedAt >= rate / 4)
            {
                reportedAt = position;
                progress.Report(Math.Min(1, (double)position / songEnd));
            }
        }

        progress?.Report(1);
        var stats = _sampler.GetStats();
        return new SongRenderResult(position, rate, clock.Elapsed.TotalSeconds, stats.PeakVoices, stats.PeakLevel,
            stats.DroppedEvents, releasedAtEnd, tailCut);
    }

    /// <summary>Pedal up and all notes off on every channel: what a well-formed song does before it ends.</summary>
    private static int ReleaseEverything(MidiEvent[] blockEvents)
    {
        int count = 0;
        for (int c = 0; c < 16; c++)
        {
            blockEvents[count++] = MidiEvent.ControlChange(0, c, 64, 0);
            blockEvents[count++] = MidiEvent.ControlChange(0, c, 123, 0);
        }

        return count;
    }

    /// <summary>
    /// The song's channel messages and SysEx as engine events with their absolute frames, in time order, and whether
    /// the song leaves a note or a sustain pedal down at its end. Every message goes through the engine's one
    /// <see cref="MidiDecoder"/>, as a live host's do, so RPN/NRPN data entry and SysEx act alike offline and live.
    /// </summary>
    private static (MidiEvent[] Events, long[] Frames, bool HeldAtEnd) ToFrames(MidiFile song, int rate)
    {
        var down = new int[16 * 128];
        var pedal = new bool[16];
        var events = new List<MidiEvent>(song.Events.Count);
        var frames = new List<long>(song.Events.Count);
        var decoder = new MidiDecoder();
        Span<byte> message = stackalloc byte[3];
        Span<MidiEvent> decoded = stackalloc MidiEvent[MidiDecoder.MaxEventsPerMessage];
        int sysex = 0;
        foreach (var e in song.Events)
        {
            // SysEx (GM/GS/XG resets, GS rhythm part, master volume) go before the channel messages of the same tick: a
            // song resets first and then sets up its channels, and the file's interleaving of the two is not kept.
            for (; sysex < song.SysEx.Count && song.SysEx[sysex].Tick <= e.Tick; sysex++)
                Add(decoder, song.SysEx[sysex].Message.Span, song.SysEx[sysex].TimeSeconds, rate, decoded, events, frames);
            message[0] = e.Status;
            message[1] = e.Data1;
            message[2] = e.Data2;
            // Program change and channel pressure carry one data byte: a third would run on the status.
            int length = (e.Status & 0xF0) is 0xC0 or 0xD0 ? 2 : 3;
            int first = events.Count;
            Add(decoder, message[..length], e.TimeSeconds, rate, decoded, events, frames);
            for (int i = first; i < events.Count; i++)
                Track(events[i], down, pedal);
        }

        for (; sysex < song.SysEx.Count; sysex++)
            Add(decoder, song.SysEx[sysex].Message.Span, song.SysEx[sysex].TimeSeconds, rate, decoded, events, frames);
        return (events.ToArray(), frames.ToArray(), Array.Exists(down, n => n > 0) || Array.Exists(pedal, p => p));
    }

    private static void Add(MidiDecoder decoder, ReadOnlySpan<byte> bytes, double timeSeconds, int rate, Span<MidiEvent> decoded,
        List<MidiEvent> events, List<long> frames)
    {
        long frame = (long)Math.Round(timeSeconds * rate);
        while (!bytes.IsEmpty)
        {
            int count = decoder.Decode(bytes, 0, decoded, out int consumed);
            for (int i = 0; i < count; i++)
            {
                events.Add(decoded[i]);
                frames.Add(frame);
            }

            bytes = bytes[consumed..];
        }
    }

    /// <summary>Keeps count of the keys and pedals the song holds, to release what it leaves held at its end.</summary>
    private static void Track(in MidiEvent e, int[] down, bool[] pedal)
    {
        int slot = (e.Channel * 128) + e.Data1;
        switch (e.Type)
        {
            case MidiEventType.NoteOn:
                down[slot]++;
                break;
            case MidiEventType.NoteOff:
                down[slot] = 0; // a note-off releases every voice of the key
                break;
            case MidiEventType.ControlChange when e.Data1 == 64:
                pedal[e.Channel] = e.Data2 >= 64;
                break;
            case MidiEventType.ControlChange when e.Data1 is 120 or >= 123:
                Array.Clear(down, e.Channel * 128, 128);
                break;
            default:
                break;
        }
    }
}

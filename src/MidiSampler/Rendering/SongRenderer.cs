using System.Diagnostics;
using MidiSampler.Engine;
using MidiSampler.Formats.Midi;

namespace MidiSampler.Rendering;

/// <summary>
/// Renders a Standard MIDI File through a <see cref="Sampler"/> as fast as the machine allows, every event at
/// its exact frame, until every voice has finished.
/// </summary>
/// <remarks>
/// Design: song times become absolute frames once (<see cref="SongSchedule"/>, shared with live hosts), and each block hands the
/// engine the events that fall inside it with their offsets, through the host-event path of
/// <see cref="Sampler.Process(Span{float}, int, ReadOnlySpan{MidiEvent})"/>: the same path a live host's
/// callback uses, so an offline render times events exactly as a live performance would. A block with more
/// events than the engine takes at once is ended early at the first event that does not fit. After the last
/// event the render goes on until the engine is silent; notes a broken file leaves held are released (and
/// reported) so that a looping sample cannot make the render endless, and the tail is bounded.
/// The length is bounded too (issue 20: a valid 40-byte file can declare a 17.8-year song): the song ends at its last
/// event, plus at most <see cref="MaxTrailingSilenceSeconds"/> of the silence its end-of-track declares, and never
/// goes past <see cref="MaxSeconds"/>; what lies beyond is not played and the result says so.
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

    /// <summary>Default of <see cref="MaxSeconds"/>: one hour, longer than any piece a MIDI file usually holds.</summary>
    public const double DefaultMaxSeconds = 3600;

    /// <summary>Most silence kept after the song's last event, when its end-of-track comes later, in seconds.</summary>
    public const double MaxTrailingSilenceSeconds = 10;

    /// <summary>
    /// The longest song rendered, in seconds (release tails may follow, up to <see cref="MaxTailSeconds"/>). Events after
    /// it are not played; held notes are released there. Default <see cref="DefaultMaxSeconds"/>.
    /// </summary>
    public double MaxSeconds { get; init; } = DefaultMaxSeconds;

    /// <summary>
    /// The time of the song's last playable event (channel message or known SysEx), in seconds: what a render must reach
    /// to play all of it. The end-of-track time is not counted (a file may declare years of silence). Any thread.
    /// </summary>
    public static double LastEventSeconds(MidiFile song)
    {
        ArgumentNullException.ThrowIfNull(song);
        double last = 0;
        foreach (var e in song.Events)
            last = Math.Max(last, e.TimeSeconds);
        foreach (var s in song.SysEx)
            last = Math.Max(last, s.TimeSeconds);
        return last;
    }

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
        var schedule = SongSchedule.FromSong(_song, rate);
        long capFrames = (long)Math.Min(Math.Max(0, MaxSeconds) * rate, long.MaxValue / 4);
        bool lengthCapped = schedule.EndFrame > capFrames;
        if (lengthCapped)
            schedule = schedule.Truncate(capFrames); // whatever the song holds at the cut is released there
        long songEnd = schedule.EndFrame;
        long tailLimit = songEnd + (long)(MaxTailSeconds * rate);

        var buffer = new float[block * channels];
        var stems = buses is null ? null : new StemBuffers(buses, block);
        var blockEvents = new MidiEvent[Math.Max(config.MaxEventsPerBlock, SongSchedule.ReleaseEventCount)];
        var clock = Stopwatch.StartNew();
        long position = 0;
        int next = 0;
        bool releasedAtEnd = false, tailCut = false;
        long reportedAt = -1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int length = block;
            int count = schedule.Fill(ref next, position, ref length, blockEvents.AsSpan(0, config.MaxEventsPerBlock));
            bool songOver = schedule.IsPast(next) && position >= songEnd;
            if (songOver)
            {
                if (_sampler.GetStats().ActiveVoices == 0)
                    break;
                if (schedule.HeldAtEnd && !releasedAtEnd)
                {
                    count = SongSchedule.ReleaseEverything(blockEvents);
                    releasedAtEnd = true;
                }

                if (position >= tailLimit)
                {
                    tailCut = true;
                    break;
                }
            }

            // The song's tempo map drives beat-based opcodes (delay_beats, stop_beats, lobpm/hibpm, tempo-synced
            // effects); Fill has ended the block at the next tempo change, so this tempo holds for all of it.
            double tempo = schedule.TempoAt(position);
            if (!double.IsNaN(tempo))
                _sampler.TempoBpm = tempo;
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
            stats.DroppedEvents, releasedAtEnd && !lengthCapped, tailCut, lengthCapped);
    }
}

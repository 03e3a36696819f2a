using MidiSampler.Engine;
using MidiSampler.Rendering;

namespace MidiSampler.Hosting;

/// <summary>
/// Plays a <see cref="SongSchedule"/> through a live host (<c>play --song</c>): each chunk of a period takes the song's
/// events inside it at their exact frames, the same way <see cref="SongRenderer"/> renders offline. After the last
/// event, notes the song leaves held are released; <see cref="IsFinished"/> turns true once the song is over and the
/// sampler is silent.
/// </summary>
/// <remarks>Threads: <see cref="Fill"/> and <see cref="Advance"/> on the audio thread; the properties on any thread.</remarks>
public sealed class LiveSongPlayer
{
    private readonly SongSchedule _schedule;
    private int _next;
    private long _position;
    private bool _released;
    private volatile bool _started;
    private bool _playing; // _started as the last Fill saw it: Advance must count the same chunk Fill filled
    private volatile bool _finished;

    /// <summary>Creates a player that waits for <see cref="Start"/>. Control thread.</summary>
    public LiveSongPlayer(SongSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _schedule = schedule;
    }

    /// <summary>The rate the song was scheduled at, in Hz.</summary>
    public int SampleRate => _schedule.SampleRate;

    /// <summary>True once <see cref="Start"/> was called. Any thread.</summary>
    public bool IsStarted => _started;

    /// <summary>True once every event has played, the song's end has passed and no voice sounds. Any thread.</summary>
    public bool IsFinished => _finished;

    /// <summary>
    /// The song's tempo at its play position, in BPM (its tempo map), or NaN before it starts and for an SMPTE-timed
    /// song. Audio thread.
    /// </summary>
    public double TempoBpm => _started ? _schedule.TempoAt(_position) : double.NaN;

    /// <summary>Frames played since the song started. Any thread (a snapshot).</summary>
    public long PositionFrames => Volatile.Read(ref _position);

    /// <summary>
    /// Starts the song at the next chunk the audio thread renders (the host calls it once the instruments are
    /// installed, so that no note is lost to an empty program). Control thread.
    /// </summary>
    public void Start() => _started = true;

    /// <summary>
    /// Writes the song's events for the next chunk of up to <paramref name="lengthFrames"/> frames (shortened when
    /// <paramref name="destination"/> fills up). Audio thread.
    /// </summary>
    public int Fill(ref int lengthFrames, Span<MidiEvent> destination)
    {
        _playing = _started;
        if (!_playing)
            return 0;
        if (_schedule.IsPast(_next) && _position >= _schedule.EndFrame)
        {
            if (_schedule.HeldAtEnd && !_released && destination.Length >= SongSchedule.ReleaseEventCount)
            {
                _released = true;
                return SongSchedule.ReleaseEverything(destination);
            }

            return 0;
        }

        return _schedule.Fill(ref _next, _position, ref lengthFrames, destination);
    }

    /// <summary>
    /// Counts <paramref name="frames"/> rendered after a <see cref="Fill"/>; <paramref name="activeVoices"/> is the
    /// sampler's voice count after them (the song finishes when it reaches 0 past the end). Audio thread.
    /// </summary>
    public void Advance(int frames, int activeVoices)
    {
        if (!_playing)
            return;
        Volatile.Write(ref _position, _position + frames);
        if (!_finished && _schedule.IsPast(_next) && _position >= _schedule.EndFrame && activeVoices == 0
            && (_released || !_schedule.HeldAtEnd))
        {
            _finished = true;
        }
    }
}

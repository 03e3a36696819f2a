namespace MidiSampler.Dsp.Effects;

/// <summary>
/// One effect of an instrument's effect chain (an SFZ <c>&lt;effect&gt;</c> header): processes a stereo bus in place.
/// </summary>
/// <remarks>
/// Design: an effect is built on the control thread with all of its memory (delay lines, tables) and owned by one
/// compiled instrument; it is run by the audio thread at the end of each rendered run of frames and retired with its
/// instrument. Parameters that follow a MIDI controller (<c>*_onccN</c>) read <c>controllers</c> on every call and
/// glide to the new value inside the effect, so a moving controller never clicks.
/// Threads: construct on the control thread; <see cref="Process"/> and <see cref="Clear"/> on the audio thread only.
/// </remarks>
public abstract class BusEffect
{
    /// <summary>
    /// Processes one run of the bus in place. Audio thread: no allocation, no lock, no exception.
    /// </summary>
    /// <param name="left">Left channel, processed in place.</param>
    /// <param name="right">Right channel, processed in place; the same length as <paramref name="left"/>, at most the
    /// sampler's maximum block size.</param>
    /// <param name="controllers">The 128 MIDI controller values (0..127) of the channel that drives the instrument.</param>
    public abstract void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers);

    /// <summary>
    /// The host's tempo in beats per minute (<c>Sampler.TempoBpm</c>), given before every <see cref="Process"/> call, for
    /// effects whose times follow the tempo (SFZ <c>delay_syncl_onccN</c>). The default ignores it. Audio thread.
    /// </summary>
    public virtual void SetTempo(double beatsPerMinute)
    {
    }

    /// <summary>Forgets all state (delay lines, filters, envelopes): the next call starts from silence. Audio thread.</summary>
    public abstract void Clear();

    /// <summary>
    /// How many frames the effect can keep sounding after its input fell silent (<see cref="long.MaxValue"/> when it
    /// may ring forever, for example a delay with feedback at 100 %). The chain stops running an effect this long after
    /// its input went silent. Any thread (immutable after construction).
    /// </summary>
    public abstract long TailFrames { get; }
}

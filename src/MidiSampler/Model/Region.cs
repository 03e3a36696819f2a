namespace MidiSampler.Model;

/// <summary>
/// One playable zone of an instrument: which sample, for which keys and velocities, and how it sounds.
/// All values are plain units (keys, cents, dB, seconds, frames); format loaders map their own
/// parameters to these once, at load. Immutable; use <c>with</c> to derive variants.
/// </summary>
/// <remarks>Threads: built on a loader or control thread; read-only afterwards, from any thread.</remarks>
public sealed record Region
{
    /// <summary>The sample data. Shared between regions that name the same file.</summary>
    public required Sample Sample { get; init; }

    /// <summary>The sample path as the instrument file names it (for reports and <c>info</c>).</summary>
    public string SamplePath { get; init; } = "";

    /// <summary>Lowest key, 0..127 (SFZ <c>lokey</c>).</summary>
    public int LoKey { get; init; }

    /// <summary>Highest key, 0..127 (SFZ <c>hikey</c>).</summary>
    public int HiKey { get; init; } = 127;

    /// <summary>Lowest velocity, 0..127 (SFZ <c>lovel</c>; 0 never triggers a note-on).</summary>
    public int LoVelocity { get; init; }

    /// <summary>Highest velocity, 0..127 (SFZ <c>hivel</c>).</summary>
    public int HiVelocity { get; init; } = 127;

    /// <summary>Lowest MIDI channel, 1..16 (SFZ <c>lochan</c>).</summary>
    public int LoChannel { get; init; } = 1;

    /// <summary>Highest MIDI channel, 1..16 (SFZ <c>hichan</c>).</summary>
    public int HiChannel { get; init; } = 16;

    /// <summary>Key at which the sample plays at its recorded pitch (SFZ <c>pitch_keycenter</c>).</summary>
    public int PitchKeyCenter { get; init; } = 60;

    /// <summary>Pitch change per key, in cents (SFZ <c>pitch_keytrack</c>; 0 plays every key at the same pitch).</summary>
    public double PitchKeytrackCents { get; init; } = 100;

    /// <summary>Fine tuning in cents (SFZ <c>tune</c>, plus any tuning the sample file carries).</summary>
    public double TuneCents { get; init; }

    /// <summary>Transposition in semitones (SFZ <c>transpose</c>).</summary>
    public int Transpose { get; init; }

    /// <summary>Gain in dB (SFZ <c>volume</c>).</summary>
    public double VolumeDb { get; init; }

    /// <summary>Pan, -100 (left) .. 100 (right) (SFZ <c>pan</c>).</summary>
    public double Pan { get; init; }

    /// <summary>Velocity tracking in percent, -100..100 (SFZ <c>amp_veltrack</c>; 100: gain = (velocity/127)²).</summary>
    public double AmpVeltrackPercent { get; init; } = 100;

    /// <summary>How the sample loops.</summary>
    public LoopMode LoopMode { get; init; } = LoopMode.NoLoop;

    /// <summary>First frame of the loop (SFZ <c>loop_start</c>).</summary>
    public long LoopStart { get; init; }

    /// <summary>Last frame of the loop, inclusive (SFZ <c>loop_end</c>).</summary>
    public long LoopEnd { get; init; }

    /// <summary>Frame at which playback starts (SFZ <c>offset</c>).</summary>
    public long Offset { get; init; }

    /// <summary>Last frame played, inclusive (SFZ <c>end</c>); -1 means the sample's last frame.</summary>
    public long End { get; init; } = -1;

    /// <summary>The amplitude envelope.</summary>
    public Envelope AmpEnvelope { get; init; } = Envelope.Default;

    /// <summary>What starts this region.</summary>
    public TriggerMode Trigger { get; init; } = TriggerMode.Attack;

    /// <summary>Round-robin cycle length (SFZ <c>seq_length</c>), 1 = always.</summary>
    public int SeqLength { get; init; } = 1;

    /// <summary>Position in the round-robin cycle, 1-based (SFZ <c>seq_position</c>).</summary>
    public int SeqPosition { get; init; } = 1;

    /// <summary>Exclusive group number (SFZ <c>group</c>); 0 is no group.</summary>
    public long Group { get; init; }

    /// <summary>A region of this group starting silences this region (SFZ <c>off_by</c>); <c>null</c>: none.</summary>
    public long? OffBy { get; init; }

    /// <summary>The last frame that can play, resolved against the sample length.</summary>
    public long EffectiveEnd => End < 0 || End >= Sample.FrameCount ? Sample.FrameCount - 1 : End;

    /// <summary>True when the region matches a key, velocity and 1-based channel (ranges only; round robin and triggers aside).</summary>
    public bool Matches(int key, int velocity, int channel1Based) =>
        key >= LoKey && key <= HiKey && velocity >= LoVelocity && velocity <= HiVelocity
        && channel1Based >= LoChannel && channel1Based <= HiChannel;
}

namespace MidiSampler.Engine;

/// <summary>What each MIDI channel plays now, for displays (the web panel, OSC replies).</summary>
public sealed partial class Sampler
{
    /// <summary>
    /// The program slot channel <paramref name="channel"/> (0..15) plays now. Any thread: a plain read of an int the
    /// audio thread writes when it applies a program change, so it may lag by one block; for displays only.
    /// </summary>
    public int GetChannelProgram(int channel) => _channels[channel & (Channels - 1)].Program;
}

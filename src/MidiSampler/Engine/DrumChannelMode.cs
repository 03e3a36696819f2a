namespace MidiSampler.Engine;

/// <summary>Whether MIDI channel 10 (index 9) plays the General MIDI percussion bank (bank 128, as SoundFont 2 numbers it).</summary>
public enum DrumChannelMode
{
    /// <summary>
    /// Channel 10 is a drum channel when some instrument is installed in bank 128 (a SoundFont's percussion presets),
    /// and an ordinary channel otherwise (an SFZ instrument at program 0 plays on every channel, channel 10 included).
    /// </summary>
    Auto,

    /// <summary>Channel 10 always plays bank 128 (General MIDI level 1).</summary>
    On,

    /// <summary>Channel 10 is an ordinary channel (a GS rhythm-part message can still make any channel a drum channel).</summary>
    Off,
}

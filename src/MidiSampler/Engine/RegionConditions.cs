using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// What decides whether a region answers a trigger, copied from the model at compile so that the audio thread reads
/// plain fields and never the <see cref="Region"/> (sfz.org: lokey…hikey, lovel…hivel, lochan…hichan, loprog…hiprog,
/// lobend…hibend, lochanaft…, lopolyaft…, lorand…hirand, lobpm…hibpm, sw_last/sw_lolast/sw_hilast, sw_down, sw_up,
/// sw_previous, rt_dead). Each keyswitch condition has a flag saying it is set. Read-only after construction.
/// </summary>
internal sealed class RegionConditions
{
    public RegionConditions(Region region)
    {
        (LoKey, HiKey, LoVelocity, HiVelocity, LoChannel, HiChannel) =
            (region.LoKey, region.HiKey, region.LoVelocity, region.HiVelocity, region.LoChannel, region.HiChannel);
        (LoProgram, HiProgram, LoBend, HiBend) = (region.LoProgram, region.HiProgram, region.LoBend, region.HiBend);
        (LoChannelPressure, HiChannelPressure) = (region.LoChannelPressure, region.HiChannelPressure);
        (LoPolyPressure, HiPolyPressure) = (region.LoPolyPressure, region.HiPolyPressure);
        (LoRandom, HiRandom, LoBpm, HiBpm) = (region.LoRandom, region.HiRandom, region.LoBpm, region.HiBpm);
        (HasSwLast, SwLast) = (region.SwLast is not null, region.SwLast ?? 0);
        SwHiLast = region.SwHiLast ?? SwLast;
        (HasSwDown, SwDown) = (region.SwDown is not null, region.SwDown ?? 0);
        (HasSwUp, SwUp) = (region.SwUp is not null, region.SwUp ?? 0);
        (HasSwPrevious, SwPrevious) = (region.SwPrevious is not null, region.SwPrevious ?? 0);
        ReleaseWhenDead = region.ReleaseWhenDead;
    }

    public readonly int LoKey, HiKey, LoVelocity, HiVelocity, LoChannel, HiChannel;
    public readonly int LoProgram, HiProgram, LoBend, HiBend, LoChannelPressure, HiChannelPressure, LoPolyPressure, HiPolyPressure;
    public readonly double LoRandom, HiRandom, LoBpm, HiBpm;

    /// <summary>sw_last (or sw_lolast) and sw_hilast: the last keyswitch must lie in SwLast..SwHiLast.</summary>
    public readonly bool HasSwLast;
    public readonly int SwLast, SwHiLast;

    /// <summary>sw_down / sw_up: a key that must be down / up.</summary>
    public readonly bool HasSwDown, HasSwUp;
    public readonly int SwDown, SwUp;

    /// <summary>sw_previous: the key the previous note-on must have struck.</summary>
    public readonly bool HasSwPrevious;
    public readonly int SwPrevious;

    /// <summary>rt_dead: a release region sounds even after its note's voices died away.</summary>
    public readonly bool ReleaseWhenDead;

    /// <summary>True when the key, velocity and 1-based MIDI channel lie in the region's ranges.</summary>
    public bool Matches(int key, int velocity, int channel1Based) =>
        key >= LoKey && key <= HiKey && velocity >= LoVelocity && velocity <= HiVelocity
        && channel1Based >= LoChannel && channel1Based <= HiChannel;

    /// <summary>True when the 1-based MIDI channel lies in lochan..hichan.</summary>
    public bool MatchesChannel(int channel1Based) => channel1Based >= LoChannel && channel1Based <= HiChannel;
}

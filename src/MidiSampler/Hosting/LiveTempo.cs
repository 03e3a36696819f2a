namespace MidiSampler.Hosting;

/// <summary>
/// Which tempo a live host gives the sampler (<c>Sampler.TempoBpm</c>) each period: the JACK transport's BBT tempo when
/// a timebase master publishes one, else an incoming MIDI clock, else the song being played, else 120 BPM.
/// </summary>
/// <remarks>Threads: any (pure).</remarks>
public static class LiveTempo
{
    /// <summary>The tempo when no source gives one (the SMF and SFZ default).</summary>
    public const double DefaultBpm = 120;

    /// <summary>
    /// Picks the first usable tempo of <paramref name="transportBpm"/>, <paramref name="clockBpm"/> and
    /// <paramref name="songBpm"/> (NaN, zero or negative means "none"); <see cref="DefaultBpm"/> when none is.
    /// </summary>
    public static double Choose(double transportBpm, double clockBpm, double songBpm)
    {
        if (Usable(transportBpm))
            return transportBpm;
        if (Usable(clockBpm))
            return clockBpm;
        return Usable(songBpm) ? songBpm : DefaultBpm;
    }

    private static bool Usable(double bpm) => double.IsFinite(bpm) && bpm > 0;
}

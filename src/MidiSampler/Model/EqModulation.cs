namespace MidiSampler.Model;

/// <summary>
/// An SFZ v2 LFO's or flex EG's depths on one equaliser band (<c>lfoN_eqXfreq</c>, <c>lfoN_eqXbw</c>,
/// <c>lfoN_eqXgain</c> and the <c>egN_</c> forms): the source's value times each depth is added to the band's own value.
/// </summary>
/// <param name="Band">The band's number X, 1..3 (<see cref="EqBand.Number"/>).</param>
/// <param name="FrequencyHz">Added to the centre (or corner) frequency.</param>
/// <param name="BandwidthOctaves">Added to the bandwidth.</param>
/// <param name="GainDb">Added to the gain.</param>
public readonly record struct EqModulation(int Band, double FrequencyHz, double BandwidthOctaves, double GainDb);

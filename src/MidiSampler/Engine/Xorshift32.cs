namespace MidiSampler.Engine;

/// <summary>
/// A tiny xorshift generator (Marsaglia, "Xorshift RNGs", 2003; shifts 13, 17, 5) for the audio thread's random
/// choices: lorand/hirand, amp_random, pitch_random, fil_random, offset_random, delay_random. No allocation, no
/// lock, unlike <see cref="System.Random"/>. Not for anything but musical randomness. Audio thread (one per sampler).
/// </summary>
internal struct Xorshift32
{
    private uint _state;

    public Xorshift32(uint seed) => _state = seed == 0 ? 0x9E3779B9u : seed;

    /// <summary>A number in [0, 1) with 24 random bits.</summary>
    public float NextFloat()
    {
        uint x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return (x >> 8) * (1f / 16777216f);
    }
}

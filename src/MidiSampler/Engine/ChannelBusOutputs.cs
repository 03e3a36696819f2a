namespace MidiSampler.Engine;

/// <summary>
/// Where <see cref="Sampler.ProcessPlanar(Span{float}, Span{float}, int, ReadOnlySpan{MidiEvent}, in ChannelBusOutputs)"/>
/// writes the stereo buses (per MIDI channel, or per SFZ region <c>output</c>): up to 16 pairs of caller-owned planes
/// (a JACK host's port buffers). A bus left unset is not written. Audio thread (built on the stack in the process callback).
/// </summary>
/// <remarks>
/// Design: a ref struct of raw addresses, so that a host fills it from its native port buffers in every
/// period without allocating (32 spans cannot live in an array, and a class would have to be mutated in
/// place). Being a ref struct it cannot outlive the call in which the buffers are valid. Managed callers
/// pin their arrays (<c>fixed</c>) for the duration of the call.
/// </remarks>
public unsafe ref struct ChannelBusOutputs
{
    /// <summary>Planes held: a left and a right for each of the 16 buses.</summary>
    public const int Planes = 2 * EngineLimits.MaxOutputBuses;

    private ChannelBusPointers _planes;
    private int _capacityFrames;
    private bool _any;

    /// <summary>True when at least one bus has planes to write. Any thread.</summary>
    public readonly bool Any => _any;

    /// <summary>
    /// The fewest frames any set plane holds: the render writes no more than this many frames. Any thread.
    /// </summary>
    public readonly int CapacityFrames => _any ? _capacityFrames : 0;

    /// <summary>
    /// Sets the planes of MIDI channel <paramref name="channel"/> (0..15); each must hold at least
    /// <paramref name="lengthFrames"/> floats and stay valid until the render call returns. Null pointers unset it.
    /// The same as <see cref="SetBus"/>: with <see cref="SamplerConfig.ChannelBuses"/> bus k is MIDI channel k. Audio thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel is outside 0..15 or the length negative.</exception>
    public void SetChannel(int channel, float* left, float* right, int lengthFrames) => SetBus(channel, left, right, lengthFrames);

    /// <summary>
    /// Sets the planes of bus <paramref name="bus"/> (0..15): MIDI channel <paramref name="bus"/> with
    /// <see cref="SamplerConfig.ChannelBuses"/>, SFZ <c>output</c> <paramref name="bus"/> with
    /// <see cref="SamplerConfig.OutputBuses"/>. Each plane must hold at least <paramref name="lengthFrames"/> floats and
    /// stay valid until the render call returns. Null pointers unset it. Audio thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The bus is outside 0..15 or the length negative.</exception>
    public void SetBus(int bus, float* left, float* right, int lengthFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bus, Planes / 2);
        ArgumentOutOfRangeException.ThrowIfNegative(lengthFrames);
        if (left == null || right == null)
        {
            _planes[bus * 2] = 0;
            _planes[(bus * 2) + 1] = 0;
            return;
        }

        _planes[bus * 2] = (nint)left;
        _planes[(bus * 2) + 1] = (nint)right;
        _capacityFrames = _any ? Math.Min(_capacityFrames, lengthFrames) : lengthFrames;
        _any = true;
    }

    /// <summary>The left plane of a bus, or null when unset. Audio thread.</summary>
    internal readonly float* Left(int bus) => (float*)_planes[bus * 2];

    /// <summary>The right plane of a bus, or null when unset. Audio thread.</summary>
    internal readonly float* Right(int bus) => (float*)_planes[(bus * 2) + 1];
}

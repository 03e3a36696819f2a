namespace MidiSampler.Engine;

/// <summary>
/// The output buffers of a warm-up (<see cref="Sampler.WarmUp(IEnumerable{Model.Instrument})"/>) and the rotation of
/// the ways a host renders a block: interleaved with queued events (a library host, the renderer), planar with the
/// events in the host's span (the JACK host), and planar with buses when the sampler has them. Control thread.
/// </summary>
internal sealed unsafe class WarmUpOutput
{
    private readonly Sampler _sampler;
    private readonly float[] _interleaved;
    private readonly float[] _planes; // left, right, then the 32 bus planes, each Frames long

    /// <summary>Buffers for one block of at most 256 frames (the block bound if smaller).</summary>
    public WarmUpOutput(Sampler sampler)
    {
        _sampler = sampler;
        Frames = Math.Min(sampler.Config.MaxBlockFrames, 256);
        _interleaved = new float[Frames * sampler.Config.OutputChannels];
        _planes = new float[Frames * (2 + ChannelBusOutputs.Planes)];
    }

    /// <summary>Frames per warm-up block.</summary>
    public int Frames { get; }

    /// <summary>Renders block number <paramref name="block"/> with <paramref name="events"/>, by the path its number picks.</summary>
    public void Render(int block, IReadOnlyList<MidiEvent> events)
    {
        int path = block % (_sampler.Config.HasBuses ? 3 : 2);
        if (path == 0)
        {
            foreach (var e in events)
                _sampler.Send(e with { OffsetFrames = Math.Min(e.OffsetFrames, Frames - 1) });
            _sampler.Process(_interleaved, Frames);
            return;
        }

        var span = new MidiEvent[events.Count];
        for (int i = 0; i < span.Length; i++)
            span[i] = events[i] with { OffsetFrames = Math.Min(events[i].OffsetFrames, Frames - 1) };
        Array.Sort(span, (a, b) => a.OffsetFrames.CompareTo(b.OffsetFrames)); // a host's span is in time order
        fixed (float* planes = _planes)
        {
            var left = new Span<float>(planes, Frames);
            var right = new Span<float>(planes + Frames, Frames);
            if (path == 1)
            {
                _sampler.ProcessPlanar(left, right, Frames, span);
                return;
            }

            var buses = default(ChannelBusOutputs);
            for (int b = 0; b < ChannelBusOutputs.Planes / 2; b++)
                buses.SetBus(b, planes + ((2 + (b * 2)) * Frames), planes + ((3 + (b * 2)) * Frames), Frames);
            _sampler.ProcessPlanar(left, right, Frames, span, buses);
        }
    }
}

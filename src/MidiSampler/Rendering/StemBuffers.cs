using MidiSampler.Engine;

namespace MidiSampler.Rendering;

/// <summary>
/// The planes an offline render of buses needs (the main pair and one stereo pair per bus sink), and the interleaving of
/// each into its sink. Control thread (the render loop of <see cref="SongRenderer"/>).
/// </summary>
/// <remarks>
/// Design: one pinned array holds every plane, so a block is one <c>ProcessPlanar</c> call with the buses named through
/// <see cref="ChannelBusOutputs"/>, exactly as a JACK host's callback does; the offline stems are therefore what the live
/// ports carry. Allocated once per render.
/// </remarks>
internal sealed unsafe class StemBuffers
{
    private readonly IReadOnlyList<AudioSink> _sinks;
    private readonly int _blockFrames;
    private readonly float[] _planes;
    private readonly float[] _interleaved;

    public StemBuffers(IReadOnlyList<AudioSink> sinks, int blockFrames)
    {
        _sinks = sinks;
        _blockFrames = blockFrames;
        _planes = GC.AllocateArray<float>((2 + (2 * sinks.Count)) * blockFrames, pinned: true);
        _interleaved = new float[2 * blockFrames];
    }

    /// <summary>Renders one block: the main mix interleaved into <paramref name="main"/>, the buses into the planes.</summary>
    public void Process(Sampler sampler, float[] main, int frames, ReadOnlySpan<MidiEvent> events)
    {
        int channels = sampler.Config.OutputChannels;
        fixed (float* planes = _planes)
        {
            var buses = default(ChannelBusOutputs);
            for (int b = 0; b < _sinks.Count; b++)
                buses.SetBus(b, Plane(planes, 2 + (2 * b)), Plane(planes, 3 + (2 * b)), frames);
            var left = new Span<float>(Plane(planes, 0), frames);
            var right = new Span<float>(Plane(planes, 1), frames);
            sampler.ProcessPlanar(left, right, frames, events, buses);
            for (int i = 0; i < frames; i++)
            {
                main[i * channels] = left[i];
                if (channels == 2)
                    main[(i * 2) + 1] = right[i];
            }
        }
    }

    /// <summary>Hands each bus's last block, interleaved L, R, to its sink.</summary>
    public void Deliver(int frames)
    {
        for (int b = 0; b < _sinks.Count; b++)
        {
            var left = new ReadOnlySpan<float>(_planes, (2 + (2 * b)) * _blockFrames, frames);
            var right = new ReadOnlySpan<float>(_planes, (3 + (2 * b)) * _blockFrames, frames);
            for (int i = 0; i < frames; i++)
            {
                _interleaved[2 * i] = left[i];
                _interleaved[(2 * i) + 1] = right[i];
            }

            _sinks[b](_interleaved.AsSpan(0, 2 * frames));
        }
    }

    private float* Plane(float* planes, int index) => planes + (index * _blockFrames);
}

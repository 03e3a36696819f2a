using MidiSampler.Dsp;

namespace MidiSampler.Engine;

/// <summary>Per-channel level meters (<see cref="SamplerConfig.ChannelMeters"/>): the web panel's and OSC's.</summary>
/// <remarks>
/// Design: with meters on, every channel renders into its own buffer (the routing the reverb sends and
/// <c>--multi-out</c> use), and after each chunk the audio thread scans the buffers of the channels that sounded
/// (<see cref="LevelMeter"/>), scaled by the master gain, into per-channel accumulators: the peak and the sum of
/// squares since the last read. A read is a handshake without a lock or a wait: the reader bumps
/// <c>_meterRequest</c>; at the end of its next block the audio thread copies the accumulators into the published
/// arrays, clears them, and marks the request served; the reader copies the published arrays only once that request is
/// served, and bumps it again. So a reading covers the audio between the answers to the two previous reads: nothing falls
/// between two readings (a peak is never missed), at the cost of one read interval's delay; the two sides never touch the
/// same array at once; a stopped audio thread only means no new reading. Peak hold
/// and decay belong to the reader (the remote's ChannelMeters).
/// </remarks>
public sealed partial class Sampler
{
    private readonly bool _meters;
    private readonly float[] _meterPeak = new float[Channels];
    private readonly double[] _meterSquares = new double[Channels];
    private long _meterFrames;
    private readonly float[] _meterPublishedPeak = new float[Channels];
    private readonly double[] _meterPublishedSquares = new double[Channels];
    private long _meterPublishedFrames;
    private int _meterRequest; // written by the reader only
    private int _meterServed;  // written by the audio thread only
    // This chunk's measurement of the channels MixMeteredChannels already mixed (their buffers are then no longer live).
    private readonly float[] _chunkPeak = new float[Channels];
    private readonly double[] _chunkSquares = new double[Channels];
    private readonly bool[] _chunkMeasured = new bool[Channels];

    /// <summary>True when this sampler measures each channel's level (<see cref="SamplerConfig.ChannelMeters"/>, without output buses). Any thread.</summary>
    public bool ChannelMetersEnabled => _meters;

    /// <summary>
    /// Copies each MIDI channel's level over the window the audio thread closed when it answered the previous read: <paramref name="peaks"/> the highest
    /// |sample| of its left and right (after the master gain), <paramref name="meanSquares"/> the mean of the squares
    /// of both sides (√ is the RMS level); 16 values each. False (nothing copied) when meters are off, or before the audio
    /// thread has answered the previous read (it answers at the end of its next block). One reader at a time; never
    /// waits. Control thread.
    /// </summary>
    /// <exception cref="ArgumentException">A span holds fewer than 16 values.</exception>
    public bool TryReadChannelLevels(Span<float> peaks, Span<float> meanSquares)
    {
        if (peaks.Length < Channels || meanSquares.Length < Channels)
            throw new ArgumentException($"the spans must hold {Channels} values", nameof(peaks));
        if (!_meters)
            return false;
        int request = Volatile.Read(ref _meterRequest);
        if (Volatile.Read(ref _meterServed) != request)
            return false; // asked already: the audio thread answers at its next block
        long frames = Volatile.Read(ref _meterPublishedFrames);
        for (int c = 0; c < Channels; c++)
        {
            peaks[c] = _meterPublishedPeak[c];
            meanSquares[c] = frames > 0 ? (float)(_meterPublishedSquares[c] / (2.0 * frames)) : 0;
        }

        Volatile.Write(ref _meterRequest, request + 1);
        return frames > 0;
    }

    /// <summary>
    /// Meters alone (no channel buses): adds the buffer of every sounding channel without a reverb or chorus send to the
    /// mix and measures it in the same pass, then marks it no longer live, so the effects' channel loop skips it. Channels
    /// that send are left to that loop (and measured by <see cref="MeterChannels"/>). Audio thread, before the effects.
    /// </summary>
    private void MixMeteredChannels(int frames)
    {
        if (_channelBuses)
            return; // the buses need the buffers as they are; MeterChannels scans them
        for (int c = 0; c < Channels; c++)
        {
            if (!_live[c] || (_reverb is not null && (_channels[c].ReverbSend > 0 || _channels[c].ChorusSend > 0)))
                continue;
            float peak = 0;
            double squares = 0;
            LevelMeter.AddAndMeasure(new ReadOnlySpan<float>(_channelBuffers, c * 2 * _channelStride, frames), new Span<float>(_mixLeft, 0, frames), ref peak, ref squares);
            LevelMeter.AddAndMeasure(new ReadOnlySpan<float>(_channelBuffers, (c * 2 * _channelStride) + _channelStride, frames), new Span<float>(_mixRight, 0, frames), ref peak, ref squares);
            _chunkPeak[c] = peak;
            _chunkSquares[c] = squares;
            _chunkMeasured[c] = true;
            _live[c] = false;
        }
    }

    /// <summary>
    /// Adds the chunk's sounding channels, times <paramref name="gain"/>, to the accumulators: those measured as they were
    /// mixed, and a scan of the buffers still live. Audio thread.
    /// </summary>
    private void MeterChannels(int frames, float gain)
    {
        float g = MathF.Abs(gain);
        for (int c = 0; c < Channels; c++)
        {
            float peak = 0;
            double squares = 0;
            if (_chunkMeasured[c])
            {
                peak = _chunkPeak[c];
                squares = _chunkSquares[c];
                _chunkMeasured[c] = false;
            }
            else if (_live[c])
            {
                LevelMeter.Measure(new ReadOnlySpan<float>(_channelBuffers, c * 2 * _channelStride, frames), ref peak, ref squares);
                LevelMeter.Measure(new ReadOnlySpan<float>(_channelBuffers, (c * 2 * _channelStride) + _channelStride, frames), ref peak, ref squares);
            }
            else
            {
                continue;
            }

            _meterPeak[c] = MathF.Max(_meterPeak[c], peak * g);
            _meterSquares[c] += squares * g * g;
        }
    }

    /// <summary>Counts the block's frames and answers a pending read (see the remarks). Audio thread.</summary>
    private void PublishChannelLevels(int frames)
    {
        _meterFrames += frames;
        int request = Volatile.Read(ref _meterRequest);
        if (request == _meterServed)
            return;
        Array.Copy(_meterPeak, _meterPublishedPeak, Channels);
        Array.Copy(_meterSquares, _meterPublishedSquares, Channels);
        Volatile.Write(ref _meterPublishedFrames, _meterFrames);
        Array.Clear(_meterPeak);
        Array.Clear(_meterSquares);
        _meterFrames = 0;
        Volatile.Write(ref _meterServed, request);
    }
}

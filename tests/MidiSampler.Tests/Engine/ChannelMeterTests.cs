using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// Per-channel level meters (<see cref="SamplerConfig.ChannelMeters"/>): a note on one channel shows on that channel's
/// meter at the level it has in the output (peak and RMS, after the master gain), every other channel reads silence,
/// the output itself does not change, nothing between two reads is lost, and the audio thread allocates nothing.
/// </summary>
[Collection(SerialCollection.Name)]
public class ChannelMeterTests
{
    private const int Rate = 48_000;
    private const int Block = 256;

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.0)]
    [InlineData(false, -6.0)]
    public void A_note_on_channel_3_shows_on_meter_3_at_its_output_level_and_the_others_read_silence(bool effects, double gainDb)
    {
        using var sampler = NewSampler(meters: true, effects, gainDb);
        Assert.True(sampler.ChannelMetersEnabled);
        sampler.NoteOn(2, 60, 127); // the 0.5 sine at its key centre, CC7 127, velocity 127: peak −6.02 dBFS
        Signals.Render(sampler, 4 * Block, Block); // past the attack
        var (peaks, squares) = Read(sampler); // primes the handshake
        var output = Signals.Render(sampler, 40 * Block, Block);
        (peaks, squares) = Read(sampler);

        double expectedPeakDb = Signals.Db(0.5) + gainDb;
        double outputPeakDb = Signals.Db(output.Max(MathF.Abs));
        Assert.InRange(outputPeakDb, expectedPeakDb - 0.1, expectedPeakDb + 0.1); // the output itself, for reference
        Assert.InRange(Signals.Db(peaks[2]), expectedPeakDb - 0.1, expectedPeakDb + 0.1);
        Assert.InRange(10 * Math.Log10(squares[2]), expectedPeakDb - 3.01 - 0.1, expectedPeakDb - 3.01 + 0.1); // a sine's RMS
        for (int c = 0; c < 16; c++)
        {
            if (c == 2)
                continue;
            Assert.Equal(0f, peaks[c]);
            Assert.Equal(0f, squares[c]);
        }
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(true, 64)]
    public void The_output_is_the_same_with_meters_on_and_off(bool effects, int reverb)
    {
        using var metered = NewSampler(meters: true, effects, 0);
        using var plain = NewSampler(meters: false, effects, 0);
        foreach (var s in new[] { metered, plain })
        {
            // Channel 1 sends to the reverb: routed either way. Applied a block ahead, because without meters a channel is
            // routed from the chunk after its CC91 arrives (the routing is decided as a chunk begins), with meters at once.
            s.ControlChange(0, 91, reverb);
            s.Process(new float[2 * Block], Block);
            s.NoteOn(0, 60, 100);
            s.NoteOn(4, 67, 90, offsetFrames: 77);
            s.NoteOn(4, 72, 60, offsetFrames: 300);
        }

        var a = Signals.Render(metered, 30 * Block, Block);
        var b = Signals.Render(plain, 30 * Block, Block);
        for (int i = 0; i < a.Length; i++)
            Assert.True(MathF.Abs(a[i] - b[i]) <= 1e-6f, $"frame {i / 2}: {a[i]} against {b[i]}");
        Assert.False(plain.TryReadChannelLevels(new float[16], new float[16])); // off: nothing to read
    }

    [Fact]
    public void A_short_note_between_two_reads_is_not_lost_and_is_gone_from_the_next_reading()
    {
        using var sampler = NewSampler(meters: true, effects: false, 0);
        Read(sampler);
        Signals.Render(sampler, Block, Block);
        sampler.NoteOn(6, 60, 127);
        Signals.Render(sampler, 8 * Block, Block);
        sampler.NoteOff(6, 60);
        Signals.Render(sampler, 40 * Block, Block); // released and silent long before the read
        // A reading covers the audio up to the answer to the previous read (the end of the block after it): here the
        // single block before the note. The audio thread answers this read at its next block, with the note in it.
        var (peaks, _) = Read(sampler);
        Assert.Equal(0f, peaks[6]);
        Signals.Render(sampler, Block, Block);
        (peaks, _) = Read(sampler);
        Assert.InRange(Signals.Db(peaks[6]), -6.02 - 0.5, -6.02 + 0.1);
        Signals.Render(sampler, Block, Block);
        (peaks, _) = Read(sampler);
        Assert.Equal(0f, peaks[6]); // one silent block since
    }

    [Fact]
    public void Metering_allocates_nothing_on_the_audio_thread()
    {
        using var sampler = NewSampler(meters: true, effects: true, 0);
        var buffer = new float[Block * 2];
        var peaks = new float[16];
        var squares = new float[16];
        for (int c = 0; c < 16; c++)
            sampler.NoteOn(c, 48 + c, 100);
        var (bytes, gen0, _, _) = AllocationWindow.Measure(
            b =>
            {
                sampler.Process(buffer, Block);
                if (b % 4 == 0)
                    sampler.TryReadChannelLevels(peaks, squares);
            },
            warmUpBlocks: 200,
            blocks: 2000);
        Assert.Equal(0, bytes);
        Assert.Equal(0, gen0);
        Assert.All(peaks, p => Assert.True(p > 0.01f));
    }

    [Fact]
    public void Output_buses_have_no_channel_meters()
    {
        using var sampler = new Sampler(new SamplerConfig { SampleRate = Rate, OutputBuses = 4, ChannelMeters = true });
        Assert.False(sampler.ChannelMetersEnabled);
        Assert.False(sampler.TryReadChannelLevels(new float[16], new float[16]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(255)]
    [InlineData(1027)]
    public void The_vector_kernel_agrees_with_the_scalar_one(int length)
    {
        var random = new Random(length);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)((random.NextDouble() * 2) - 1) * 0.8f;
        if (length > 5)
            values[length - 3] = -0.97f; // the peak in the scalar tail, and negative
        float peak = 0.1f, reference = 0.1f;
        double squares = 1, referenceSquares = 1;
        LevelMeter.Measure(values, ref peak, ref squares);
        LevelMeter.MeasureScalar(values, ref reference, ref referenceSquares);
        Assert.Equal(reference, peak);
        Assert.Equal(referenceSquares, squares, 1e-4 * Math.Max(1, referenceSquares));

        // The fused pass (a channel joining the mix): the same measurement, and the sum written.
        var mix = new float[length];
        for (int i = 0; i < length; i++)
            mix[i] = 0.25f - (i % 3);
        var expectedMix = mix.Zip(values, (m, v) => m + v).ToArray();
        float fusedPeak = 0.1f;
        double fusedSquares = 1;
        LevelMeter.AddAndMeasure(values, mix, ref fusedPeak, ref fusedSquares);
        Assert.Equal(reference, fusedPeak);
        Assert.Equal(referenceSquares, fusedSquares, 1e-4 * Math.Max(1, referenceSquares));
        Assert.Equal(expectedMix, mix);
    }

    private static (float[] Peaks, float[] MeanSquares) Read(Sampler sampler)
    {
        var peaks = new float[16];
        var squares = new float[16];
        sampler.TryReadChannelLevels(peaks, squares);
        return (peaks, squares);
    }

    private static Sampler NewSampler(bool meters, bool effects, double masterGainDb)
    {
        var sampler = new Sampler(new SamplerConfig
        {
            SampleRate = Rate,
            MaxPolyphony = 32,
            MaxBlockFrames = 1024,
            EffectsEnabled = effects,
            MasterGainDb = masterGainDb,
            ChannelMeters = meters,
        });
        var tone = Signals.Sine(220, Rate, 40, amplitude: 0.5f);
        sampler.SetInstrument(0, Signals.Single(new Region { Sample = tone, LoopMode = LoopMode.LoopContinuous, LoopEnd = tone.FrameCount - 1, AmpVeltrackPercent = 0 }));
        for (int c = 0; c < 16; c++)
            sampler.ControlChange(c, 7, 127);
        return sampler;
    }
}

using MidiSampler.Alsa.Native;
using MidiSampler.Alsa.Tests.TestSupport;
using MidiSampler.Engine;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Tests.TestSupport;
using MidiSampler.Rendering;

namespace MidiSampler.Alsa.Tests;

/// <summary>
/// Format negotiation on unpaced devices: alsa-lib's <c>type file</c> over <c>null</c> (every format) and the gcc-built
/// test plugin offering a single format, as many USB class-compliant interfaces do.
/// </summary>
public sealed class AlsaFormatTests
{
    private const int Rate = 48_000;

    [Fact]
    public void A_device_that_offers_only_S24_3LE_gets_the_song_bit_exact_as_a_24_bit_render_would_write_it()
    {
        AlsaRig.Use();
        var song = Songs.Note(72, 4, 240);
        var sine = TestInstruments.LoopedSine(Rate);
        float[] reference;
        using (var sampler = new Sampler(new SamplerConfig { SampleRate = Rate, OutputChannels = 2, MaxPolyphony = 256, MaxBlockFrames = 1024, MaxEventsPerBlock = 1024 }))
        {
            sampler.WarmUp();
            sampler.SetInstrument(0, sine);
            var frames = new List<float>();
            new SongRenderer(sampler, song) { BlockFrames = 256 }.Render(block =>
            {
                for (int i = 0; i < block.Length; i += 2)
                    frames.Add(block[i]);
            });
            reference = [.. frames];
        }

        using (var host = AlsaSamplerHost.Start(new AlsaHostOptions { Device = "ms_s24", PeriodFrames = 256, Periods = 3, SampleRate = Rate, Song = song }))
        {
            host.SetInstrument(0, sine);
            host.StartSong();
            Assert.True(host.SongEndedWaitHandle.WaitOne(TimeSpan.FromSeconds(20)), "the song did not end");
            Assert.Equal("S24_3LE", host.Grant.Format);
            Assert.Equal(["S24_3LE"], host.Grant.OfferedFormats);
            host.Stop();
        }

        var captured = Captures.LeftS24(AlsaRig.Capture("ms_s24"));
        int start = Captures.Onsets(captured)[0] - Captures.Onsets(reference)[0];
        Assert.Equal(0, start % 256); // the song began at a period boundary
        for (int i = 0; i < reference.Length; i++)
            Assert.Equal(MathF.Round(Math.Clamp(reference[i] * 8_388_608f, -8_388_608f, 8_388_607f), MidpointRounding.ToEven) / 8_388_608f, captured[start + i]);
        double hz = Signals.Frequency(captured, Rate, start + 2_400, start + 9_600);
        Assert.InRange(Signals.Cents(hz, 960.0), -1, 1);
    }

    [Theory]
    [InlineData("ms_null_float", "FLOAT_LE")]
    [InlineData("ms_s16", "S16_LE")]
    public void The_first_format_of_the_preference_order_that_the_device_offers_is_chosen(string device, string expected)
    {
        AlsaRig.Use();
        using var pcm = PcmOutput.Open(device, Rate, 128, 2);
        Assert.Equal(expected, pcm.Grant.Format);
        Assert.Equal(128, pcm.Grant.PeriodFrames);
        Assert.Equal(2, pcm.Grant.Periods);
        Assert.Equal(Rate, pcm.Grant.SampleRate);
    }

    [Fact]
    public void A_device_with_none_of_the_formats_is_refused_with_its_name_and_the_formats_asked_for()
    {
        AlsaRig.Use();
        var e = Assert.Throws<AlsaException>(() => PcmOutput.Open("ms_u8", Rate, 128, 2));
        Assert.Contains("'ms_u8'", e.Message, StringComparison.Ordinal);
        Assert.Contains("S24_3LE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_the_device_cannot_do_is_replaced_by_the_nearest_and_the_sampler_runs_at_it()
    {
        AlsaRig.Use();
        // The test plugin does 44.1 to 48 kHz.
        using var host = AlsaSamplerHost.Start(new AlsaHostOptions { Device = "ms_s16", PeriodFrames = 256, SampleRate = 96_000 });
        Assert.Equal(48_000, host.SampleRate);
        Assert.Equal(48_000, host.Sampler.Config.SampleRate);
        Assert.Contains(host.Warnings, w => w.Contains("96000", StringComparison.Ordinal));
    }

    [Fact]
    public void Samples_are_packed_per_format_clipped_and_rounded_like_rendered_files()
    {
        float[] left = [0f, 1f, -1f, 0.5f, 2f];
        float[] right = [0.25f, -0.5f, 0f, -2f, float.NaN];
        var bytes = new byte[left.Length * 2 * 4];

        PcmSampleWriter.Write(left, right, PcmFormat.S16_LE, 2, bytes);
        Assert.Equal([0, 32767, -32768, 16384, 32767], Enumerable.Range(0, 5).Select(i => (int)BitConverter.ToInt16(bytes, i * 4)));
        Assert.Equal([8192, -16384, 0, -32768, 0], Enumerable.Range(0, 5).Select(i => (int)BitConverter.ToInt16(bytes, (i * 4) + 2)));

        PcmSampleWriter.Write(left, right, PcmFormat.S24_3LE, 2, bytes);
        int S24(int at) => bytes[at] | (bytes[at + 1] << 8) | ((sbyte)bytes[at + 2] << 16);
        Assert.Equal([0, 8_388_607, -8_388_608, 4_194_304, 8_388_607], Enumerable.Range(0, 5).Select(i => S24(i * 6)));

        PcmSampleWriter.Write(left, right, PcmFormat.S24_LE, 2, bytes);
        Assert.Equal(-8_388_608, BitConverter.ToInt32(bytes, 2 * 8));
        PcmSampleWriter.Write(left, right, PcmFormat.S32_LE, 2, bytes);
        Assert.Equal(int.MinValue, BitConverter.ToInt32(bytes, 2 * 8));
        Assert.Equal(8_388_607 << 8, BitConverter.ToInt32(bytes, 1 * 8));
        PcmSampleWriter.Write(left, right, PcmFormat.FLOAT_LE, 2, bytes);
        Assert.Equal(2f, BitConverter.ToSingle(bytes, 4 * 8)); // float is written as is

        var four = new byte[2 * 4 * 4];
        PcmSampleWriter.Write(left.AsSpan(0, 2), right.AsSpan(0, 2), PcmFormat.S32_LE, 4, four);
        Assert.Equal(0, BitConverter.ToInt32(four, 8)); // channels 3 and 4 are silent
        Assert.Equal(0, BitConverter.ToInt32(four, 12));
    }
}

using MidiSampler.Formats.Wav;

namespace MidiSampler.Tests.Formats.Wav;

public class WavDecoderTests
{
    [Fact]
    public void Pcm16_vector_path_matches_scalar_for_every_value_and_any_length()
    {
        // All 65,536 codes, plus lengths that leave tails of every size after the vector loop.
        var bytes = new byte[65_536 * 2];
        for (int i = 0; i < 65_536; i++)
        {
            bytes[2 * i] = (byte)i;
            bytes[(2 * i) + 1] = (byte)(i >> 8);
        }

        for (int samples = 65_536; samples > 65_536 - 40; samples--)
        {
            var scalar = new float[samples];
            var vector = new float[samples];
            WavDecoder.DecodePcm16Scalar(bytes.AsSpan(0, samples * 2), scalar);
            WavDecoder.DecodePcm16Vector(bytes.AsSpan(0, samples * 2), vector);
            Assert.Equal(scalar, vector);
        }

        var all = new float[65_536];
        WavDecoder.DecodePcm16Vector(bytes, all);
        for (int i = 0; i < 65_536; i++)
            Assert.Equal((short)i / 32_768f, all[i]);
    }
}

using System.Text;
using MidiSampler.Remote.Osc;

namespace MidiSampler.Remote.Tests;

/// <summary>Our OSC reader and writer against hand-made packets of the OSC 1.0 spec's examples, round trips, and hostile input.</summary>
public sealed class OscCodecTests
{
    [Fact]
    public void Reads_the_spec_example_message_byte_for_byte()
    {
        // OSC 1.0 spec, "Examples": "/oscillator/4/frequency" with the float 440.0.
        byte[] packet =
        [
            .. "/oscillator/4/frequency"u8, 0,
            .. ",f"u8, 0, 0,
            0x43, 0xdc, 0x00, 0x00,
        ];
        var m = Assert.Single(OscCodec.Read(packet));
        Assert.Equal("/oscillator/4/frequency", m.Address);
        var a = Assert.Single(m.Arguments);
        Assert.Equal('f', a.Tag);
        Assert.Equal(440f, (float)a.Value!);
        Assert.Equal(packet, OscCodec.Write(m)); // and writes the same bytes back
    }

    [Fact]
    public void Round_trips_every_supported_type()
    {
        var m = OscMessage.Create("/ms/test", 7, -1.5f, "héllo", new byte[] { 1, 2, 3 }, 1L << 40, Math.PI, true, false, null);
        byte[] packet = OscCodec.Write(m);
        Assert.Equal(0, packet.Length % 4);
        var back = Assert.Single(OscCodec.Read(packet));
        Assert.Equal("/ms/test", back.Address);
        Assert.Equal("ifsbhdTFN", new string(back.Arguments.Select(x => x.Tag).ToArray()));
        Assert.Equal(7, back.Arguments[0].AsInt());
        Assert.Equal(-1.5, back.Arguments[1].AsNumber());
        Assert.Equal("héllo", back.Arguments[2].AsString());
        Assert.Equal(new byte[] { 1, 2, 3 }, (byte[])back.Arguments[3].Value!);
        Assert.Equal(1L << 40, (long)back.Arguments[4].Value!);
        Assert.Equal(Math.PI, (double)back.Arguments[5].Value!);
        Assert.Equal(true, back.Arguments[6].Value);
        Assert.Equal(false, back.Arguments[7].Value);
        Assert.Null(back.Arguments[8].Value);
    }

    [Fact]
    public void Flattens_nested_bundles_in_order()
    {
        byte[] inner = Bundle(OscCodec.Write(OscMessage.Create("/b", 2)), OscCodec.Write(OscMessage.Create("/c", 3)));
        byte[] outer = Bundle(OscCodec.Write(OscMessage.Create("/a", 1)), inner);
        var messages = OscCodec.Read(outer);
        Assert.Equal(["/a", "/b", "/c"], messages.Select(m => m.Address));
        Assert.Equal([1, 2, 3], messages.Select(m => m.Arguments[0].AsInt()!.Value));
    }

    [Theory]
    [InlineData(new byte[] { }, "multiple of 4")]
    [InlineData(new byte[] { (byte)'/', (byte)'a', 0 }, "multiple of 4")]
    [InlineData(new byte[] { (byte)'x', (byte)'a', 0, 0 }, "must start with '/'")]
    [InlineData(new byte[] { (byte)'/', (byte)'a', (byte)'b', (byte)'c' }, "no terminating zero")]
    [InlineData(new byte[] { (byte)'/', (byte)'a', 0, 0, (byte)',', (byte)'i', 0, 0 }, "4 bytes wanted")]
    [InlineData(new byte[] { (byte)'/', (byte)'a', 0, 0, (byte)',', (byte)'q', 0, 0 }, "'q' is not supported")]
    [InlineData(new byte[] { (byte)'/', (byte)'a', 0, 0, (byte)',', (byte)'b', 0, 0, 0x7f, 0, 0, 0 }, "does not fit")]
    [InlineData(new byte[] { (byte)'/', (byte)'a', 0, 0, (byte)'x', 0, 0, 0 }, "must start with ','")]
    public void Refuses_malformed_packets_with_the_reason(byte[] packet, string reason)
    {
        var e = Assert.Throws<OscFormatException>(() => OscCodec.Read(packet));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_bundles_nested_too_deep_and_too_many_messages()
    {
        byte[] packet = OscCodec.Write(OscMessage.Create("/x"));
        for (int i = 0; i <= OscCodec.MaxBundleDepth; i++)
            packet = Bundle(packet);
        Assert.Contains("nest deeper", Assert.Throws<OscFormatException>(() => OscCodec.Read(packet)).Message, StringComparison.Ordinal);

        byte[] one = OscCodec.Write(OscMessage.Create("/x"));
        byte[] many = Bundle([.. Enumerable.Repeat(one, OscCodec.MaxMessages + 1)]);
        Assert.Contains("more than", Assert.Throws<OscFormatException>(() => OscCodec.Read(many)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_a_format_error()
    {
        var random = new Random(2112);
        var buffer = new byte[64];
        for (int i = 0; i < 20_000; i++)
        {
            int n = random.Next(buffer.Length + 1) & ~3;
            random.NextBytes(buffer.AsSpan(0, n));
            if (n > 0 && random.Next(2) == 0)
                buffer[0] = (byte)(random.Next(2) == 0 ? '/' : '#');
            try
            {
                _ = OscCodec.Read(buffer.AsSpan(0, n));
            }
            catch (OscFormatException)
            {
                // the only failure allowed
            }
        }
    }

    [Fact]
    public void Mutated_valid_packets_never_throw_anything_but_a_format_error()
    {
        byte[] valid = Bundle(OscCodec.Write(OscMessage.Create("/ms/load", "ganjo/ganjo.sfz", 3, 0)), OscCodec.Write(OscMessage.Create("/ms/gain", -6f)));
        var random = new Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] p = (byte[])valid.Clone();
            for (int k = random.Next(1, 4); k > 0; k--)
                p[random.Next(p.Length)] = (byte)random.Next(256);
            try
            {
                _ = OscCodec.Read(p);
            }
            catch (OscFormatException)
            {
                // the only failure allowed
            }
        }
    }

    private static byte[] Bundle(params byte[][] elements)
    {
        using var s = new MemoryStream();
        s.Write("#bundle\0"u8);
        s.Write(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 }); // "immediately"
        foreach (var e in elements)
        {
            s.Write(new[] { (byte)(e.Length >> 24), (byte)(e.Length >> 16), (byte)(e.Length >> 8), (byte)e.Length });
            s.Write(e);
        }

        return s.ToArray();
    }
}

using System.Buffers.Binary;
using System.Text;

namespace MidiSampler.Remote.Osc;

/// <summary>
/// Reads and writes OSC 1.0 packets (opensoundcontrol.org, "The Open Sound Control 1.0 Specification"): messages and
/// bundles, strings and blobs padded to 4 bytes, big-endian numbers, the type tags i f s b h d T F N. Small on
/// purpose: the sampler's address space needs nothing else, and a hostile packet must cost a bounded amount of work.
/// </summary>
/// <remarks>
/// Design: a bundle's time tag is read and ignored (every message runs on arrival: a performer's button, not a
/// score); bundles nest at most <see cref="MaxBundleDepth"/> deep and a packet yields at most
/// <see cref="MaxMessages"/> messages, so a crafted packet cannot recurse or multiply without end. Any fault is an
/// <see cref="OscFormatException"/> naming the offset, never an index error.
/// </remarks>
public static class OscCodec
{
    /// <summary>How deep bundles may nest.</summary>
    public const int MaxBundleDepth = 4;

    /// <summary>Messages one packet may carry.</summary>
    public const int MaxMessages = 64;

    private static readonly byte[] BundleTag = "#bundle\0"u8.ToArray();

    /// <summary>The messages of one packet (a message, or a bundle of them, flattened in order).</summary>
    /// <exception cref="OscFormatException">The packet is not valid OSC.</exception>
    public static IReadOnlyList<OscMessage> Read(ReadOnlySpan<byte> packet)
    {
        var messages = new List<OscMessage>();
        ReadElement(packet, 0, 0, messages);
        return messages;
    }

    /// <summary>Encodes <paramref name="message"/> as one OSC packet.</summary>
    public static byte[] Write(OscMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stream = new MemoryStream();
        WriteString(stream, message.Address);
        var tags = new StringBuilder(",");
        foreach (var a in message.Arguments)
            tags.Append(a.Tag);
        WriteString(stream, tags.ToString());
        Span<byte> word = stackalloc byte[8];
        foreach (var a in message.Arguments)
        {
            switch (a.Tag)
            {
                case 'i':
                    BinaryPrimitives.WriteInt32BigEndian(word, (int)a.Value!);
                    stream.Write(word[..4]);
                    break;
                case 'f':
                    BinaryPrimitives.WriteSingleBigEndian(word, (float)a.Value!);
                    stream.Write(word[..4]);
                    break;
                case 'h':
                    BinaryPrimitives.WriteInt64BigEndian(word, (long)a.Value!);
                    stream.Write(word);
                    break;
                case 'd':
                    BinaryPrimitives.WriteDoubleBigEndian(word, (double)a.Value!);
                    stream.Write(word);
                    break;
                case 's':
                    WriteString(stream, (string)a.Value!);
                    break;
                case 'b':
                    var blob = (byte[])a.Value!;
                    BinaryPrimitives.WriteInt32BigEndian(word, blob.Length);
                    stream.Write(word[..4]);
                    stream.Write(blob);
                    stream.Write(new byte[Pad(blob.Length) - blob.Length]);
                    break;
                case 'T' or 'F' or 'N':
                    break;
                default:
                    throw new ArgumentException($"OSC type tag '{a.Tag}' is not supported", nameof(message));
            }
        }

        return stream.ToArray();
    }

    private static void ReadElement(ReadOnlySpan<byte> data, int depth, int offset, List<OscMessage> messages)
    {
        if (data.Length == 0 || data.Length % 4 != 0)
            throw new OscFormatException($"at byte {offset}: an OSC packet's size must be a positive multiple of 4 (got {data.Length})");
        if (data[0] == (byte)'#')
        {
            if (data.Length < 16 || !data[..8].SequenceEqual(BundleTag))
                throw new OscFormatException($"at byte {offset}: starts with '#' but is not a '#bundle' with a time tag");
            if (depth >= MaxBundleDepth)
                throw new OscFormatException($"at byte {offset}: bundles nest deeper than {MaxBundleDepth}");
            int at = 16; // "#bundle\0" and the 8-byte time tag (ignored: everything runs on arrival)
            while (at < data.Length)
            {
                if (data.Length - at < 4)
                    throw new OscFormatException($"at byte {offset + at}: a bundle element's size is cut short");
                int size = BinaryPrimitives.ReadInt32BigEndian(data[at..]);
                at += 4;
                if (size <= 0 || size > data.Length - at)
                    throw new OscFormatException($"at byte {offset + at - 4}: a bundle element of {size} bytes does not fit in the {data.Length - at} left");
                ReadElement(data.Slice(at, size), depth + 1, offset + at, messages);
                at += size;
            }

            return;
        }

        if (data[0] != (byte)'/')
            throw new OscFormatException($"at byte {offset}: an OSC address must start with '/'");
        if (messages.Count >= MaxMessages)
            throw new OscFormatException($"at byte {offset}: more than {MaxMessages} messages in one packet");
        int pos = 0;
        string address = ReadString(data, ref pos, offset);
        if (pos == data.Length)
        {
            messages.Add(new OscMessage(address, [])); // OSC 1.0 lets old senders omit the type tag string
            return;
        }

        string tags = ReadString(data, ref pos, offset);
        if (tags.Length == 0 || tags[0] != ',')
            throw new OscFormatException($"at byte {offset + pos}: the type tag string must start with ','");
        var arguments = new List<OscArgument>(tags.Length - 1);
        for (int t = 1; t < tags.Length; t++)
        {
            char tag = tags[t];
            switch (tag)
            {
                case 'i':
                    arguments.Add(new OscArgument(tag, BinaryPrimitives.ReadInt32BigEndian(Take(data, ref pos, 4, offset))));
                    break;
                case 'f':
                    arguments.Add(new OscArgument(tag, BinaryPrimitives.ReadSingleBigEndian(Take(data, ref pos, 4, offset))));
                    break;
                case 'h':
                    arguments.Add(new OscArgument(tag, BinaryPrimitives.ReadInt64BigEndian(Take(data, ref pos, 8, offset))));
                    break;
                case 'd':
                    arguments.Add(new OscArgument(tag, BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref pos, 8, offset))));
                    break;
                case 's':
                    arguments.Add(new OscArgument(tag, ReadString(data, ref pos, offset)));
                    break;
                case 'b':
                    int length = BinaryPrimitives.ReadInt32BigEndian(Take(data, ref pos, 4, offset));
                    if (length < 0 || Pad(length) > data.Length - pos)
                        throw new OscFormatException($"at byte {offset + pos - 4}: a blob of {length} bytes does not fit in the {data.Length - pos} left");
                    arguments.Add(new OscArgument(tag, data.Slice(pos, length).ToArray()));
                    pos += Pad(length);
                    break;
                case 'T':
                    arguments.Add(new OscArgument(tag, true));
                    break;
                case 'F':
                    arguments.Add(new OscArgument(tag, false));
                    break;
                case 'N':
                    arguments.Add(new OscArgument(tag, null));
                    break;
                default:
                    throw new OscFormatException($"at byte {offset}: type tag '{tag}' is not supported (i f s b h d T F N)");
            }
        }

        if (pos != data.Length)
            throw new OscFormatException($"at byte {offset + pos}: {data.Length - pos} bytes left over after the arguments");
        messages.Add(new OscMessage(address, arguments));
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int pos, int count, int offset)
    {
        if (data.Length - pos < count)
            throw new OscFormatException($"at byte {offset + pos}: {count} bytes wanted, {data.Length - pos} left");
        var slice = data.Slice(pos, count);
        pos += count;
        return slice;
    }

    private static string ReadString(ReadOnlySpan<byte> data, ref int pos, int offset)
    {
        int end = data[pos..].IndexOf((byte)0);
        if (end < 0)
            throw new OscFormatException($"at byte {offset + pos}: a string has no terminating zero");
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data.Slice(pos, end));
        }
        catch (DecoderFallbackException e)
        {
            throw new OscFormatException($"at byte {offset + pos}: a string is not valid UTF-8", e);
        }

        int next = pos + Pad(end + 1);
        if (next > data.Length)
            throw new OscFormatException($"at byte {offset + pos}: a string's padding runs past the end");
        pos = next;
        return text;
    }

    private static void WriteString(Stream stream, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        stream.Write(bytes);
        stream.Write(new byte[Pad(bytes.Length + 1) - bytes.Length]);
    }

    private static int Pad(int length) => (length + 3) & ~3;
}

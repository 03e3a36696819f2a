using System.Runtime.InteropServices;
using MidiSampler.Alsa.Native;
using MidiSampler.Engine;

namespace MidiSampler.Alsa;

/// <summary>
/// Turns ALSA sequencer events back into MIDI bytes with alsa-lib's own codec (<c>snd_midi_event_decode</c>) and
/// those bytes into engine events with the engine's decoder: no MIDI parsing of our own, and every message kind the
/// codec knows (notes, key and channel pressure, controllers, 14-bit controllers, RPN/NRPN, program change, pitch
/// bend, SysEx, system common and real-time) reaches the engine exactly as a raw MIDI stream would.
/// </summary>
/// <remarks>
/// The codec is told to write a status byte for every message (<c>snd_midi_event_no_status</c>), so each event's
/// bytes stand alone. SysEx is taken from the event's own buffer directly, whatever its length (the codec would refuse
/// one longer than its buffer). Threads: one at a time (the sequencer reader); no allocation after construction.
/// </remarks>
internal sealed unsafe class SeqEventTranslator : IDisposable
{
    private const int CodecBytes = 256;
    private readonly MidiCodecHandle _codec;
    private readonly byte* _buffer;
    private readonly MidiDecoder _decoder;
    private long _unsupported;

    /// <summary>Creates the codec, feeding <paramref name="decoder"/> (the input stream's own). Control thread.</summary>
    public SeqEventTranslator(MidiDecoder decoder)
    {
        _decoder = decoder;
        LibAsound.Bind();
        AlsaException.Check(LibAsound.snd_midi_event_new(CodecBytes, out _codec), "snd_midi_event_new");
        LibAsound.snd_midi_event_no_status(_codec.Pointer, 1);
        _buffer = (byte*)NativeMemory.Alloc(CodecBytes);
    }

    /// <summary>Events the codec has no MIDI bytes for (port announcements, queue control, user events). Any thread.</summary>
    public long Unsupported => Volatile.Read(ref _unsupported);

    /// <summary>The decoder's counts: messages, ignored (clock, unknown SysEx), malformed, dropped. Any thread.</summary>
    public MidiDecoderCounters DecoderCounters => _decoder.Counters;

    /// <summary>Most engine events one sequencer event can give (a 14-bit RPN write: four control changes and the parameter).</summary>
    public const int MaxEventsPerSeqEvent = 4 * MidiDecoder.MaxEventsPerMessage;

    /// <summary>Translates one sequencer event into <paramref name="output"/> (offset 0); returns the count. The reader thread.</summary>
    public int Translate(snd_seq_event_t* seqEvent, Span<MidiEvent> output)
    {
        if (seqEvent->type == (byte)SeqEventType.SysEx && (seqEvent->flags & snd_seq_event_t.SND_SEQ_EVENT_LENGTH_VARIABLE) != 0)
            return DecodeBytes(new ReadOnlySpan<byte>(seqEvent->ext_ptr, (int)seqEvent->ext_len), output);
        nint length = LibAsound.snd_midi_event_decode(_codec.Pointer, _buffer, CodecBytes, seqEvent);
        if (length <= 0)
        {
            Interlocked.Increment(ref _unsupported);
            return 0;
        }

        return DecodeBytes(new ReadOnlySpan<byte>(_buffer, (int)length), output);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _codec.Dispose();
        NativeMemory.Free(_buffer);
    }

    /// <summary>The one place raw MIDI bytes become engine events: the engine's decoder (running status, SysEx, RPN/NRPN).</summary>
    private int DecodeBytes(ReadOnlySpan<byte> bytes, Span<MidiEvent> output)
    {
        int count = 0;
        while (!bytes.IsEmpty && count < output.Length)
        {
            count += _decoder.Decode(bytes, 0, output[count..], out int consumed);
            if (consumed == 0)
                break;
            bytes = bytes[consumed..];
        }

        return count;
    }
}

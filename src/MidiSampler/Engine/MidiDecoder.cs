namespace MidiSampler.Engine;

/// <summary>
/// Turns raw MIDI 1.0 bytes into engine <see cref="MidiEvent"/>s: the one decoder every host uses (JACK, ALSA, the
/// song renderer, the C API and <see cref="Sampler.SendMidi(ReadOnlySpan{byte}, int)"/>).
/// </summary>
/// <remarks>
/// Design: a byte-at-a-time state machine, so input may come in any chunking: one complete message per call (JACK,
/// ALSA's event decoder), or a raw stream split anywhere (a serial port, a file). It keeps
/// <list type="bullet">
/// <item>running status (MIDI 1.0 §"Running Status"): a data byte after a channel message repeats its status; system
/// common messages cancel it, real-time bytes (F8..FF) do not and may appear anywhere, even inside SysEx;</item>
/// <item>SysEx of any length: the bytes are classified as they arrive into a small fixed buffer; only the messages the
/// engine acts on (GM/GM2 system on, GS reset and rhythm part, XG system on, GM/GS/XG master volume) need to fit, so a
/// longer one (a sample dump) streams through, is counted as unsupported and never grows anything;</item>
/// <item>RPN and NRPN (CC 101/100 and 99/98 select, CC 6/38 data entry, CC 96/97 increment and decrement): data entry
/// becomes one <see cref="MidiEventType.RegisteredParameter"/> or <see cref="MidiEventType.NonRegisteredParameter"/>
/// event carrying the parameter number and its 14-bit value, so the engine never re-derives the selection. A data
/// entry MSB sets the LSB to zero, as MIDI 1.0 says a receiver should; increment and decrement step the 14-bit value
/// by one. The selection is per input stream, like running status: two ports interleaving RPN writes on one channel
/// each keep their own;</item>
/// <item>14-bit controller pairs (MSB 0..31 with LSB 32..63): every control change carries its 14-bit value in
/// <see cref="MidiEvent.Value"/> (an MSB resets the pair's LSB to zero; a 7-bit-only controller gives value × 128).</item>
/// </list>
/// A control change is always passed on as such too (an SFZ region may route CC 6 or CC 101 like any other).
/// Everything else (clock, active sensing, song position, unknown SysEx, stray data bytes) is counted and ignored.
/// Allocation-free after construction: the audio thread may own an instance. One thread at a time per instance.
/// </remarks>
public sealed class MidiDecoder
{
    /// <summary>Most events one message can produce (a data entry: the control change and the parameter).</summary>
    public const int MaxEventsPerMessage = 2;

    private const int Channels = EngineLimits.MidiChannels;
    private const int NullParameter = 0x3FFF; // RPN/NRPN 127,127: "null", deselects
    private const int KeptRegisteredParameters = 8;

    private readonly byte[] _sysEx = new byte[EngineLimits.SysExBytesKept];
    private readonly byte[] _controllers = new byte[Channels * 64]; // the last MSB (0..31) and LSB (32..63) of each pair
    private readonly int[] _selection = new int[Channels];          // selected parameter: (isNrpn << 14) | number, or null
    private readonly byte[] _rpnMsb = new byte[Channels];
    private readonly byte[] _rpnLsb = new byte[Channels];
    private readonly byte[] _nrpnMsb = new byte[Channels];
    private readonly byte[] _nrpnLsb = new byte[Channels];
    private readonly int[] _registeredValues = new int[Channels * KeptRegisteredParameters]; // RPN 0..7, for increments
    private readonly int[] _nrpnValue = new int[Channels]; // the selected NRPN's last value, for increments
    private byte _status;   // running status (a channel message) or the system common message being skipped
    private byte _data1;
    private int _dataCount;
    private int _sysExLength;
    private bool _inSysEx;
    private long _messages;
    private long _unsupported;
    private long _malformed;
    private long _dropped;

    /// <summary>Creates a decoder in its power-on state. Control thread: allocates.</summary>
    public MidiDecoder() => Reset();

    /// <summary>Counts so far. Any thread (each count is read atomically; together they are a near snapshot).</summary>
    public MidiDecoderCounters Counters => new(
        Volatile.Read(ref _messages), Volatile.Read(ref _unsupported), Volatile.Read(ref _malformed), Volatile.Read(ref _dropped));

    /// <summary>
    /// Back to the power-on state: no running status, no SysEx in progress, RPN and NRPN selections null, controller
    /// pairs at their defaults (the counts are kept). The decoder's thread.
    /// </summary>
    public void Reset()
    {
        _status = 0;
        _dataCount = 0;
        _inSysEx = false;
        _sysExLength = 0;
        ResetAllChannels();
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/> and writes the events they complete into <paramref name="output"/>, each with
    /// <paramref name="offsetFrames"/>. Events past the output's capacity are dropped and counted. Allocation-free.
    /// </summary>
    /// <returns>The number of events written.</returns>
    public int Decode(ReadOnlySpan<byte> bytes, int offsetFrames, Span<MidiEvent> output) =>
        Decode(bytes, offsetFrames, output, out _, stopWhenFull: false);

    /// <summary>
    /// Like <see cref="Decode(ReadOnlySpan{byte}, int, Span{MidiEvent})"/>, but stops before a byte that could
    /// complete a message once fewer than <see cref="MaxEventsPerMessage"/> slots are free, so that nothing is dropped:
    /// call it again with the rest of the input (from <paramref name="bytesConsumed"/>) and a fresh output.
    /// </summary>
    public int Decode(ReadOnlySpan<byte> bytes, int offsetFrames, Span<MidiEvent> output, out int bytesConsumed) =>
        Decode(bytes, offsetFrames, output, out bytesConsumed, stopWhenFull: true);

    private int Decode(ReadOnlySpan<byte> bytes, int offsetFrames, Span<MidiEvent> output, out int bytesConsumed, bool stopWhenFull)
    {
        int written = 0;
        int i = 0;
        for (; i < bytes.Length; i++)
        {
            if (stopWhenFull && output.Length - written < MaxEventsPerMessage)
                break;
            byte b = bytes[i];
            if (b >= 0xF8)
            {
                RealTime(b, offsetFrames, output, ref written);
                continue;
            }

            if (_inSysEx)
            {
                if (b < 0x80)
                {
                    if (_sysExLength < _sysEx.Length)
                        _sysEx[_sysExLength] = b;
                    _sysExLength++;
                    continue;
                }

                _inSysEx = false;
                if (b == 0xF7)
                {
                    EndSysEx(offsetFrames, output, ref written);
                    continue;
                }

                Count(ref _malformed); // a status byte cut the SysEx short: it is abandoned and the byte starts anew
            }

            if (b >= 0x80)
            {
                StartStatus(b);
                continue;
            }

            DataByte(b, offsetFrames, output, ref written);
        }

        bytesConsumed = i;
        return written;
    }

    private void StartStatus(byte status)
    {
        _dataCount = 0;
        if (status < 0xF0)
        {
            _status = status;
            return;
        }

        switch (status)
        {
            case 0xF0:
                _status = 0;
                _inSysEx = true;
                _sysExLength = 1;
                _sysEx[0] = 0xF0;
                break;
            case 0xF7: // an end of exclusive with no SysEx open
                _status = 0;
                Count(ref _malformed);
                break;
            case 0xF6: // tune request: nothing to tune
            case 0xF4:
            case 0xF5: // undefined
                _status = 0;
                Count(ref _unsupported);
                break;
            default: // F1 time code quarter frame, F2 song position, F3 song select: their data bytes are skipped
                _status = status;
                break;
        }
    }

    private void DataByte(byte data, int offsetFrames, Span<MidiEvent> output, ref int written)
    {
        if (_status == 0)
        {
            Count(ref _malformed); // a data byte with no status to run on
            return;
        }

        if (_dataCount == 0)
            _data1 = data;
        _dataCount++;
        int needed = DataBytes(_status);
        if (_dataCount < needed)
            return;
        _dataCount = 0;
        if (_status >= 0xF0)
        {
            _status = 0; // a system common message ends; it cancels running status
            Count(ref _unsupported);
            return;
        }

        Emit(offsetFrames, output, ref written, lastData: data);
    }

    private void Emit(int offsetFrames, Span<MidiEvent> output, ref int written, byte lastData)
    {
        byte channel = (byte)(_status & 0x0F);
        byte d1 = _data1;
        Count(ref _messages);
        switch (_status & 0xF0)
        {
            case 0x80:
                Put(new MidiEvent(offsetFrames, MidiEventType.NoteOff, channel, d1, lastData, 0, 0), output, ref written);
                break;
            case 0x90:
                Put(lastData == 0
                    ? new MidiEvent(offsetFrames, MidiEventType.NoteOff, channel, d1, 64, 0, 0)
                    : new MidiEvent(offsetFrames, MidiEventType.NoteOn, channel, d1, lastData, 0, 0), output, ref written);
                break;
            case 0xA0:
                Put(new MidiEvent(offsetFrames, MidiEventType.PolyPressure, channel, d1, lastData, 0, 0), output, ref written);
                break;
            case 0xB0:
                ControlChange(channel, d1, lastData, offsetFrames, output, ref written);
                break;
            case 0xC0:
                Put(new MidiEvent(offsetFrames, MidiEventType.ProgramChange, channel, d1, 0, 0, 0), output, ref written);
                break;
            case 0xD0:
                Put(new MidiEvent(offsetFrames, MidiEventType.ChannelPressure, channel, d1, 0, 0, 0), output, ref written);
                break;
            default: // 0xE0
                Put(new MidiEvent(offsetFrames, MidiEventType.PitchBend, channel, 0, 0, d1 | (lastData << 7), 0), output, ref written);
                break;
        }
    }

    private void ControlChange(int channel, int controller, int value, int offsetFrames, Span<MidiEvent> output, ref int written)
    {
        int pairs = channel * 64;
        int value14;
        if (controller < 32)
        {
            _controllers[pairs + controller] = (byte)value;
            _controllers[pairs + controller + 32] = 0; // MIDI 1.0: an MSB sets the receiver's LSB to zero
            value14 = value << 7;
        }
        else if (controller < 64)
        {
            _controllers[pairs + controller] = (byte)value;
            value14 = (_controllers[pairs + controller - 32] << 7) | value;
        }
        else
        {
            value14 = value << 7;
        }

        Put(new MidiEvent(offsetFrames, MidiEventType.ControlChange, (byte)channel, (byte)controller, (byte)value, value14, 0), output, ref written);
        switch (controller)
        {
            case 101:
                _rpnMsb[channel] = (byte)value;
                Select(channel, nrpn: false);
                break;
            case 100:
                _rpnLsb[channel] = (byte)value;
                Select(channel, nrpn: false);
                break;
            case 99:
                _nrpnMsb[channel] = (byte)value;
                Select(channel, nrpn: true);
                break;
            case 98:
                _nrpnLsb[channel] = (byte)value;
                Select(channel, nrpn: true);
                break;
            case 6: // data entry MSB (the pair's LSB is now zero)
            case 38: // data entry LSB
                SetParameter(channel, value14, offsetFrames, output, ref written);
                break;
            case 96: // data increment, data decrement: one step of the 14-bit value
            case 97:
                if (CurrentParameterValue(channel) is int current and >= 0)
                    SetParameter(channel, Math.Clamp(current + (controller == 96 ? 1 : -1), 0, 0x3FFF), offsetFrames, output, ref written);
                break;
            case 121: // reset all controllers (RP-015): selections null, pairs to defaults, volume and pan kept
                ResetChannel(channel, keepVolumeAndPan: true);
                break;
            default:
                break;
        }
    }

    private void Select(int channel, bool nrpn)
    {
        int number = nrpn ? (_nrpnMsb[channel] << 7) | _nrpnLsb[channel] : (_rpnMsb[channel] << 7) | _rpnLsb[channel];
        _selection[channel] = number == NullParameter ? NullParameter : number | (nrpn ? 1 << 14 : 0);
        if (nrpn)
            _nrpnValue[channel] = -1; // unknown until written
    }

    private int? CurrentParameterValue(int channel)
    {
        int selection = _selection[channel];
        if (selection == NullParameter)
            return null;
        if (selection >= 1 << 14)
            return _nrpnValue[channel];
        return selection < KeptRegisteredParameters ? _registeredValues[(channel * KeptRegisteredParameters) + selection] : -1;
    }

    private void SetParameter(int channel, int value14, int offsetFrames, Span<MidiEvent> output, ref int written)
    {
        int selection = _selection[channel];
        if (selection == NullParameter)
            return;
        bool nrpn = selection >= 1 << 14;
        int number = selection & 0x3FFF;
        if (nrpn)
            _nrpnValue[channel] = value14;
        else if (number < KeptRegisteredParameters)
            _registeredValues[(channel * KeptRegisteredParameters) + number] = value14;
        Put(MidiEvent.Parameter(offsetFrames, channel, nrpn, number, value14), output, ref written);
    }

    private void ResetChannel(int channel, bool keepVolumeAndPan)
    {
        int pairs = channel * 64;
        byte bank = _controllers[pairs], bankLsb = _controllers[pairs + 32];
        byte volume = _controllers[pairs + 7], volumeLsb = _controllers[pairs + 39];
        byte pan = _controllers[pairs + 10], panLsb = _controllers[pairs + 42];
        Array.Clear(_controllers, pairs, 64);
        _controllers[pairs + 7] = keepVolumeAndPan ? volume : (byte)100;
        _controllers[pairs + 10] = keepVolumeAndPan ? pan : (byte)64;
        _controllers[pairs + 11] = 127;
        if (keepVolumeAndPan)
        {
            (_controllers[pairs], _controllers[pairs + 32]) = (bank, bankLsb);
            (_controllers[pairs + 39], _controllers[pairs + 42]) = (volumeLsb, panLsb);
        }
        else
        {
            // Power-on values of the registered parameters the engine keeps: bend range 2 semitones, tunings centred.
            var values = _registeredValues.AsSpan(channel * KeptRegisteredParameters, KeptRegisteredParameters);
            values.Fill(-1);
            values[0] = 2 << 7;
            values[1] = 8192;
            values[2] = 64 << 7;
        }

        _rpnMsb[channel] = _rpnLsb[channel] = _nrpnMsb[channel] = _nrpnLsb[channel] = 127;
        _selection[channel] = NullParameter;
        _nrpnValue[channel] = -1;
    }

    private void RealTime(byte b, int offsetFrames, Span<MidiEvent> output, ref int written)
    {
        if (b == 0xFF)
        {
            // System reset: every receiver back to power-on state, as a GM system on does in the engine.
            Count(ref _messages);
            ResetAllChannels();
            Put(MidiEvent.SysEx(offsetFrames, SysExKind.SystemReset), output, ref written);
            return;
        }

        Count(ref _unsupported); // clock, start, continue, stop, active sensing, undefined F9/FD
    }

    private void EndSysEx(int offsetFrames, Span<MidiEvent> output, ref int written)
    {
        int length = _sysExLength + 1;
        if (length > _sysEx.Length)
        {
            Count(ref _unsupported);
            return;
        }

        _sysEx[_sysExLength] = 0xF7;
        var message = _sysEx.AsSpan(0, length);
        if (!MidiEvent.TryParseSysEx(message, offsetFrames, out var e))
        {
            Count(ref MidiEvent.HasBadRolandChecksum(message) ? ref _malformed : ref _unsupported);
            return;
        }

        Count(ref _messages);
        if ((SysExKind)e.Data1 is SysExKind.GeneralMidiOn or SysExKind.GeneralMidi2On or SysExKind.GsReset or SysExKind.XgSystemOn)
            ResetAllChannels(); // the engine resets every channel: selections and pairs follow
        Put(e, output, ref written);
    }

    private void ResetAllChannels()
    {
        for (int c = 0; c < Channels; c++)
            ResetChannel(c, keepVolumeAndPan: false);
    }

    private void Put(in MidiEvent e, Span<MidiEvent> output, ref int written)
    {
        if (written < output.Length)
            output[written++] = e;
        else
            Count(ref _dropped);
    }

    private static int DataBytes(byte status) => status switch
    {
        < 0xC0 => 2,
        < 0xE0 => 1,
        < 0xF0 => 2,
        0xF2 => 2,
        0xF1 or 0xF3 => 1,
        _ => 0,
    };

    // Single writer (the decoder's thread); readers on other threads see whole values.
    private static void Count(ref long counter) => Volatile.Write(ref counter, counter + 1);
}

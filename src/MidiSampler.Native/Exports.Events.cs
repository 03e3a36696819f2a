using System.Runtime.InteropServices;
using MidiSampler.Engine;

namespace MidiSampler.Native;

/// <summary>
/// The event functions of the C API: one producer at a time on the sampler's ring (see
/// <see cref="NativeSampler.TryEnterProducer"/>), no allocation, no wait: the audio thread may call them.
/// </summary>
internal static unsafe partial class Exports
{
    /// <summary>ms_note_on: selects the instrument's program on its channel, then queues the note. One producer at a time.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_note_on")]
    public static int NoteOn(nint instrument, int note, int velocity, uint* voice)
    {
        if (voice != null)
            *voice = 0;
        if (Registry.Instruments.Get(instrument) is not { } target)
            return LastError.Fail(NativeStatus.InvalidHandle, "ms_note_on: not a live instrument (NULL, never created, or destroyed)");
        if (note is < 0 or > 127 || velocity is < 0 or > 127)
            return LastError.Fail(NativeStatus.InvalidArgument, "ms_note_on: note and velocity must be within 0..127");
        var s = target.Sampler;
        if (!s.TryEnterProducer())
            return Busy("ms_note_on" + BusyText);
        try
        {
            var engine = s.Engine;
            if (velocity == 0)
                return engine.NoteOff(target.Channel, note) ? 0 : Full("ms_note_on" + FullText);
            // The program change rides the same ring just before the note: another instrument (or raw MIDI) may have
            // selected a different program on this channel since.
            if (!engine.ProgramChange(target.Channel, target.Program))
                return Full("ms_note_on" + FullText);
            var handle = engine.NoteOn(target.Channel, note, velocity);
            if (!handle.IsValid)
                return Full("ms_note_on" + FullText);
            if (voice != null)
                *voice = (uint)handle.NoteId;
            return 0;
        }
        finally
        {
            s.ExitProducer();
        }
    }

    /// <summary>ms_note_off. One producer at a time.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_note_off")]
    public static int NoteOff(nint instrument, int note)
    {
        if (Registry.Instruments.Get(instrument) is not { } target)
            return LastError.Fail(NativeStatus.InvalidHandle, "ms_note_off: not a live instrument (NULL, never created, or destroyed)");
        if (note is < 0 or > 127)
            return LastError.Fail(NativeStatus.InvalidArgument, "ms_note_off: note must be within 0..127");
        var s = target.Sampler;
        if (!s.TryEnterProducer())
            return Busy("ms_note_off" + BusyText);
        try
        {
            return s.Engine.NoteOff(target.Channel, note) ? 0 : Full("ms_note_off" + FullText);
        }
        finally
        {
            s.ExitProducer();
        }
    }

    /// <summary>ms_voice_off: releases the voices of one ms_note_on. One producer at a time.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_voice_off")]
    public static int VoiceOff(nint instrument, uint voice)
    {
        if (Registry.Instruments.Get(instrument) is not { } target)
            return LastError.Fail(NativeStatus.InvalidHandle, "ms_voice_off: not a live instrument (NULL, never created, or destroyed)");
        if (voice == 0 || voice > int.MaxValue)
            return LastError.Fail(NativeStatus.InvalidArgument, "ms_voice_off: not a voice from ms_note_on");
        var s = target.Sampler;
        if (!s.TryEnterProducer())
            return Busy("ms_voice_off" + BusyText);
        try
        {
            return s.Engine.NoteOff(new VoiceHandle((int)voice)) ? 0 : Full("ms_voice_off" + FullText);
        }
        finally
        {
            s.ExitProducer();
        }
    }

    /// <summary>ms_send_midi: one raw MIDI message through the engine's decoder. One producer at a time.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_send_midi")]
    public static int SendMidi(nint sampler, byte* bytes, nuint length, uint offsetFrames)
    {
        if (Registry.Samplers.Get(sampler) is not { } s)
            return LastError.Fail(NativeStatus.InvalidHandle, "ms_send_midi: not a live sampler (NULL, never created, or destroyed)");
        if (bytes == null)
            return LastError.Fail(NativeStatus.NullArgument, "ms_send_midi: bytes is NULL");
        if (length == 0 || length > 65_536)
            return LastError.Fail(NativeStatus.InvalidArgument, "ms_send_midi: length must be 1..65536 bytes");
        if (offsetFrames >= (uint)s.BlockFrames)
            return LastError.Fail(NativeStatus.InvalidArgument, "ms_send_midi: offset_frames is beyond the block (buffer_size)");
        if (!s.TryEnterProducer())
            return Busy("ms_send_midi" + BusyText);
        try
        {
            // Bytes the engine ignores or a message continued in the next call are no error: the decoder counts them.
            return s.Engine.SendMidi(new ReadOnlySpan<byte>(bytes, (int)length), (int)offsetFrames) ? 0 : Full("ms_send_midi" + FullText);
        }
        finally
        {
            s.ExitProducer();
        }
    }

    /// <summary>ms_panic. One producer at a time.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_panic")]
    public static int Panic(nint sampler)
    {
        if (Registry.Samplers.Get(sampler) is not { } s)
            return LastError.Fail(NativeStatus.InvalidHandle, "ms_panic: not a live sampler (NULL, never created, or destroyed)");
        if (!s.TryEnterProducer())
            return Busy("ms_panic" + BusyText);
        try
        {
            return s.Engine.Panic() ? 0 : Full("ms_panic" + FullText);
        }
        finally
        {
            s.ExitProducer();
        }
    }

    // Constant messages (folded at compile time, no formatting): these paths may run on the audio thread.
    private const string BusyText = ": another thread was queuing an event on this sampler (one producer at a time)";
    private const string FullText = ": the event ring is full (the event was dropped and counted); render blocks to drain it";

    private static int Busy(string message) => LastError.Fail(NativeStatus.Busy, message);

    private static int Full(string message) => LastError.Fail(NativeStatus.QueueFull, message);
}

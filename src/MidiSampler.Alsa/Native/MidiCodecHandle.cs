using Microsoft.Win32.SafeHandles;

namespace MidiSampler.Alsa.Native;

/// <summary>Owns a <c>snd_midi_event_t*</c> (alsa-lib's MIDI byte codec) from <c>snd_midi_event_new</c>.</summary>
internal sealed unsafe class MidiCodecHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public MidiCodecHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The raw pointer (valid while this handle is alive).</summary>
    public snd_midi_event_t* Pointer => (snd_midi_event_t*)handle;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibAsound.snd_midi_event_free((snd_midi_event_t*)handle);
        return true;
    }
}

using Microsoft.Win32.SafeHandles;

namespace MidiSampler.Jack.Native;

/// <summary>Owns a <c>jack_client_t*</c>; releasing it calls <c>jack_client_close</c> (which also deactivates).</summary>
internal sealed unsafe class JackClientHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public JackClientHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The raw pointer, for the calls made on the audio thread (no SafeHandle ref-counting there).</summary>
    public jack_client_t* Pointer => (jack_client_t*)handle;

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => LibJack.jack_client_close((jack_client_t*)handle) == 0;
}

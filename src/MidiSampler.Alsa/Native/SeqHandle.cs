using Microsoft.Win32.SafeHandles;

namespace MidiSampler.Alsa.Native;

/// <summary>Owns a <c>snd_seq_t*</c>; releasing it calls <c>snd_seq_close</c> (which removes the client and its ports).</summary>
internal sealed unsafe class SeqHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SeqHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The raw pointer (valid while this handle is alive).</summary>
    public snd_seq_t* Pointer => (snd_seq_t*)handle;

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => LibAsound.snd_seq_close((snd_seq_t*)handle) == 0;
}

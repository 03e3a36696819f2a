using Microsoft.Win32.SafeHandles;

namespace MidiSampler.Alsa.Native;

/// <summary>Owns a <c>snd_seq_client_info_t*</c>.</summary>
internal sealed unsafe class ClientInfoHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public ClientInfoHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The raw pointer (valid while this handle is alive).</summary>
    public snd_seq_client_info_t* Pointer => (snd_seq_client_info_t*)handle;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibAsound.snd_seq_client_info_free((snd_seq_client_info_t*)handle);
        return true;
    }
}

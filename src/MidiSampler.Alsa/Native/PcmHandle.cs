using Microsoft.Win32.SafeHandles;

namespace MidiSampler.Alsa.Native;

/// <summary>Owns a <c>snd_pcm_t*</c>; releasing it calls <c>snd_pcm_close</c>.</summary>
internal sealed unsafe class PcmHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public PcmHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The raw pointer (valid while this handle is alive).</summary>
    public snd_pcm_t* Pointer => (snd_pcm_t*)handle;

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => LibAsound.snd_pcm_close((snd_pcm_t*)handle) == 0;
}

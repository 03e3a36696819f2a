using Microsoft.Win32.SafeHandles;

namespace MidiSampler.Alsa.Native;

/// <summary>Owns a <c>snd_pcm_sw_params_t*</c> from <c>snd_pcm_sw_params_malloc</c>.</summary>
internal sealed unsafe class SwParamsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SwParamsHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The raw pointer (valid while this handle is alive).</summary>
    public snd_pcm_sw_params_t* Pointer => (snd_pcm_sw_params_t*)handle;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibAsound.snd_pcm_sw_params_free((snd_pcm_sw_params_t*)handle);
        return true;
    }
}

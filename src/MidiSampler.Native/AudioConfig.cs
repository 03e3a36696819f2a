using System.Runtime.InteropServices;

namespace MidiSampler.Native;

/// <summary>ms_audio_config_t: the layout C sees (four uint32_t).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct AudioConfig
{
    /// <summary>sample_rate, Hz.</summary>
    public uint SampleRate;

    /// <summary>channels, 1 or 2 (0 = 2).</summary>
    public uint Channels;

    /// <summary>max_polyphony (0 = 256).</summary>
    public uint MaxPolyphony;

    /// <summary>buffer_size, frames (0 = 4096).</summary>
    public uint BufferSize;
}

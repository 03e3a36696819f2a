using System.Runtime.InteropServices;

namespace MidiSampler.Native;

/// <summary>ms_stats_t: every statistic of a sampler, in the layout C sees.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeStats
{
    /// <summary>frames_processed.</summary>
    public ulong FramesProcessed;

    /// <summary>blocks_processed.</summary>
    public ulong BlocksProcessed;

    /// <summary>xruns.</summary>
    public ulong Xruns;

    /// <summary>dropped_events.</summary>
    public ulong DroppedEvents;

    /// <summary>stolen_voices.</summary>
    public ulong StolenVoices;

    /// <summary>active_voices.</summary>
    public uint ActiveVoices;

    /// <summary>peak_voices.</summary>
    public uint PeakVoices;

    /// <summary>last_block_microseconds.</summary>
    public double LastBlockMicroseconds;

    /// <summary>mean_block_microseconds.</summary>
    public double MeanBlockMicroseconds;

    /// <summary>max_block_microseconds.</summary>
    public double MaxBlockMicroseconds;

    /// <summary>dsp_load.</summary>
    public double DspLoad;

    /// <summary>peak_level.</summary>
    public float PeakLevel;
}

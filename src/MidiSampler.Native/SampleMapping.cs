using System.Runtime.InteropServices;

namespace MidiSampler.Native;

/// <summary>ms_sample_metadata_t: how one sample maps onto the keyboard; zero fields take the defaults the header states.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SampleMapping
{
    /// <summary>root_note: key of the recorded pitch, or -1 for the file's own.</summary>
    public int RootNote;

    /// <summary>low_note.</summary>
    public int LowNote;

    /// <summary>high_note (0 = 127).</summary>
    public int HighNote;

    /// <summary>low_velocity.</summary>
    public int LowVelocity;

    /// <summary>high_velocity (0 = 127).</summary>
    public int HighVelocity;

    /// <summary>tune_cents.</summary>
    public float TuneCents;

    /// <summary>gain_db.</summary>
    public float GainDb;

    /// <summary>pan, -100..100.</summary>
    public float Pan;

    /// <summary>attack_seconds.</summary>
    public float AttackSeconds;

    /// <summary>release_seconds (0 = 1 ms).</summary>
    public float ReleaseSeconds;

    /// <summary>loop_mode (ms_loop_mode_t).</summary>
    public int LoopMode;

    /// <summary>loop_start, frames.</summary>
    public long LoopStart;

    /// <summary>loop_end, frames (0 = the last frame).</summary>
    public long LoopEnd;
}

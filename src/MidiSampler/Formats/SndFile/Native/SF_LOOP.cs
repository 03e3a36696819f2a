using System.Runtime.InteropServices;

namespace MidiSampler.Formats.SndFile.Native;

#pragma warning disable CS8981, IDE1006 // the C names are kept exactly

/// <summary>One element of <c>SF_INSTRUMENT.loops</c> (sndfile.h; an anonymous struct there).</summary>
/// <remarks>
/// <c>end</c> is exclusive: libsndfile adds 1 to the WAV smpl chunk's inclusive dwEnd (wav.c, wav_read_smpl_chunk) and
/// keeps AIFF marker positions as they are (markers sit between frames, so the end marker is after the last looped frame).
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct SF_LOOP
{
    /// <summary>SF_LOOP_NONE, SF_LOOP_FORWARD, SF_LOOP_BACKWARD or SF_LOOP_ALTERNATING.</summary>
    public int mode;

    public uint start;

    public uint end;

    public uint count;
}

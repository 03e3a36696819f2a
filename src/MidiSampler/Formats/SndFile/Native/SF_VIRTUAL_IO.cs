using System.Runtime.InteropServices;

namespace MidiSampler.Formats.SndFile.Native;

#pragma warning disable CS8981, IDE1006 // the C names are kept exactly

/// <summary>
/// <c>SF_VIRTUAL_IO</c> (sndfile.h): the callbacks through which <c>sf_open_virtual</c> reads a stream instead of a file.
/// libsndfile copies the struct when opening, so it may live on the stack; the <c>user_data</c> it is given must live
/// until <c>sf_close</c>. sf_count_t is int64.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SF_VIRTUAL_IO
{
    public delegate* unmanaged[Cdecl]<void*, long> get_filelen;

    public delegate* unmanaged[Cdecl]<long, int, void*, long> seek;

    public delegate* unmanaged[Cdecl]<void*, long, void*, long> read;

    /// <summary>Unused for reading (may be null in SFM_READ mode).</summary>
    public delegate* unmanaged[Cdecl]<void*, long, void*, long> write;

    public delegate* unmanaged[Cdecl]<void*, long> tell;
}

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MidiSampler.Formats.SndFile.Native;

/// <summary>
/// Owns a <c>SNDFILE*</c> opened with <c>sf_open_virtual</c> and the <see cref="GCHandle"/> that its callbacks reach
/// their stream through: releasing it calls <c>sf_close</c> first, then frees the GCHandle, so the callbacks can never
/// run against a freed handle.
/// </summary>
internal sealed unsafe class SndFileHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private GCHandle _userData;

    /// <summary>Wraps an open <paramref name="sndfile"/> whose user_data is <paramref name="userData"/>; takes ownership of both.</summary>
    public SndFileHandle(SNDFILE* sndfile, GCHandle userData)
        : base(ownsHandle: true)
    {
        SetHandle((nint)sndfile);
        _userData = userData;
    }

    /// <summary>Used by the interop marshaller.</summary>
    public SndFileHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        int result = LibSndFile.sf_close((SNDFILE*)handle);
        if (_userData.IsAllocated)
            _userData.Free();
        return result == 0;
    }
}

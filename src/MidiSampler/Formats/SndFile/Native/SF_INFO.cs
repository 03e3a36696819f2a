using System.Runtime.InteropServices;

namespace MidiSampler.Formats.SndFile.Native;

#pragma warning disable CS8981, IDE1006 // the C names are kept exactly

/// <summary><c>SF_INFO</c> (sndfile.h): what <c>sf_open_virtual</c> reports about a stream it opened for reading.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SF_INFO
{
    /// <summary>sf_count_t (int64 on every Linux build): frames, or <see cref="LibSndFile.SF_COUNT_MAX"/> when unknown.</summary>
    public long frames;

    public int samplerate;

    public int channels;

    /// <summary>Major format (container, <see cref="LibSndFile.SF_FORMAT_TYPEMASK"/>) OR-ed with the subtype (codec).</summary>
    public int format;

    public int sections;

    public int seekable;
}

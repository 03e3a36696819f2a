using System.Runtime.InteropServices;

namespace MidiSampler.Formats.SndFile.Native;

#pragma warning disable IDE1006, CA1707 // C names and constants kept exactly

/// <summary>
/// libsndfile (sndfile.h), the C names and constants kept exactly. Debian package <c>libsndfile1</c>, soname
/// <c>libsndfile.so.1</c>. Control or loader thread only: every call may do I/O through the virtual-IO callbacks.
/// </summary>
/// <remarks>
/// Return codes are checked by <see cref="SndFileDecoder"/>, which turns them into <see cref="InstrumentLoadException"/>s.
/// A missing library surfaces as <see cref="DllNotFoundException"/> on the first call; <see cref="SndFileLibrary"/>
/// checks for it up front so that the message can say which package to install.
/// </remarks>
internal static unsafe partial class LibSndFile
{
    /// <summary>The soname of libsndfile 1.x (the only ABI there has been since 2002).</summary>
    public const string Library = "libsndfile.so.1";

    public const int SFM_READ = 0x10;

    public const long SF_COUNT_MAX = long.MaxValue;

    public const int SF_FORMAT_WAV = 0x010000;
    public const int SF_FORMAT_AIFF = 0x020000;
    public const int SF_FORMAT_W64 = 0x0B0000;
    public const int SF_FORMAT_WAVEX = 0x130000;
    public const int SF_FORMAT_FLAC = 0x170000;
    public const int SF_FORMAT_CAF = 0x180000;
    public const int SF_FORMAT_RF64 = 0x220000;
    public const int SF_FORMAT_OGG = 0x200000;

    public const int SF_FORMAT_VORBIS = 0x0060;
    public const int SF_FORMAT_OPUS = 0x0064;

    public const int SF_FORMAT_SUBMASK = 0x0000FFFF;
    public const int SF_FORMAT_TYPEMASK = 0x0FFF0000;

    public const int SFC_GET_INSTRUMENT = 0x10D0;

    public const int SF_TRUE = 1;

    public const int SF_LOOP_NONE = 800;
    public const int SF_LOOP_FORWARD = 801;
    public const int SF_LOOP_BACKWARD = 802;
    public const int SF_LOOP_ALTERNATING = 803;

    public const int SEEK_SET = 0;
    public const int SEEK_CUR = 1;
    public const int SEEK_END = 2;

    [LibraryImport(Library)]
    public static partial SNDFILE* sf_open_virtual(SF_VIRTUAL_IO* sfvirtual, int mode, SF_INFO* sfinfo, void* user_data);

    /// <summary>Moves the read position to frame <paramref name="frames"/> (whence SEEK_SET); returns the new position or -1.</summary>
    [LibraryImport(Library)]
    public static partial long sf_seek(SndFileHandle sndfile, long frames, int whence);

    [LibraryImport(Library)]
    public static partial long sf_readf_float(SndFileHandle sndfile, float* ptr, long frames);

    [LibraryImport(Library)]
    public static partial int sf_command(SndFileHandle sndfile, int command, void* data, int datasize);

    [LibraryImport(Library)]
    public static partial int sf_error(SndFileHandle sndfile);

    /// <summary>The error text of <paramref name="sndfile"/>, or with null the last failed open's (a process-wide string).</summary>
    [LibraryImport(Library)]
    public static partial byte* sf_strerror(SNDFILE* sndfile);

    [LibraryImport(Library)]
    public static partial int sf_close(SNDFILE* sndfile);

    [LibraryImport(Library)]
    public static partial byte* sf_version_string();
}

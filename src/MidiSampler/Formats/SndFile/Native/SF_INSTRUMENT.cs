using System.Runtime.InteropServices;

namespace MidiSampler.Formats.SndFile.Native;

#pragma warning disable CS8981, IDE1006 // the C names are kept exactly

/// <summary>
/// <c>SF_INSTRUMENT</c> (sndfile.h), filled by <c>sf_command(SFC_GET_INSTRUMENT)</c> from a WAV <c>smpl</c> chunk or an
/// AIFF <c>INST</c>/<c>MARK</c> pair. 272 bytes: the six chars end at offset 10, so two pad bytes precede loop_count.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SF_INSTRUMENT
{
    /// <summary>Gain in dB (AIFF INST gain; libsndfile sets 1 for WAV).</summary>
    public int gain;

    /// <summary>MIDI root key.</summary>
    public sbyte basenote;

    /// <summary>Cents. AIFF: the playback correction (negative lowers the pitch); WAV: the smpl pitch fraction.</summary>
    public sbyte detune;

    public sbyte velocity_lo;

    public sbyte velocity_hi;

    public sbyte key_lo;

    public sbyte key_hi;

    public int loop_count;

    public SF_LOOPS loops;
}

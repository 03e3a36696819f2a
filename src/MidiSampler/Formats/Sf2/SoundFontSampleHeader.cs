namespace MidiSampler.Formats.Sf2;

/// <summary>
/// One sample header as stored in <c>shdr</c> (spec section 7.10), unvalidated: positions are in sample data points
/// from the start of <c>smpl</c> (for SF3 compressed samples, <see cref="Start"/>/<see cref="End"/> are byte offsets of
/// the Ogg stream and the loop points are relative to the decoded sample). Any thread: immutable.
/// </summary>
/// <param name="Name">achSampleName, up to 20 characters.</param>
/// <param name="Start">dwStart: the first data point.</param>
/// <param name="End">dwEnd: the first data point after the sample (exclusive; FluidSynth shows <c>End - 1</c>).</param>
/// <param name="StartLoop">dwStartloop: the first point of the loop.</param>
/// <param name="EndLoop">dwEndloop: the first point after the loop (exclusive).</param>
/// <param name="SampleRate">dwSampleRate, in Hz.</param>
/// <param name="OriginalPitch">byOriginalPitch: the MIDI key of the recorded pitch; 255 means unpitched (use 60).</param>
/// <param name="PitchCorrection">chPitchCorrection, in cents.</param>
/// <param name="SampleLink">wSampleLink: the other channel of a stereo pair, as a sample header index.</param>
/// <param name="SampleType">sfSampleType bits.</param>
public sealed record SoundFontSampleHeader(
    string Name,
    uint Start,
    uint End,
    uint StartLoop,
    uint EndLoop,
    uint SampleRate,
    byte OriginalPitch,
    sbyte PitchCorrection,
    ushort SampleLink,
    SoundFontSampleType SampleType)
{
    /// <summary>True when the data is in ROM rather than in the file.</summary>
    public bool IsRom => (SampleType & SoundFontSampleType.Rom) != 0;

    /// <summary>True for an SF3 Ogg Vorbis compressed sample.</summary>
    public bool IsCompressed => (SampleType & SoundFontSampleType.Vorbis) != 0;
}

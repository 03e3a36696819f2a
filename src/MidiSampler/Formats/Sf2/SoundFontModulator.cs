namespace MidiSampler.Formats.Sf2;

/// <summary>
/// One modulator as stored in a <c>pmod</c>/<c>imod</c> record (spec sections 7.4 and 8.2-8.4). Kept raw: the
/// source words pack index, continuous-controller flag, direction, polarity and curve type (section 8.2).
/// Any thread: immutable.
/// </summary>
/// <param name="Source">sfModSrcOper: the primary source.</param>
/// <param name="DestinationRaw">sfModDestOper: a generator number, or a modulator link when bit 15 is set.</param>
/// <param name="Amount">modAmount: the scale, in the destination's units.</param>
/// <param name="AmountSource">sfModAmtSrcOper: the secondary source that scales the amount.</param>
/// <param name="Transform">sfModTransOper: 0 linear, 2 absolute value.</param>
public readonly record struct SoundFontModulator(ushort Source, ushort DestinationRaw, short Amount, ushort AmountSource, ushort Transform)
{
    /// <summary>The destination generator, when the destination is not a modulator link.</summary>
    public SoundFontGeneratorType? Destination => (DestinationRaw & 0x8000) == 0 ? (SoundFontGeneratorType)DestinationRaw : null;

    /// <summary>Source index (bits 0-6 of <see cref="Source"/>): a general controller, or a MIDI CC number when <see cref="SourceIsController"/>.</summary>
    public int SourceIndex => Source & 0x7F;

    /// <summary>True when the source is a MIDI continuous controller (the CC flag, bit 7).</summary>
    public bool SourceIsController => (Source & 0x80) != 0;

    /// <summary>True when the source runs from max to min (the D flag, bit 8).</summary>
    public bool SourceIsNegative => (Source & 0x100) != 0;

    /// <summary>True when the source is bipolar, -1..1 (the P flag, bit 9).</summary>
    public bool SourceIsBipolar => (Source & 0x200) != 0;

    /// <summary>The source curve (bits 10-15): 0 linear, 1 concave, 2 convex, 3 switch.</summary>
    public int SourceCurve => Source >> 10;
}

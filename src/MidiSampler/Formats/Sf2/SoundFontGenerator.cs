namespace MidiSampler.Formats.Sf2;

/// <summary>
/// One generator as stored in a <c>pgen</c>/<c>igen</c> record (spec section 7.5): an operator and a 16-bit amount
/// whose meaning depends on the operator (signed, unsigned, or a low/high byte range). Any thread: immutable.
/// </summary>
/// <param name="Type">The operator. May be a number outside <see cref="SoundFontGeneratorType"/>'s named values only in
/// <see cref="SoundFontZone"/>'s raw lists, never after validation.</param>
/// <param name="RawAmount">The amount's 16 bits, as stored.</param>
public readonly record struct SoundFontGenerator(SoundFontGeneratorType Type, ushort RawAmount)
{
    /// <summary>The amount as a signed 16-bit value (shAmount).</summary>
    public short Signed => unchecked((short)RawAmount);

    /// <summary>The amount as an unsigned 16-bit value (wAmount).</summary>
    public ushort Unsigned => RawAmount;

    /// <summary>The low byte of a range amount (ranges.byLo).</summary>
    public byte RangeLow => (byte)(RawAmount & 0xFF);

    /// <summary>The high byte of a range amount (ranges.byHi).</summary>
    public byte RangeHigh => (byte)(RawAmount >> 8);

    /// <summary>True for the operators whose amount is a range (keyRange, velRange).</summary>
    public bool IsRange => Type is SoundFontGeneratorType.KeyRange or SoundFontGeneratorType.VelRange;

    /// <summary>True for the operators whose amount is unsigned (instrument, sampleID, sampleModes, the ranges).</summary>
    public bool IsUnsigned => IsRange || Type is SoundFontGeneratorType.Instrument or SoundFontGeneratorType.SampleId
        or SoundFontGeneratorType.SampleModes;

    /// <summary>The amount as a number: unsigned for index, mode and range operators (ranges as their 16 bits), signed otherwise.</summary>
    public int Value => IsUnsigned ? Unsigned : Signed;
}

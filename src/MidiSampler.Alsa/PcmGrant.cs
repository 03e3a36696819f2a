namespace MidiSampler.Alsa;

/// <summary>What an ALSA playback device granted, beside what was asked.</summary>
/// <param name="Device">The PCM name opened (<c>default</c>, <c>hw:1,0</c>, <c>plughw:CARD=Device</c> ...).</param>
/// <param name="Format">The sample format chosen (alsa-lib's name: FLOAT_LE, S32_LE, S24_3LE, S24_LE or S16_LE).</param>
/// <param name="OfferedFormats">Of those five, the ones the device offered, in our order of preference.</param>
/// <param name="SampleRate">The granted rate in Hz.</param>
/// <param name="RequestedSampleRate">The rate asked for, in Hz.</param>
/// <param name="Channels">The granted channel count (the stereo mix goes to the first two; more are silent).</param>
/// <param name="PeriodFrames">The granted period in frames.</param>
/// <param name="RequestedPeriodFrames">The period asked for, in frames.</param>
/// <param name="Periods">The granted number of periods in the buffer.</param>
/// <param name="BufferFrames">The granted buffer in frames.</param>
public sealed record PcmGrant(
    string Device,
    string Format,
    IReadOnlyList<string> OfferedFormats,
    int SampleRate,
    int RequestedSampleRate,
    int Channels,
    int PeriodFrames,
    int RequestedPeriodFrames,
    int Periods,
    int BufferFrames)
{
    /// <summary>The output latency the buffer adds, in milliseconds (buffer / rate).</summary>
    public double BufferMilliseconds => 1000.0 * BufferFrames / SampleRate;

    /// <summary>One line: "hw:1,0: S24_3LE (offered S32_LE, S24_3LE), 48000 Hz, 2 channels, period 128 frames × 3 = 384 frames (8.0 ms)".</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{Device}: {Format} (offered {string.Join(", ", OfferedFormats)}), {SampleRate} Hz{(SampleRate != RequestedSampleRate ? $" (asked {RequestedSampleRate})" : "")}, {Channels} channels, period {PeriodFrames} frames{(PeriodFrames != RequestedPeriodFrames ? $" (asked {RequestedPeriodFrames})" : "")} x {Periods} = {BufferFrames} frames ({BufferMilliseconds:0.0} ms)");
}

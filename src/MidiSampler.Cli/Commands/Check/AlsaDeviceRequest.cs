namespace MidiSampler.Cli.Commands.Check;

/// <summary>An ALSA device for <c>check</c> to open, and what to ask of it.</summary>
internal sealed record AlsaDeviceRequest(string Device, int SampleRateHz, int PeriodFrames, int Periods);

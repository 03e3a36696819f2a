namespace MidiSampler.Alsa;

/// <summary>An ALSA sequencer port as <c>aconnect -l</c> shows it.</summary>
/// <param name="Client">The client number.</param>
/// <param name="Port">The port number.</param>
/// <param name="ClientName">The client's name ("Keystation 49").</param>
/// <param name="PortName">The port's name ("Keystation 49 MIDI 1").</param>
/// <param name="IsHardware">True for a port of a hardware device (SND_SEQ_PORT_TYPE_HARDWARE): a USB keyboard.</param>
public sealed record SeqPort(int Client, int Port, string ClientName, string PortName, bool IsHardware)
{
    /// <summary>"24:0 Keystation 49: Keystation 49 MIDI 1".</summary>
    public override string ToString() => FormattableString.Invariant($"{Client}:{Port} {ClientName}: {PortName}");
}

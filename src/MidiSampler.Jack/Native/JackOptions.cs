namespace MidiSampler.Jack.Native;

/// <summary><c>jack_options_t</c> (jack/types.h).</summary>
[Flags]
internal enum JackOptions
{
    JackNullOption = 0x00,
    JackNoStartServer = 0x01,
    JackUseExactName = 0x02,
    JackServerName = 0x04,
}

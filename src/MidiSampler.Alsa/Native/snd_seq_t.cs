namespace MidiSampler.Alsa.Native;

/// <summary>Opaque libasound type, only ever handled through a pointer.</summary>
internal struct snd_seq_t;

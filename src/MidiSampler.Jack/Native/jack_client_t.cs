namespace MidiSampler.Jack.Native;

/// <summary>Opaque <c>jack_client_t</c>: only ever used through a pointer.</summary>
internal struct jack_client_t;

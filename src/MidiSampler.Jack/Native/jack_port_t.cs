namespace MidiSampler.Jack.Native;

/// <summary>Opaque <c>jack_port_t</c>: only ever used through a pointer. Ports live as long as their client.</summary>
internal struct jack_port_t;

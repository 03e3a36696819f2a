namespace MidiSampler.Streaming;

/// <summary>A request on the audio-to-streamer ring: a voice started streaming through <see cref="Slot"/>.</summary>
/// <param name="Slot">The stream slot.</param>
/// <param name="Generation">The slot's generation at the start (a stale request for a reused slot is ignored).</param>
internal readonly record struct StreamRequest(int Slot, int Generation);

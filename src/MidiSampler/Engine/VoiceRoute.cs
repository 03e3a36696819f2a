namespace MidiSampler.Engine;

/// <summary>
/// Where a voice's sound goes, decided once when the voice starts (<see cref="Sampler"/>'s router): the rest of the
/// way, per run, depends only on the channel's CC91/CC93 sends, which move with the controllers.
/// </summary>
/// <param name="Bus">The bus buffer the voice renders into when its channel is routed: its MIDI channel, or with per-output
/// buses its region's <c>output</c> clamped to the buses there are.</param>
/// <param name="Rack">The voice feeds its instrument's SFZ &lt;effect&gt; rack (per-output buses: only voices on output 0).</param>
/// <param name="RegionSends">The region's own <c>effect1</c>/<c>effect2</c> reach the built-in reverb and chorus.</param>
internal readonly record struct VoiceRoute(int Bus, bool Rack, bool RegionSends);

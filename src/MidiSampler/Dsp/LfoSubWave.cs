namespace MidiSampler.Dsp;

/// <summary>
/// One sub-waveform of an LFO in the form <see cref="LfoState"/> reads: it adds <c>Offset + Scale × wave(phase)</c>, its
/// phase advancing at <c>Ratio</c> times the LFO's rate. <see cref="Wave"/> is numbered as <see cref="LfoWaveform"/>.
/// </summary>
internal readonly record struct LfoSubWave(int Wave, float Ratio, float Scale, float Offset);

namespace MidiSampler.Model;

/// <summary>
/// One sub-waveform of an LFO (ARIA <c>lfoN_waveX</c>, <c>lfoN_ratioX</c>, <c>lfoN_scaleX</c>, <c>lfoN_offsetX</c>): it adds
/// <c>Offset + Scale × wave(phase)</c> to the LFO's output, its phase running at <c>Ratio</c> times the LFO's rate.
/// </summary>
/// <param name="Wave">Waveform, numbered as <see cref="FlexLfo.Wave"/> (0..7).</param>
/// <param name="Ratio">Rate multiplier (sfizz's default 1, range 0..100).</param>
/// <param name="Scale">Output multiplier (default 1).</param>
/// <param name="Offset">Added to the output, −1..1 of the depths (default 0).</param>
public readonly record struct FlexLfoSubWave(int Wave, double Ratio, double Scale, double Offset);

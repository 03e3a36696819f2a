namespace MidiSampler.Model;

/// <summary>
/// One route from an SFZ v2 LFO or flex EG (the source, which carries the route) to another LFO of the same region
/// (sfz.org, LFO: "lfo03_freq_lfo01=1.3 would make LFO 03 add up to 1.3 Hertz to the frequency of LFO 01").
/// </summary>
/// <param name="TargetLfo">The target's SFZ number N (<c>lfoN_*</c>); a number the region does not define does nothing.</param>
/// <param name="Kind">Rate, depth (multiplied) or depth (added).</param>
/// <param name="Amount">Hz for <see cref="LfoModulationKind.FrequencyHz"/>, percent for the depth kinds.</param>
public readonly record struct LfoModulation(int TargetLfo, LfoModulationKind Kind, double Amount);

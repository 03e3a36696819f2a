namespace MidiSampler.Model;

/// <summary>
/// A controller crossfade (SFZ <c>xfin_loccN</c>/<c>xfin_hiccN</c>, <c>xfout_loccN</c>/<c>xfout_hiccN</c>): the
/// region's gain rises from 0 at <see cref="Low"/> to 1 at <see cref="High"/> (fade in) or falls from 1 to 0 (fade out).
/// </summary>
/// <param name="Controller">MIDI controller 0..127.</param>
/// <param name="Low">Controller value where the fade starts.</param>
/// <param name="High">Controller value where the fade ends.</param>
/// <param name="FadeIn">True for xfin (rising), false for xfout (falling).</param>
public readonly record struct CcCrossfade(int Controller, int Low, int High, bool FadeIn);

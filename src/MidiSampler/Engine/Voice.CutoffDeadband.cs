using System.Runtime.CompilerServices;
using MidiSampler.Dsp;

namespace MidiSampler.Engine;

/// <summary>The control tick's cutoff update, skipped while the cutoff moves by less than a few cents.</summary>
/// <remarks>
/// Design: a filter's new cutoff costs an exponential (cents → ratio), the prewarp (tan table) and its block
/// coefficients (<see cref="VoiceFilter.SetCutoff"/>): about half of a modulated voice's control tick, measured with
/// perf on the bench's filtered voice with three LFOs and a filter envelope. A slow filter LFO moves the cutoff by
/// about a cent a tick (300 cents at 2 Hz: at most 300 · 2π · 2 · 16 / 48,000 ≈ 1.3 cents). So the filter keeps its
/// coefficients until the tick's cutoff is <see cref="MaxCutoffDriftCents"/> (3 cents) or more from the one they were
/// made for, the bound the idle stride already allows a slowly gliding filter envelope (Voice.cs, class remarks).
/// Bound: the applied cutoff is always within 3 cents (0.17 %) of the exact one, idle or ticking: <see cref="TryIdle"/>
/// gives a gliding filter envelope only the drift left over, <see cref="CutoffDriftBudgetCents"/>. 3 cents is below
/// the ear's frequency discrimination even for pure tones (about 5 cents at best). In level, a cutoff shifted by it
/// changes a 12 dB/octave skirt by 12 · 3 / 1200 = 0.03 dB, and a resonant flank by at most 8.7 · Q · 0.0017 ≈ 0.015·Q dB
/// (the steepest slope of a 2-pole peak of quality Q is 8.7·Q dB per unit of relative detuning): 0.06 dB at 12 dB of
/// resonance, 0.15 dB at 20 dB. CutoffDeadbandTests checks the engine against a filter set exactly at every tick.
/// The filter sees steps of 3 cents instead of ~1 cent, which the TPT form's state carries across without a transient
/// worth hearing (VoiceFilter remarks). Moves of 3 cents and more
/// (envelope attacks and decays, controller jumps), a new resonance or type (<see cref="VoiceFilter.CutoffPending"/>)
/// and the note-on tick are applied at once, exactly as before.
/// </remarks>
internal sealed partial class Voice
{
    private float _cutoffAppliedCents; // the cents the filter's coefficients were made for
    private float _cutoffTickCents;    // the last tick's exact cents

    /// <summary>What is left of <see cref="MaxCutoffDriftCents"/> for an idle stride, after the cutoff's present staleness.</summary>
    private float CutoffDriftBudgetCents => MaxCutoffDriftCents - MathF.Abs(_cutoffTickCents - _cutoffAppliedCents);

    /// <summary>Gives the filter the tick's cutoff (<paramref name="cents"/> around the note-on cutoff) unless it moved by less than the bound.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ApplyCutoff(float cents, bool force)
    {
        _cutoffTickCents = cents;
        if (!force && !_filter.CutoffPending && MathF.Abs(cents - _cutoffAppliedCents) < MaxCutoffDriftCents)
            return;
        _cutoffAppliedCents = cents;
        _filter.SetCutoff(_cutoffScale * ControlMath.CentsToRatio(cents));
    }
}

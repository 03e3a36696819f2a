namespace MidiSampler.Engine;

/// <summary>Compiles the SFZ v2 controller-route shaping (<c>*_smoothccN</c>, <c>*_stepccN</c>) per route.</summary>
internal sealed partial class CompiledRegion
{
    /// <summary>
    /// Per entry of <see cref="CcModulations"/>, its step and smoothing; null when no route of the region has either, so
    /// a region without them pays one null check per tick.
    /// </summary>
    public CompiledCcShaping[]? CcShaping { get; }

    private CompiledCcShaping[]? CompileCcShaping(double outputRate)
    {
        if (!CcModulations.Any(m => IsShaped(m.SmoothMs) || IsShaped(m.Step)))
            return null;
        var shaping = new CompiledCcShaping[CcModulations.Length];
        int slots = 0;
        for (int c = 0; c < shaping.Length; c++)
        {
            var m = CcModulations[c];
            float step = IsShaped(m.Step) ? (float)m.Step : 0;
            int slot = -1;
            float coefficient = 1;
            // Past the voice's fixed smoothing state (no allocation on the audio thread) a route follows at once.
            if (IsShaped(m.SmoothMs) && slots < EngineLimits.MaxSmoothedCcRoutes)
            {
                slot = slots++;
                // One pole at control rate with time constant τ = SmoothMs (sfz.org smoothccN: "in milliseconds").
                coefficient = (float)(1 - Math.Exp(-Voice.ControlFrames / (m.SmoothMs * 0.001 * outputRate)));
            }

            // 1e-4 of the route's depth (0.12 cents of a 1200-cent route, 0.0024 dB of a 24 dB one, below hearing): the
            // glide settles after ln(10⁴) ≈ 9.2 time constants and the voice may idle again.
            shaping[c] = new CompiledCcShaping(step, coefficient, slot, (float)Math.Abs(m.Amount) * 1e-4f);
        }

        return shaping;
    }

    private static bool IsShaped(double value) => double.IsFinite(value) && value > 0;
}

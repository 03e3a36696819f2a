namespace MidiSampler.Dsp.Effects;

/// <summary>
/// A one-pole glide toward a target value, for effect parameters driven by controllers: a step of the target becomes
/// an exponential approach with a fixed time constant, so no parameter change clicks. Audio thread (lives inside an
/// effect); no allocation.
/// </summary>
/// <remarks>
/// Design: the usual "parameter smoothing" one-pole (y += (target − y)·k, k = 1 − e^(−1/(τ·rate))); the first call
/// after <see cref="Reset"/> jumps to its target, so an effect starts at its controllers' values instead of gliding
/// from the defaults. Near the target it snaps, so no denormal lingers.
/// </remarks>
internal struct ParameterSmoother
{
    private bool _primed;
    private double _current; // double: a float glide stalls once the step falls below half an ulp (0.4 s stuck 2 frames short)

    /// <summary>The current (smoothed) value.</summary>
    public readonly float Current => (float)_current;

    /// <summary>The per-frame coefficient for a glide with time constant <paramref name="seconds"/>.</summary>
    public static float Coefficient(double seconds, int sampleRate) =>
        seconds <= 0 ? 1 : (float)(1 - Math.Exp(-1.0 / (seconds * sampleRate)));

    /// <summary>Forgets the current value: the next call jumps to its target.</summary>
    public void Reset() => _primed = false;

    /// <summary>One frame toward <paramref name="target"/>.</summary>
    public float Next(float target, float coefficient)
    {
        if (!_primed)
        {
            _primed = true;
            _current = target;
            return target;
        }

        double d = target - _current;
        _current = Math.Abs(d) <= 1e-9 * Math.Max(1, Math.Abs(target)) ? target : _current + (d * coefficient);
        return (float)_current;
    }

    /// <summary><paramref name="frames"/> frames toward <paramref name="target"/> at once (for per-run coefficients).</summary>
    public float Advance(float target, int frames, float coefficient)
    {
        if (!_primed)
            return Next(target, coefficient); // primes: jumps to the target
        if (frames <= 0)
            return Current;
        return Next(target, 1 - MathF.Pow(1 - coefficient, frames)); // n one-frame steps in one

    }
}

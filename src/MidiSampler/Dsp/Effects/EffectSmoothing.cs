namespace MidiSampler.Dsp.Effects;

/// <summary>
/// Per-run parameter glide for bus effects: a one-pole step toward a controller's target with a 10 ms time constant,
/// whatever the run's length, snapping when close so that an idle parameter stops costing coefficient updates.
/// Any thread (pure).
/// </summary>
internal static class EffectSmoothing
{
    /// <summary>Time constant of the glide, in seconds.</summary>
    public const float TimeConstantSeconds = 0.01f;

    /// <summary>
    /// Frames between coefficient updates while a filter parameter glides: short enough that each step is inaudible
    /// (a +12 dB bell move starts with 0.2 dB steps at 48 kHz), long enough to keep the update cost small.
    /// </summary>
    public const int GlideFrames = 8;

    /// <summary>The fraction of the remaining distance covered in a run of <paramref name="frames"/>.</summary>
    public static float Step(int frames, float sampleRate) => 1 - MathF.Exp(-frames / (TimeConstantSeconds * sampleRate));

    /// <summary>Moves <paramref name="current"/> toward <paramref name="target"/> by <paramref name="step"/>; snaps within <paramref name="epsilon"/>.</summary>
    public static float Toward(float current, float target, float step, float epsilon)
    {
        float next = current + ((target - current) * step);
        return MathF.Abs(target - next) <= epsilon ? target : next;
    }
}

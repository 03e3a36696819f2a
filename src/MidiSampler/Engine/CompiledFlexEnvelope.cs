using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>A <see cref="FlexEnvelope"/> in frames at one output rate. Immutable after construction; read by the audio thread.</summary>
internal sealed class CompiledFlexEnvelope
{
    public CompiledFlexEnvelope(FlexEnvelope e, double outputRate)
    {
        int count = Math.Min(EngineLimits.MaxFlexEnvelopePoints, Math.Max(e.TimesSeconds.Count, e.Levels.Count));
        Frames = new int[count];
        Levels = new float[count];
        Shapes = new float[count];
        for (int i = 0; i < count; i++)
        {
            double seconds = i < e.TimesSeconds.Count && double.IsFinite(e.TimesSeconds[i]) ? Math.Clamp(e.TimesSeconds[i], 0, 100) : 0;
            Frames[i] = (int)Math.Round(seconds * outputRate);
            Shapes[i] = i < e.Shapes.Count && double.IsFinite(e.Shapes[i]) ? (float)Math.Clamp(e.Shapes[i], -100, 100) : 0;
            Levels[i] = i < e.Levels.Count && double.IsFinite(e.Levels[i]) ? (float)Math.Clamp(e.Levels[i], -1, 1) : 0;
        }

        SustainPoint = Math.Clamp(e.SustainPoint, 0, Math.Max(0, count - 1));
        AmplitudeFraction = (float)(Finite(e.AmplitudePercent) / 100);
        VolumeDb = (float)Finite(e.VolumeDb);
        PitchCents = (float)Finite(e.PitchCents);
        CutoffCents = (float)Finite(e.CutoffCents);
        PanPercent = (float)Finite(e.PanPercent);
        ResonanceDb = (float)Math.Clamp(Finite(e.ResonanceDb), -40, 40);
        WidthPercent = (float)Math.Clamp(Finite(e.WidthPercent), -200, 200);
        CurveTables = new float[]?[count];
        bool anyCurve = false;
        for (int i = 0; i < count && i < e.Curves.Count; i++)
        {
            if (e.Curves[i] is { Length: 128 } table)
            {
                CurveTables[i] = [.. table.Select(v => float.IsFinite(v) ? Math.Clamp(v, -1f, 2f) : 0f)];
                anyCurve = true;
            }
        }

        if (!anyCurve)
            CurveTables = null;
        // egN_loop: only to a point whose incoming segment takes time, so that a loop can never spin within one tick.
        LoopPoint = e.LoopPoint is int loop && loop >= 0 && loop < count && Frames[loop] > 0 ? loop : -1;
        Loops = e.LoopCount is int loops && loops >= 0 ? loops : -1;
    }

    /// <summary>egN_curveX: per point, the curve table shaping the segment reaching it; null when no point has one.</summary>
    public float[]?[]? CurveTables { get; }

    /// <summary>egN_resonance, dB.</summary>
    public float ResonanceDb { get; }

    /// <summary>egN_width, percent.</summary>
    public float WidthPercent { get; }

    /// <summary>egN_loop: the point to jump back to, or −1.</summary>
    public int LoopPoint { get; }

    /// <summary>egN_loop_count: the jumps back; −1 forever.</summary>
    public int Loops { get; }

    /// <summary>Per point, frames to reach it from the previous one.</summary>
    public int[] Frames { get; }

    /// <summary>Per point, its level.</summary>
    public float[] Levels { get; }

    /// <summary>Per point, the bend of the segment reaching it (egN_shapeX; 0 linear).</summary>
    public float[] Shapes { get; }

    public int SustainPoint { get; }

    public float AmplitudeFraction { get; }

    public float VolumeDb { get; }

    public float PitchCents { get; }

    public float CutoffCents { get; }

    public float PanPercent { get; }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}

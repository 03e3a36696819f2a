using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>An <see cref="Lfo"/> in frames at one output rate. Immutable; read by the audio thread.</summary>
internal readonly struct CompiledLfo
{
    public CompiledLfo(Lfo lfo, double outputRate)
    {
        DelayFrames = Frames(lfo.DelaySeconds, outputRate);
        FadeFrames = Frames(lfo.FadeSeconds, outputRate);
        FrequencyHz = (float)Math.Clamp(double.IsFinite(lfo.FrequencyHz) ? lfo.FrequencyHz : 0, 0, 1000);
        Depth = (float)(double.IsFinite(lfo.Depth) ? lfo.Depth : 0);
    }

    public int DelayFrames { get; }

    public int FadeFrames { get; }

    public float FrequencyHz { get; }

    public float Depth { get; }

    /// <summary>True when the LFO moves its destination without controllers.</summary>
    public bool Active => Depth != 0;

    private static int Frames(double seconds, double rate) =>
        seconds > 0 && double.IsFinite(seconds) ? (int)Math.Min(Math.Round(Math.Min(seconds, 100) * rate), int.MaxValue / 2) : 0;
}

using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// A <see cref="Region"/> turned into the numbers a voice needs at one output rate: linear gains,
/// frame limits, envelope frames and coefficients. Built on the control thread when an instrument is
/// installed; read-only on the audio thread.
/// </summary>
internal sealed class CompiledRegion
{
    public CompiledRegion(Region region, int index, double outputRate)
    {
        Source = region;
        Index = index;
        Sample = region.Sample;
        Data = region.Sample.Data;
        Stereo = region.Sample.Channels == 2;
        RateRatio = region.Sample.SampleRate / outputRate;
        KeyCenter = region.PitchKeyCenter;
        KeytrackCents = Finite(region.PitchKeytrackCents, 100);
        TuneCents = Finite(region.TuneCents, 0) + (region.Transpose * 100.0);
        Gain = (float)Math.Pow(10, Math.Clamp(Finite(region.VolumeDb, 0), -144, 24) / 20);
        double pan = Math.Clamp(Finite(region.Pan, 0), -100, 100) / 100;
        (PanLeft, PanRight) = PanLaw(pan, Stereo);
        VeltrackPercent = Math.Clamp(Finite(region.AmpVeltrackPercent, 100), -100, 100);
        End = Math.Max(0, region.EffectiveEnd);
        Offset = Math.Clamp(region.Offset, 0, End + 1);
        LoopMode = region.LoopMode;
        LoopStart = Math.Clamp(region.LoopStart, 0, End);
        LoopEnd = Math.Clamp(region.LoopEnd, 0, End);
        if (LoopMode is LoopMode.LoopContinuous or LoopMode.LoopSustain && LoopEnd <= LoopStart)
            LoopMode = LoopMode.NoLoop; // a zero-length or inverted loop cannot play; the loader warns
        Envelope = new EnvelopeParameters(region.AmpEnvelope, outputRate);
        Trigger = region.Trigger;
        SeqLength = Math.Max(1, region.SeqLength);
        SeqPosition = Math.Clamp(region.SeqPosition, 1, SeqLength);
        Group = region.Group;
        HasOffBy = region.OffBy is not null;
        OffBy = region.OffBy ?? 0;
    }

    public Region Source { get; }

    /// <summary>Position in the instrument's region list (indexes per-region audio-thread state).</summary>
    public int Index { get; }

    public Sample Sample { get; }

    public float[] Data { get; }

    public bool Stereo { get; }

    /// <summary>Sample rate over output rate: the playback increment at the key centre.</summary>
    public double RateRatio { get; }

    public int KeyCenter { get; }

    public double KeytrackCents { get; }

    public double TuneCents { get; }

    public float Gain { get; }

    public float PanLeft { get; }

    public float PanRight { get; }

    public double VeltrackPercent { get; }

    public long Offset { get; }

    public long End { get; }

    public LoopMode LoopMode { get; }

    public long LoopStart { get; }

    public long LoopEnd { get; }

    public EnvelopeParameters Envelope { get; }

    public TriggerMode Trigger { get; }

    public int SeqLength { get; }

    public int SeqPosition { get; }

    public long Group { get; }

    public bool HasOffBy { get; }

    public long OffBy { get; }

    /// <summary>
    /// Velocity to gain as SFZ defines it by default: (velocity/127)² at amp_veltrack=100, blended
    /// towards 1 as the tracking falls; negative tracking inverts the curve (sfz.org, amp_veltrack).
    /// </summary>
    public float VelocityGain(int velocity)
    {
        double v = Math.Clamp(velocity, 0, 127) / 127.0;
        double t = VeltrackPercent / 100;
        double curve = t >= 0 ? v * v : (1 - v) * (1 - v);
        double a = Math.Abs(t);
        return (float)((1 - a) + (a * curve));
    }

    /// <summary>
    /// Constant-power pan normalised to unity at the centre for mono sources; a balance control for
    /// stereo sources (each side keeps its own signal, the far side is attenuated).
    /// </summary>
    public static (float Left, float Right) PanLaw(double pan, bool stereo)
    {
        pan = Math.Clamp(pan, -1, 1);
        if (stereo)
            return ((float)(pan <= 0 ? 1 : 1 - pan), (float)(pan >= 0 ? 1 : 1 + pan));
        double theta = (pan + 1) * Math.PI / 4;
        return ((float)(Math.Sqrt(2) * Math.Cos(theta)), (float)(Math.Sqrt(2) * Math.Sin(theta)));
    }

    private static double Finite(double value, double fallback) => double.IsFinite(value) ? value : fallback;
}

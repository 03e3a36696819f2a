namespace MidiSampler.Dsp;

/// <summary>The curve of a modulator source (SoundFont 2.04 section 8.2.1, source types 0-3).</summary>
public enum ModulatorCurveShape
{
    /// <summary>Output proportional to the input.</summary>
    Linear,

    /// <summary>-20/96·log10(((127 - v)/127)²): slow at first, steep at the top (the SF2 velocity/volume curve).</summary>
    Concave,

    /// <summary>The mirror image of <see cref="Concave"/>: steep at first.</summary>
    Convex,

    /// <summary>0 below the middle, 1 from the middle up (bipolar: -1, 1).</summary>
    Switch,
}

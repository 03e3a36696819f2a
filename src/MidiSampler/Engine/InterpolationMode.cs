namespace MidiSampler.Engine;

/// <summary>How voices read between sample frames when they play at another pitch or rate.</summary>
public enum InterpolationMode
{
    /// <summary>2-point linear: cheapest, some aliasing and high-frequency loss.</summary>
    Linear,

    /// <summary>4-point, 3rd-order Hermite (Catmull-Rom): the default.</summary>
    Cubic,
}

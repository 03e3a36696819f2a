namespace MidiSampler.Dsp.Effects;

/// <summary>How the taps of <see cref="StereoDelay"/> feed back (SFZ <c>delay_mode</c>).</summary>
public enum DelayMode
{
    /// <summary>Each tap repeats its own side (<c>stereo</c>; also <c>lrc</c>, <c>rlc</c>, <c>tlcr</c>, whose order follows from the tap times).</summary>
    Stereo,

    /// <summary>Echoes alternate left, right, left... (<c>ping</c>): the left line takes the input, each line feeds the other.</summary>
    PingPong,

    /// <summary>Each side takes its own input and feeds back into the other side (<c>cross</c>).</summary>
    Cross,

    /// <summary>As <see cref="Stereo"/>, all tap times swept by the LFO in phase (<c>mod</c>).</summary>
    Modulated,

    /// <summary>As <see cref="Stereo"/>, the taps swept by the LFO a third of a cycle apart (<c>multimod</c>, <c>chorus</c>, <c>flanger</c>, <c>detune</c>).</summary>
    MultiModulated,

    /// <summary>As <see cref="Stereo"/>, the LFO sweeping the taps' pan positions instead of their times (<c>panning</c>).</summary>
    Panning,
}

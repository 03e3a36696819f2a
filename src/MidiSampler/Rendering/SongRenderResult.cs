namespace MidiSampler.Rendering;

/// <summary>What an offline render produced.</summary>
/// <param name="Frames">Frames written.</param>
/// <param name="SampleRate">Output rate in Hz.</param>
/// <param name="WallSeconds">Time the render took.</param>
/// <param name="PeakVoices">Most voices sounding at once.</param>
/// <param name="PeakLevel">Highest absolute output sample (1.0 is full scale).</param>
/// <param name="DroppedEvents">Events the engine dropped (none unless a block was over-full).</param>
/// <param name="NotesReleasedAtEnd">True when notes were still held at the end of the song and were released so that the render could end.</param>
/// <param name="TailCut">True when voices were still sounding after the longest tail allowed and the render was cut.</param>
/// <param name="LengthCapped">True when the song went on past <see cref="SongRenderer.MaxSeconds"/> and was cut there.</param>
public sealed record SongRenderResult(
    long Frames,
    int SampleRate,
    double WallSeconds,
    int PeakVoices,
    float PeakLevel,
    long DroppedEvents,
    bool NotesReleasedAtEnd,
    bool TailCut,
    bool LengthCapped = false)
{
    /// <summary>Duration of the rendered audio in seconds.</summary>
    public double Seconds => (double)Frames / SampleRate;

    /// <summary>Audio seconds per wall-clock second.</summary>
    public double SpeedFactor => WallSeconds > 0 ? Seconds / WallSeconds : double.PositiveInfinity;

    /// <summary>Peak level in dBFS.</summary>
    public double PeakDbfs => 20 * Math.Log10(Math.Max(PeakLevel, 1e-10));
}

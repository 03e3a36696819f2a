namespace MidiSampler.Dsp;

/// <summary>
/// The running state of an SFZ v2 flexible envelope at control rate: segments between points (linear, or bent by
/// egN_shapeX as sfizz bends them), a hold at the sustain point until note-off. Audio thread only (lives inside a voice); no allocation.
/// </summary>
internal struct FlexEnvelopeState
{
    private int _point;      // the point being approached
    private int _frame;      // frames spent on the way to it
    private float _from;     // level at the start of this segment
    private bool _released;
    private int _loopsLeft;  // egN_loop_count: jumps back still to make; -1 forever

    /// <summary>The current level.</summary>
    public float Level { get; private set; }

    /// <summary>Restarts at note-on from level 0 towards point 0; <paramref name="loops"/> jumps back to the loop point (−1 forever).</summary>
    public void Start(int loops = -1)
    {
        _loopsLeft = loops;
        _point = 0;
        _frame = 0;
        _from = 0;
        _released = false;
        Level = 0;
    }

    /// <summary>Note-off: leaves the sustain point (or skips to the segment after it) from the current level.</summary>
    public void Release(int sustainPoint, int pointCount)
    {
        if (_released)
            return;
        _released = true;
        if (_point <= sustainPoint)
        {
            _point = sustainPoint + 1;
            _frame = 0;
            _from = Level;
            if (_point >= pointCount)
                _point = pointCount; // nothing after the sustain point: stay where it is
        }
    }

    /// <summary>
    /// The level at this tick; then advances by <paramref name="frames"/>. With a <paramref name="loopPoint"/> (≥ 0; egN_loop),
    /// reaching the end of the run (the sustain point while held, when it is at or after the loop point; else the last
    /// point) jumps back so that the segment into the loop point replays from the level reached. The caller guarantees
    /// that segment is at least one frame long, so a loop always consumes time.
    /// </summary>
    public float Next(int frames, int[] pointFrames, float[] levels, float[] shapes, int sustainPoint, int loopPoint = -1, float[]?[]? curves = null)
    {
        float level = Level;
        int left = frames;
        while (left > 0 && _point < pointFrames.Length)
        {
            if (!_released && _point > sustainPoint)
                break; // holding at the sustain point
            int length = pointFrames[_point];
            int step = Math.Min(left, length - _frame);
            _frame += step;
            left -= step;
            if (_frame >= length)
            {
                Level = levels[_point];
                _from = Level;
                int runEnd = !_released && sustainPoint >= loopPoint ? sustainPoint : pointFrames.Length - 1;
                if (loopPoint >= 0 && _loopsLeft != 0 && _point == runEnd)
                {
                    _point = loopPoint;
                    if (_loopsLeft > 0)
                        _loopsLeft--;
                }
                else
                {
                    _point++;
                }

                _frame = 0;
            }
            else
            {
                float progress = (float)_frame / length;
                float bent = curves?[_point] is { } curve ? Curve(curve, progress) : Bend(progress, shapes[_point]);
                Level = _from + ((levels[_point] - _from) * bent);
            }
        }

        return level;
    }

    /// <summary>egN_curveX: the curve's value at <paramref name="progress"/> (0..1 over its 128 points, linear between them).</summary>
    internal static float Curve(float[] curve, float progress)
    {
        float x = Math.Clamp(progress, 0, 1) * (curve.Length - 1);
        int i = Math.Min((int)x, curve.Length - 2);
        return curve[i] + ((curve[i + 1] - curve[i]) * (x - i));
    }

    /// <summary>
    /// Progress 0..1 along a segment bent by <paramref name="shape"/>: 0 linear, s &gt; 0 <c>p^s</c>, s &lt; 0
    /// <c>1 - (1-p)^-s</c> (sfizz's FlexEG shape curves; ARIA's egN_shapeX has the same sign convention).
    /// </summary>
    internal static float Bend(float progress, float shape) => shape switch
    {
        0 => progress,
        > 0 => MathF.Pow(progress, shape),
        _ => 1 - MathF.Pow(1 - progress, -shape),
    };
}

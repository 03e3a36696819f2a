namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The SFZ v2 delay effect (<c>type=delay</c>): three taps (left, right, centre) on their own delay lines, with
/// feedback, a filter and damping on the taps, LFO modulation, tempo sync, tap tempo and a dry/wet mix.
/// </summary>
/// <remarks>
/// Design: sfz.org lists the <c>delay_*</c> opcodes of ARIA/Cakewalk's delay without describing them, and sfizz has no
/// delay, so the behaviour is the classic multi-tap design they name. The left and right lines take their side of the
/// input, the centre line the mono sum; each tap is read at its time with linear interpolation, goes through the
/// optional <c>delay_filter</c> and the damping one-poles, and is both heard (level, constant-power pan) and fed back
/// (<see cref="DelayMode"/> says into which line). Times glide over ~50 ms when a controller, the tempo or a tap moves
/// them, which bends the echoes' pitch like a tape delay instead of clicking; every other controlled parameter glides
/// over ~10 ms. Lines are sized at construction for the longest time the parameters can reach (the whole
/// <see cref="DelaySettings.MaxTimeSeconds"/> when tempo sync or tap tempo is used). Writes into the lines are clamped
/// to ±8 and tiny values flushed, so a resonant filter at full feedback can neither run away to infinity nor leave
/// denormals. Threads: construct on the control thread; <see cref="Process"/> and <see cref="Clear"/> on the audio
/// thread.
/// </remarks>
public sealed class StereoDelay : BusEffect
{
    private const int Left = 0, Right = 1, Centre = 2;
    private const float ModSeconds = 0.005f;
    private const float WriteLimit = 8;

    private readonly DelaySettings _settings;
    private readonly int _sampleRate;
    private readonly float[][] _lines = new float[3][];
    private readonly int _length;
    private readonly float _maxDelayFrames;
    private readonly ControlledParameter[] _times;
    private readonly ControlledParameter[] _pans;
    private readonly float[] _levels;
    private readonly (int Controller, double Beats)[][] _sync;
    private readonly ParameterSmoother[] _timeSmoothers = new ParameterSmoother[3];
    private readonly ParameterSmoother[] _panSmoothers = new ParameterSmoother[3];
    private readonly float[] _panGainLeft = new float[3];
    private readonly float[] _panGainRight = new float[3];
    private readonly float[] _panCached = [float.NaN, float.NaN, float.NaN];
    private readonly EffectFilter[] _filters = new EffectFilter[3];
    private readonly EffectFilter[] _dampHigh = new EffectFilter[3];
    private readonly EffectFilter[] _dampLow = new EffectFilter[3];
    private readonly float[] _phaseOffsets;
    private readonly bool _useDampHigh, _useDampLow;
    private readonly float _timeK, _paramK;
    private ParameterSmoother _feedback, _input, _wet, _dry, _spread, _modDepth, _lfoHz;
    private ParameterSmoother _cutoff, _resonance, _damphi, _damplo;
    private int _write;
    private double _lfoPhase;
    private byte _tapLast;
    private long _framesSinceTap = long.MaxValue / 2;
    private double _tappedSeconds = -1;

    /// <summary>The parameters the delay was built with. Any thread.</summary>
    public DelaySettings Settings => _settings;

    /// <summary>Creates the delay for <paramref name="sampleRate"/>, allocating its lines. Control thread.</summary>
    public StereoDelay(DelaySettings settings, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        _settings = settings;
        _sampleRate = sampleRate;
        _times = [settings.TimeLeftSeconds, settings.TimeRightSeconds, settings.TimeCentreSeconds];
        _pans = [settings.PanLeftPercent, settings.PanRightPercent, settings.PanCentrePercent];
        _levels = [(float)(settings.LevelLeftPercent / 100), (float)(settings.LevelRightPercent / 100), (float)(settings.LevelCentrePercent / 100)];
        _sync = [[.. settings.SyncLeft], [.. settings.SyncRight], [.. settings.SyncCentre]];

        bool free = settings.TapController >= 0 || _sync[0].Length + _sync[1].Length + _sync[2].Length > 0;
        double longest = free ? DelaySettings.MaxTimeSeconds : Math.Max(_times[0].Highest, Math.Max(_times[1].Highest, _times[2].Highest));
        longest = Math.Clamp(longest, 0, DelaySettings.MaxTimeSeconds);
        _maxDelayFrames = (float)(longest * sampleRate) + (ModSeconds * sampleRate) + 1;
        _length = (int)Math.Ceiling(_maxDelayFrames) + 4;
        for (int i = 0; i < 3; i++)
            _lines[i] = new float[_length];

        _phaseOffsets = settings.Mode == DelayMode.MultiModulated ? [0f, 1f / 3, 2f / 3] : [0f, 0f, 0f];
        _useDampHigh = settings.DampHighPercent.Highest > 0;
        _useDampLow = settings.DampLowPercent.Highest > 0;
        _timeK = ParameterSmoother.Coefficient(0.05, sampleRate);
        _paramK = ParameterSmoother.Coefficient(0.01, sampleRate);
        TailFrames = ComputeTail(settings, longest, sampleRate);
    }

    /// <summary>
    /// The tempo for <see cref="DelaySettings.SyncLeft"/> and its siblings (beats per minute, default 120). The effect
    /// rack sets it from <c>Sampler.TempoBpm</c> before each run (<see cref="SetTempo"/>). Audio or control thread.
    /// </summary>
    public double TempoBpm { get; set; } = 120;

    /// <inheritdoc/>
    public override void SetTempo(double beatsPerMinute)
    {
        if (beatsPerMinute > 0 && double.IsFinite(beatsPerMinute))
            TempoBpm = beatsPerMinute;
    }

    /// <inheritdoc/>
    public override long TailFrames { get; }

    /// <inheritdoc/>
    public override void Clear()
    {
        foreach (var line in _lines)
            Array.Clear(line);
        for (int i = 0; i < 3; i++)
        {
            _filters[i].Clear();
            _dampHigh[i].Clear();
            _dampLow[i].Clear();
            _timeSmoothers[i].Reset();
            _panSmoothers[i].Reset();
            _panCached[i] = float.NaN;
        }

        _feedback.Reset();
        _input.Reset();
        _wet.Reset();
        _dry.Reset();
        _spread.Reset();
        _modDepth.Reset();
        _lfoHz.Reset();
        _cutoff.Reset();
        _resonance.Reset();
        _damphi.Reset();
        _damplo.Reset();
        _lfoPhase = 0;
        _write = 0;
    }

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        if (frames == 0)
            return;
        var s = _settings;
        UpdateTap(controllers, frames);
        UpdateFilters(controllers, frames);

        float tL = TimeTarget(Left, controllers), tR = TimeTarget(Right, controllers), tC = TimeTarget(Centre, controllers);
        float pL = _pans[Left].Target(controllers), pR = _pans[Right].Target(controllers), pC = _pans[Centre].Target(controllers);
        float fbT = s.FeedbackPercent.Target(controllers) * 0.01f, inT = s.InputPercent.Target(controllers) * 0.01f;
        float wetT = s.WetPercent.Target(controllers) * 0.01f, dryT = s.DryPercent.Target(controllers) * 0.01f;
        float spreadT = s.SpreadPercent.Target(controllers) * 0.01f, depthT = s.ModDepthPercent.Target(controllers) * 0.01f;
        float lfoT = s.LfoFrequencyHz.Target(controllers);
        float modFrames = ModSeconds * _sampleRate;
        bool panning = s.Mode == DelayMode.Panning;
        float[] lineL = _lines[Left], lineR = _lines[Right], lineC = _lines[Centre];

        for (int i = 0; i < frames; i++)
        {
            float fb = _feedback.Next(fbT, _paramK), input = _input.Next(inT, _paramK);
            float wet = _wet.Next(wetT, _paramK), dry = _dry.Next(dryT, _paramK);
            float spread = _spread.Next(spreadT, _paramK), depth = _modDepth.Next(depthT, _paramK);
            float lfoHz = _lfoHz.Next(lfoT, _paramK);
            float phase = (float)_lfoPhase;
            _lfoPhase = LfoWaveform.Wrap(_lfoPhase + (lfoHz / _sampleRate));

            float modL = 0, modR = 0, modC = 0;
            if (depth > 0 && !panning)
            {
                modL = depth * modFrames * SineTable.Sin(phase + _phaseOffsets[Left]);
                modR = depth * modFrames * SineTable.Sin(phase + _phaseOffsets[Right]);
                modC = depth * modFrames * SineTable.Sin(phase + _phaseOffsets[Centre]);
            }

            float oL = Tap(Left, lineL, (_timeSmoothers[Left].Next(tL, _timeK) * _sampleRate) + modL);
            float oR = Tap(Right, lineR, (_timeSmoothers[Right].Next(tR, _timeK) * _sampleRate) + modR);
            float oC = Tap(Centre, lineC, (_timeSmoothers[Centre].Next(tC, _timeK) * _sampleRate) + modC);

            float xL = left[i], xR = right[i];
            float inL = xL * input, inR = xR * input;
            float wL, wR;
            switch (s.Mode)
            {
                case DelayMode.PingPong:
                    wL = (0.5f * (inL + inR)) + (fb * oR);
                    wR = fb * oL;
                    break;
                case DelayMode.Cross:
                    wL = inL + (fb * oR);
                    wR = inR + (fb * oL);
                    break;
                default:
                    wL = inL + (fb * oL);
                    wR = inR + (fb * oR);
                    break;
            }

            lineL[_write] = Limit(wL);
            lineR[_write] = Limit(wR);
            lineC[_write] = Limit((0.5f * (inL + inR)) + (fb * oC));
            if (++_write == _length)
                _write = 0;

            float sweep = panning && depth > 0 ? depth * 0.5f * SineTable.Sin(phase) : 0;
            Pan(Left, _panSmoothers[Left].Next(pL, _paramK), sweep);
            Pan(Right, _panSmoothers[Right].Next(pR, _paramK), sweep);
            Pan(Centre, _panSmoothers[Centre].Next(pC, _paramK), -sweep);
            oL *= _levels[Left];
            oR *= _levels[Right];
            oC *= _levels[Centre];
            float outL = (oL * _panGainLeft[Left]) + (oR * _panGainLeft[Right]) + (oC * _panGainLeft[Centre]);
            float outR = (oL * _panGainRight[Left]) + (oR * _panGainRight[Right]) + (oC * _panGainRight[Centre]);
            float mid = 0.5f * (outL + outR), side = 0.5f * (outL - outR) * spread;
            left[i] = (dry * xL) + (wet * (mid + side));
            right[i] = (dry * xR) + (wet * (mid - side));
        }
    }

    private static float Limit(float x) => MathF.Abs(x) < 1e-20f ? 0 : Math.Clamp(x, -WriteLimit, WriteLimit);

    private float Tap(int tap, float[] line, float delayFrames)
    {
        // The read position in double: in float, a position just below 0 wrapped by a line of some 10^5 frames can round
        // up to the line's length itself (float steps are 1/32 of a frame there) and index past the end.
        double position = _write - (double)Math.Clamp(delayFrames, 1, _maxDelayFrames);
        if (position < 0)
            position += _length;
        int i0 = (int)position;
        if (i0 >= _length)
            i0 -= _length;
        float fraction = (float)(position - Math.Floor(position));
        int i1 = i0 + 1 == _length ? 0 : i0 + 1;
        float y = line[i0] + ((line[i1] - line[i0]) * fraction);
        y = _filters[tap].Process(y);
        if (_useDampHigh)
            y = _dampHigh[tap].Process(y);
        if (_useDampLow)
            y = _dampLow[tap].Process(y);
        return y;
    }

    private void Pan(int tap, float panPercent, float sweep)
    {
        float p = Math.Clamp((panPercent * 0.01f) + sweep, 0, 1);
        if (p == _panCached[tap])
            return;
        _panCached[tap] = p;
        // Constant-power pan law: hard left (0) and hard right (1) are full on one side, the centre −3 dB on both.
        _panGainLeft[tap] = MathF.Cos(p * MathF.PI * 0.5f);
        _panGainRight[tap] = MathF.Sin(p * MathF.PI * 0.5f);
    }

    private float TimeTarget(int tap, ReadOnlySpan<byte> controllers)
    {
        var sync = _sync[tap];
        for (int i = 0; i < sync.Length; i++)
        {
            int cc = sync[i].Controller;
            if (cc < controllers.Length && controllers[cc] >= 64)
            {
                double bpm = TempoBpm > 1 ? TempoBpm : 1;
                return (float)Math.Clamp(sync[i].Beats * 60 / bpm, 0, DelaySettings.MaxTimeSeconds);
            }
        }

        double seconds = _times[tap].Target(controllers);
        if (_tappedSeconds > 0)
        {
            double reference = _times[Left].Target(controllers);
            seconds = tap == Left || reference <= 0 ? _tappedSeconds : _tappedSeconds * seconds / reference;
        }

        return (float)Math.Clamp(seconds, 0, DelaySettings.MaxTimeSeconds);
    }

    private void UpdateTap(ReadOnlySpan<byte> controllers, int frames)
    {
        int cc = _settings.TapController;
        if (cc < 0 || cc >= controllers.Length)
            return;
        byte value = controllers[cc];
        if (value >= 64 && _tapLast < 64)
        {
            double seconds = (double)_framesSinceTap / _sampleRate;
            if (seconds is >= 0.01 and <= DelaySettings.MaxTimeSeconds)
                _tappedSeconds = seconds;
            _framesSinceTap = 0;
        }

        _tapLast = value;
        if (_framesSinceTap < long.MaxValue / 2)
            _framesSinceTap += frames;
    }

    private void UpdateFilters(ReadOnlySpan<byte> controllers, int frames)
    {
        var s = _settings;
        if (s.Filter != EffectFilterType.None)
        {
            float cutoff = _cutoff.Advance(s.CutoffHz.Target(controllers), frames, _paramK);
            float resonance = _resonance.Advance(s.ResonanceDb.Target(controllers), frames, _paramK);
            for (int i = 0; i < 3; i++)
                _filters[i].Set(s.Filter, cutoff, resonance, _sampleRate);
        }

        if (_useDampHigh)
        {
            // 0 % leaves the taps open to 20 kHz, 100 % closes them to 1 kHz, exponentially in between.
            float amount = _damphi.Advance(s.DampHighPercent.Target(controllers) * 0.01f, frames, _paramK);
            float hz = 20_000f * MathF.Pow(1_000f / 20_000f, amount);
            for (int i = 0; i < 3; i++)
                _dampHigh[i].Set(EffectFilterType.Lowpass1Pole, hz, 0, _sampleRate);
        }

        if (_useDampLow)
        {
            // 0 % is a 5 Hz highpass (DC only), 100 % a 1 kHz highpass.
            float amount = _damplo.Advance(s.DampLowPercent.Target(controllers) * 0.01f, frames, _paramK);
            float hz = 5f * MathF.Pow(1_000f / 5f, amount);
            for (int i = 0; i < 3; i++)
                _dampLow[i].Set(EffectFilterType.Highpass1Pole, hz, 0, _sampleRate);
        }
    }

    private static long ComputeTail(DelaySettings s, double longestSeconds, int sampleRate)
    {
        double fb = s.FeedbackPercent.Highest / 100;
        bool resonant = s.Filter != EffectFilterType.None && s.ResonanceDb.Highest > 0;
        if (fb >= 1 || (fb > 0 && resonant))
            return long.MaxValue; // loop gain may reach 1: it can ring forever
        double period = ((longestSeconds * (s.Mode == DelayMode.PingPong ? 2 : 1)) + ModSeconds) * sampleRate;
        if (fb <= 0)
            return (long)Math.Ceiling(period) + 1;
        // Each round trip scales the echo by fb at most; count round trips until −120 dB.
        double trips = Math.Ceiling(Math.Log(1e-6) / Math.Log(fb));
        return (long)Math.Ceiling(period * (trips + 1)) + 1;
    }
}

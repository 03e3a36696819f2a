namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The SFZ v2 strings effect (<c>type=strings</c>): a bank of undamped "strings" tuned to the notes of the scale that
/// ring in sympathy with the bus, as a piano's strings do with the sustain pedal down.
/// </summary>
/// <remarks>
/// Design: sfz.org names it "number of synthesized resonant strings"; sfizz builds it from resonators tuned to the
/// equal-tempered notes. Ours: one two-pole resonator per string (poles at radius r = 10^(−3/(T60·rate)), zeros at DC
/// and Nyquist, scaled for unity gain at its centre), all fed by the mono sum of the bus and added to both sides at
/// the wet level. A tone on a string's pitch builds up that string, which keeps ringing for the decay time after the
/// tone stops; tones between strings hardly excite any. Threads: construct on the control thread; <see cref="Process"/>
/// and <see cref="Clear"/> on the audio thread.
/// </remarks>
public sealed class ResonantStrings : BusEffect
{
    private const int LowestNote = 21;

    private readonly ResonantStringsSettings _settings;
    private readonly int _count;
    private readonly float[] _feedback1; // 2r·cos ω
    private readonly float _feedback2; // −r²
    private readonly float _gain; // (1 − r²)/2
    private readonly float[] _y1, _y2;
    private readonly float _k;
    private float _x1, _x2;
    private ParameterSmoother _wet;

    /// <summary>Creates the strings for <paramref name="sampleRate"/>. Control thread.</summary>
    public ResonantStrings(ResonantStringsSettings settings, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        _settings = settings;
        double nyquist = sampleRate / 2.0;
        int count = 0;
        for (; count < Math.Clamp(settings.Count, 0, ResonantStringsSettings.MaxStrings); count++)
        {
            if (NoteHz(LowestNote + count) >= 0.9 * nyquist)
                break; // a string above the rate's range would alias: leave it out
        }

        _count = count;
        double decay = Math.Max(0.01, settings.DecaySeconds);
        double r = Math.Pow(10, -3 / (decay * sampleRate));
        _feedback1 = new float[count];
        for (int i = 0; i < count; i++)
            _feedback1[i] = (float)(2 * r * Math.Cos(2 * Math.PI * NoteHz(LowestNote + i) / sampleRate));
        _feedback2 = (float)(-r * r);
        _gain = (float)((1 - (r * r)) / 2);
        _y1 = new float[count];
        _y2 = new float[count];
        _k = ParameterSmoother.Coefficient(0.01, sampleRate);
        TailFrames = count == 0 || settings.WetPercent.Highest <= 0 ? 0 : (long)Math.Ceiling(2 * decay * sampleRate); // −120 dB
    }

    /// <summary>The parameters the strings were built with. Any thread.</summary>
    public ResonantStringsSettings Settings => _settings;

    /// <summary>How many strings sound (<see cref="ResonantStringsSettings.Count"/>, less any above 90 % of Nyquist).</summary>
    public int StringCount => _count;

    /// <inheritdoc/>
    public override long TailFrames { get; }

    /// <summary>The pitch of MIDI note <paramref name="note"/> (A4 = 440 Hz).</summary>
    public static double NoteHz(int note) => 440 * Math.Pow(2, (note - 69) / 12.0);

    /// <inheritdoc/>
    public override void Clear()
    {
        Array.Clear(_y1);
        Array.Clear(_y2);
        _x1 = _x2 = 0;
        _wet.Reset();
    }

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        float wetT = _settings.WetPercent.Target(controllers) * 0.01f;
        for (int i = 0; i < frames; i++)
        {
            float wet = _wet.Next(wetT, _k);
            float x = 0.5f * (left[i] + right[i]);
            float excitation = _gain * (x - _x2); // zeros at DC and Nyquist
            _x2 = _x1;
            _x1 = x;
            float sum = 0;
            for (int s = 0; s < _count; s++)
            {
                float y = excitation + (_feedback1[s] * _y1[s]) + (_feedback2 * _y2[s]);
                if (MathF.Abs(y) < 1e-20f)
                    y = 0;
                _y2[s] = _y1[s];
                _y1[s] = y;
                sum += y;
            }

            left[i] += wet * sum;
            right[i] += wet * sum;
        }
    }
}

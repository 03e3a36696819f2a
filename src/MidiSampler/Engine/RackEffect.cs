using MidiSampler.Dsp;
using MidiSampler.Dsp.Effects;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// One effect in an instrument's rack, with its bypass controllers (SFZ v2 <c>bypass_onccN</c>).
/// </summary>
/// <remarks>
/// Design: a bypass switch crossfades between the effect's output and its input over <see cref="FadeSeconds"/>, so a
/// pedal never clicks; a fully bypassed effect is not run at all and is cleared, so that engaging it again starts from
/// silence rather than from a stale tail. The dry copy for the crossfade is preallocated, and only for an effect with a
/// bypass controller. Threads: built on the control thread; <see cref="Process"/> and <see cref="Clear"/> on the audio thread.
/// </remarks>
internal sealed class RackEffect
{
    /// <summary>Length of the bypass crossfade, in seconds.</summary>
    public const double FadeSeconds = 0.01;

    private readonly int[] _bypassControllers;
    private readonly float[] _bypassDepths;
    private readonly float[] _dryLeft = [];
    private readonly float[] _dryRight = [];
    private readonly float _fadeStep;
    private float _engaged = 1; // 1: the effect's output; 0: bypassed

    /// <summary>Wraps <paramref name="effect"/>. Control thread.</summary>
    public RackEffect(BusEffect effect, IReadOnlyList<EffectBypass> bypass, int sampleRate, int maxBlockFrames)
    {
        Effect = effect;
        _bypassControllers = [.. bypass.Select(b => Math.Clamp(b.Controller, 0, 127))];
        _bypassDepths = [.. bypass.Select(b => (float)b.Depth)];
        _fadeStep = (float)(1 / Math.Max(1, FadeSeconds * sampleRate));
        if (_bypassControllers.Length > 0)
        {
            _dryLeft = new float[maxBlockFrames];
            _dryRight = new float[maxBlockFrames];
        }
    }

    /// <summary>The effect.</summary>
    public BusEffect Effect { get; }

    /// <summary>
    /// Runs the effect (or its bypass) over one run, in place. Returns false when the run came out non-finite or out of
    /// range (<see cref="FiniteGuard"/>): the effect's state is then cleared and the run silenced, so a poisoned delay
    /// line or filter neither rings on nor poisons the effects after it. Audio thread.
    /// </summary>
    public bool Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        ProcessUnguarded(left, right, controllers);
        if (FiniteGuard.IsHealthy(left) && FiniteGuard.IsHealthy(right))
            return true;
        Effect.Clear();
        left.Clear();
        right.Clear();
        return false;
    }

    private void ProcessUnguarded(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        if (_bypassControllers.Length == 0)
        {
            Effect.Process(left, right, controllers);
            return;
        }

        float target = Bypassed(controllers) ? 0 : 1;
        if (target == _engaged)
        {
            if (_engaged == 1)
                Effect.Process(left, right, controllers);
            return; // fully bypassed: the bus passes untouched
        }

        int frames = Math.Min(Math.Min(left.Length, right.Length), _dryLeft.Length);
        left[..frames].CopyTo(_dryLeft);
        right[..frames].CopyTo(_dryRight);
        Effect.Process(left[..frames], right[..frames], controllers);
        float engaged = _engaged, step = target > engaged ? _fadeStep : -_fadeStep;
        for (int i = 0; i < frames; i++)
        {
            engaged = Math.Clamp(engaged + step, 0, 1);
            left[i] = _dryLeft[i] + ((left[i] - _dryLeft[i]) * engaged);
            right[i] = _dryRight[i] + ((right[i] - _dryRight[i]) * engaged);
        }

        _engaged = engaged;
        if (engaged == 0)
            Effect.Clear();
    }

    /// <summary>Silences the effect's state. Audio thread.</summary>
    public void Clear() => Effect.Clear();

    /// <summary>True while some bypass controller's value / 127 × depth is at least 0.5.</summary>
    private bool Bypassed(ReadOnlySpan<byte> controllers)
    {
        for (int i = 0; i < _bypassControllers.Length; i++)
        {
            if (controllers[_bypassControllers[i]] * (1f / 127f) * _bypassDepths[i] >= 0.5f)
                return true;
        }

        return false;
    }
}

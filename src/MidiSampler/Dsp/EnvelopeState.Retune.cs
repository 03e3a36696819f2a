namespace MidiSampler.Dsp;

/// <summary>Changing a running envelope's parameters (ARIA ampeg_dynamic). Audio thread only.</summary>
internal partial struct EnvelopeState
{
    /// <summary>
    /// Takes new parameters without restarting: the stages to come use them, and the current stage keeps the time it has
    /// run, its remaining length becoming the new length minus that (at least 0: it then ends at the next frame, or 1 frame
    /// for the release). An attack re-aims its linear ramp from the current level; a decay or release takes the new
    /// rate from the current level; a change of the sustain level glides there through a decay stage of the new decay
    /// time, so that a controller moving the sustain does not click (a zero decay time jumps).
    /// </summary>
    public void Retune(in EnvelopeParameters parameters)
    {
        var old = _p;
        _p = parameters;
        switch (Stage)
        {
            case EnvelopeStage.Delay:
                _framesLeft = Math.Max(0, parameters.DelayFrames - (old.DelayFrames - _framesLeft));
                break;
            case EnvelopeStage.Attack:
                _framesLeft = Math.Max(0, parameters.AttackFrames - (old.AttackFrames - _framesLeft));
                _step = _framesLeft > 0 ? (1f - (parameters.Shape == EnvelopeShape.SoundFontModulation ? _ramp : Level)) / _framesLeft : 0;
                break;
            case EnvelopeStage.Decay or EnvelopeStage.Release when _linear:
                break; // the SF2 modulation envelope is never retuned (ampeg_dynamic is SFZ's): its run keeps its rate
            case EnvelopeStage.Hold:
                _framesLeft = Math.Max(0, parameters.HoldFrames - (old.HoldFrames - _framesLeft));
                break;
            case EnvelopeStage.Decay:
                _framesLeft = Math.Max(0, parameters.DecayFrames - (old.DecayFrames - _framesLeft));
                _target = parameters.DecayTarget;
                _coefficient = parameters.DecayCoefficient;
                break;
            case EnvelopeStage.Sustain:
                if (Level == parameters.Sustain)
                    break;
                Stage = EnvelopeStage.Decay;
                _framesLeft = parameters.DecayFrames;
                _target = parameters.DecayTarget;
                _coefficient = parameters.DecayCoefficient;
                break;
            case EnvelopeStage.Release:
                _framesLeft = Math.Max(1, parameters.ReleaseFrames - (old.ReleaseFrames - _framesLeft));
                _coefficient = parameters.ReleaseCoefficient;
                break;
            default:
                break; // fade and done: unchanged
        }
    }
}

namespace MidiSampler.Engine;

/// <summary>What lfoN_*_onccX routes add to one LFO at a control tick: rate and depths. A value on the audio thread's stack.</summary>
internal struct LfoCcAmounts
{
    public float FrequencyHz;
    public float PitchCents;
    public float VolumeDb;
    public float AmplitudeFraction;
    public float CutoffCents;
    public float PanPercent;
}

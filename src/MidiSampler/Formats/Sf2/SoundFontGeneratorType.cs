namespace MidiSampler.Formats.Sf2;

/// <summary>
/// The SoundFont 2.04 generator operators (SFGenerator, spec section 8.1.2), with their numbers as stored in
/// <c>pgen</c>/<c>igen</c> records. Numbers the spec leaves unused or reserved are listed so that a file that
/// uses them can be described; the loader ignores them, as the spec asks.
/// </summary>
public enum SoundFontGeneratorType : ushort
{
    /// <summary>0: sample start offset, in sample data points (instrument level only).</summary>
    StartAddrsOffset = 0,

    /// <summary>1: sample end offset, in sample data points (instrument level only).</summary>
    EndAddrsOffset = 1,

    /// <summary>2: loop start offset, in sample data points (instrument level only).</summary>
    StartloopAddrsOffset = 2,

    /// <summary>3: loop end offset, in sample data points (instrument level only).</summary>
    EndloopAddrsOffset = 3,

    /// <summary>4: sample start offset, in units of 32768 data points (instrument level only).</summary>
    StartAddrsCoarseOffset = 4,

    /// <summary>5: modulation LFO to pitch, in cents.</summary>
    ModLfoToPitch = 5,

    /// <summary>6: vibrato LFO to pitch, in cents.</summary>
    VibLfoToPitch = 6,

    /// <summary>7: modulation envelope to pitch, in cents.</summary>
    ModEnvToPitch = 7,

    /// <summary>8: low-pass filter cutoff, in absolute cents (default 13500).</summary>
    InitialFilterFc = 8,

    /// <summary>9: low-pass filter resonance, in centibels.</summary>
    InitialFilterQ = 9,

    /// <summary>10: modulation LFO to filter cutoff, in cents.</summary>
    ModLfoToFilterFc = 10,

    /// <summary>11: modulation envelope to filter cutoff, in cents.</summary>
    ModEnvToFilterFc = 11,

    /// <summary>12: sample end offset, in units of 32768 data points (instrument level only).</summary>
    EndAddrsCoarseOffset = 12,

    /// <summary>13: modulation LFO to volume, in centibels.</summary>
    ModLfoToVolume = 13,

    /// <summary>14: unused.</summary>
    Unused1 = 14,

    /// <summary>15: chorus send, in 0.1 % units.</summary>
    ChorusEffectsSend = 15,

    /// <summary>16: reverb send, in 0.1 % units.</summary>
    ReverbEffectsSend = 16,

    /// <summary>17: pan, in 0.1 % units (-500 left .. 500 right).</summary>
    Pan = 17,

    /// <summary>18: unused.</summary>
    Unused2 = 18,

    /// <summary>19: unused.</summary>
    Unused3 = 19,

    /// <summary>20: unused.</summary>
    Unused4 = 20,

    /// <summary>21: modulation LFO delay, in timecents.</summary>
    DelayModLfo = 21,

    /// <summary>22: modulation LFO frequency, in absolute cents.</summary>
    FreqModLfo = 22,

    /// <summary>23: vibrato LFO delay, in timecents.</summary>
    DelayVibLfo = 23,

    /// <summary>24: vibrato LFO frequency, in absolute cents.</summary>
    FreqVibLfo = 24,

    /// <summary>25: modulation envelope delay, in timecents.</summary>
    DelayModEnv = 25,

    /// <summary>26: modulation envelope attack, in timecents.</summary>
    AttackModEnv = 26,

    /// <summary>27: modulation envelope hold, in timecents.</summary>
    HoldModEnv = 27,

    /// <summary>28: modulation envelope decay, in timecents.</summary>
    DecayModEnv = 28,

    /// <summary>29: modulation envelope sustain, in 0.1 % below full.</summary>
    SustainModEnv = 29,

    /// <summary>30: modulation envelope release, in timecents.</summary>
    ReleaseModEnv = 30,

    /// <summary>31: key number to modulation envelope hold, in timecents per key.</summary>
    KeynumToModEnvHold = 31,

    /// <summary>32: key number to modulation envelope decay, in timecents per key.</summary>
    KeynumToModEnvDecay = 32,

    /// <summary>33: volume envelope delay, in timecents.</summary>
    DelayVolEnv = 33,

    /// <summary>34: volume envelope attack, in timecents.</summary>
    AttackVolEnv = 34,

    /// <summary>35: volume envelope hold, in timecents.</summary>
    HoldVolEnv = 35,

    /// <summary>36: volume envelope decay, in timecents (time for a 100 dB fall).</summary>
    DecayVolEnv = 36,

    /// <summary>37: volume envelope sustain, in centibels of attenuation.</summary>
    SustainVolEnv = 37,

    /// <summary>38: volume envelope release, in timecents (time for a 100 dB fall).</summary>
    ReleaseVolEnv = 38,

    /// <summary>39: key number to volume envelope hold, in timecents per key (relative to key 60).</summary>
    KeynumToVolEnvHold = 39,

    /// <summary>40: key number to volume envelope decay, in timecents per key (relative to key 60).</summary>
    KeynumToVolEnvDecay = 40,

    /// <summary>41: the instrument a preset zone plays (preset level only; last generator of the zone).</summary>
    Instrument = 41,

    /// <summary>42: reserved.</summary>
    Reserved1 = 42,

    /// <summary>43: key range, low and high bytes (must be the first generator of a zone).</summary>
    KeyRange = 43,

    /// <summary>44: velocity range, low and high bytes (only a key range may precede it).</summary>
    VelRange = 44,

    /// <summary>45: loop start offset, in units of 32768 data points (instrument level only).</summary>
    StartloopAddrsCoarseOffset = 45,

    /// <summary>46: forces the MIDI key number (instrument level only).</summary>
    Keynum = 46,

    /// <summary>47: forces the MIDI velocity (instrument level only).</summary>
    Velocity = 47,

    /// <summary>48: attenuation, in centibels.</summary>
    InitialAttenuation = 48,

    /// <summary>49: reserved.</summary>
    Reserved2 = 49,

    /// <summary>50: loop end offset, in units of 32768 data points (instrument level only).</summary>
    EndloopAddrsCoarseOffset = 50,

    /// <summary>51: pitch offset, in semitones.</summary>
    CoarseTune = 51,

    /// <summary>52: pitch offset, in cents.</summary>
    FineTune = 52,

    /// <summary>53: the sample an instrument zone plays (instrument level only; last generator of the zone).</summary>
    SampleId = 53,

    /// <summary>54: loop mode: 0 none, 1 continuous, 3 until release (instrument level only).</summary>
    SampleModes = 54,

    /// <summary>55: reserved.</summary>
    Reserved3 = 55,

    /// <summary>56: pitch change per key, in cents (default 100).</summary>
    ScaleTuning = 56,

    /// <summary>57: exclusive class: a note of a class stops the others of that class (instrument level only).</summary>
    ExclusiveClass = 57,

    /// <summary>58: overrides the sample's original pitch (instrument level only).</summary>
    OverridingRootKey = 58,

    /// <summary>59: unused.</summary>
    Unused5 = 59,

    /// <summary>60: end of the enumeration (never valid in a file).</summary>
    EndOper = 60,
}

using MidiSampler.Dsp;

namespace MidiSampler.Engine;

/// <summary>
/// MIDI 1.0 state of one channel: program, controllers, pedal, bend and its range, keys held.
/// Audio thread only.
/// </summary>
internal sealed partial class MidiChannelState
{
    public const int ControllerBank = 0;
    public const int ControllerBankLsb = 32;
    public const int ControllerReverbSend = 91;
    public const int ControllerChorusSend = 93;
    public const int ControllerVolume = 7;
    public const int ControllerPan = 10;
    public const int ControllerExpression = 11;
    public const int ControllerSustain = 64;
    public const int ControllerRpnLsb = 100;
    public const int ControllerRpnMsb = 101;
    public const int ControllerAllSoundOff = 120;
    public const int ControllerResetAll = 121;
    public const int ControllerAllNotesOff = 123;

    public MidiChannelState(int index)
    {
        Index = index;
        ResetAll();
    }

    public int Index { get; }

    /// <summary>The instrument slot this channel plays (a program change to an empty slot keeps the last one).</summary>
    public int Program { get; set; }

    /// <summary>The bank of the slot this channel plays (<see cref="Program"/> in this bank).</summary>
    public int Bank { get; set; }

    /// <summary>The bank the last program change asked for (CC0 at that moment; 128 on a drum channel).</summary>
    public int RequestedBank { get; set; }

    /// <summary>GS "use for rhythm part": 1 drum, 0 melodic, -1 the engine's default for this channel.</summary>
    public int DrumOverride { get; set; } = -1;

    /// <summary>Channel fine tuning (RPN 1) plus coarse tuning (RPN 2), in cents.</summary>
    public double TuningCents { get; private set; }

    /// <summary>Reverb send level 0..1 (CC91, linear in the controller value as the SF2 default modulator maps it, times <see cref="SendScale"/>).</summary>
    public float ReverbSend => Controllers[ControllerReverbSend] / 127f * SendScale;

    /// <summary>Chorus send level 0..1 (CC93, times <see cref="ChorusSendScale"/>).</summary>
    public float ChorusSend => Controllers[ControllerChorusSend] / 127f * ChorusSendScale;

    /// <summary>
    /// CC7 and CC11 attenuate as the SF2 default modulators (the channel plays a SoundFont preset,
    /// <c>Instrument.SoundFontVolumeCurves</c>) rather than by the GM square law. Setting it recomputes the gain.
    /// </summary>
    public bool SoundFontVolumeCurves
    {
        get => _soundFontVolumeCurves;
        set
        {
            if (_soundFontVolumeCurves == value)
                return;
            _soundFontVolumeCurves = value;
            UpdateGain();
        }
    }

    private bool _soundFontVolumeCurves;

    /// <summary>The send at full CC91/CC93 of the instrument the channel plays (<c>Instrument.ChannelSendScale</c>: 0.2 for a SoundFont).</summary>
    public float SendScale { get; set; } = 1;

    /// <summary>The chorus send at full CC93 of the instrument the channel plays (<c>Instrument.ChannelChorusSendScale</c>).</summary>
    public float ChorusSendScale { get; set; } = 1;

    /// <summary>The last program change number received, 0..127, whatever the slots hold (SFZ loprog/hiprog).</summary>
    public int MidiProgram { get; set; }

    /// <summary>Channel pressure 0..127 (SFZ lochanaft/hichanaft).</summary>
    public int ChannelPressure
    {
        get => _channelPressure;
        set
        {
            _channelPressure = value;
            ModulationVersion++;
        }
    }

    /// <summary>
    /// Incremented whenever a modulator source of the channel may have moved (any controller, channel or key pressure,
    /// the pitch wheel, a reset), so that an idle voice with modulator routes wakes at that frame and re-reads them.
    /// </summary>
    public int ModulationVersion { get; private set; }

    /// <summary>Key pressure per key (SFZ lopolyaft/hipolyaft).</summary>
    public byte[] PolyPressure { get; } = new byte[128];

    /// <summary>The key of the note-on before the current one, or -1 (SFZ sw_previous).</summary>
    public int PreviousKey { get; set; } = -1;

    /// <summary>The key of the last note-on, or -1.</summary>
    public int LastKey { get; set; } = -1;

    /// <summary>Output frame at which each key was last struck (SFZ rt_decay measures from it).</summary>
    public long[] KeyOnFrame { get; } = new long[128];

    /// <summary>Keys released under the sustain pedal whose release-trigger regions wait for pedal up (SFZ trigger=release).</summary>
    public bool[] PendingRelease { get; } = new bool[128];

    /// <summary>Pitch bend as −1..1 (8192 is 0).</summary>
    public double BendAmount { get; private set; }

    public byte[] Controllers { get; } = new byte[128];

    /// <summary>
    /// The controllers as 0..1, at full precision: <c>Controllers[n] / 127</c> for a MIDI value, the exact value for one
    /// an instrument sets with ARIA <c>set_hdccN</c>/<c>set_realccN</c> (0.1234 stays 0.1234, not 16/127). The controller
    /// routes (<c>*_onccN</c> without a curve) read these; conditions, curves and pedals read <see cref="Controllers"/>.
    /// Doubles, so that <c>offset_oncc1=12700</c> at 50 lands on frame 5000 exactly.
    /// </summary>
    public double[] ControllerValues { get; } = new double[128];

    public bool[] KeyDown { get; } = new bool[128];

    public byte[] KeyVelocity { get; } = new byte[128];

    public int KeysDown { get; set; }

    public bool Sustain => Controllers[ControllerSustain] >= 64;

    public int PitchBendValue { get; private set; } = 8192;

    public double BendRangeCents { get; private set; } = 200;

    /// <summary>Pitch bend as a frequency ratio.</summary>
    public double BendRatio { get; private set; } = 1;

    /// <summary>Incremented whenever <see cref="BendRatio"/> changes, so that voices recompute their increment.</summary>
    public int PitchVersion { get; private set; }

    /// <summary>Volume × expression × pan, left.</summary>
    public float GainLeft { get; private set; } = 1;

    /// <summary>Volume × expression × pan, right.</summary>
    public float GainRight { get; private set; } = 1;

    /// <summary>Volume × expression without the pan (a SoundFont voice pans by its own CC10 modulator route).</summary>
    public float VolumeGain { get; private set; } = 1;

    /// <summary>Incremented whenever the gains change, so that voices ramp to them.</summary>
    public int GainVersion { get; private set; }

    private int _channelPressure;
    private int _fineTuning = 8192;
    private int _coarseTuning = 64;

    /// <summary>Everything to power-on defaults (program kept).</summary>
    public void ResetAll()
    {
        ChannelPressure = 0;
        Array.Clear(PolyPressure);
        Array.Clear(Controllers);
        Controllers[ControllerVolume] = 100;
        Controllers[ControllerPan] = 64;
        Controllers[ControllerExpression] = 127;
        Controllers[ControllerRpnLsb] = 127;
        Controllers[ControllerRpnMsb] = 127;
        SyncControllerValues();
        BendRangeCents = 200;
        PitchBendValue = 8192;
        _fineTuning = 8192;
        _coarseTuning = 64;
        TuningCents = 0;
        ResetNrpn();
        UpdateBend();
        UpdateGain();
    }

    /// <summary>CC121 as MIDI RP-015 defines it: expression, pedals, bend and RPN selection reset; volume and pan kept.</summary>
    public void ResetControllers()
    {
        byte volume = Controllers[ControllerVolume], pan = Controllers[ControllerPan], bank = Controllers[ControllerBank];
        byte bankLsb = Controllers[ControllerBankLsb], reverb = Controllers[ControllerReverbSend], chorus = Controllers[ControllerChorusSend];
        double preciseVolume = ControllerValues[ControllerVolume], precisePan = ControllerValues[ControllerPan];
        Array.Clear(Controllers);
        Controllers[ControllerVolume] = volume;
        Controllers[ControllerPan] = pan;
        Controllers[ControllerBank] = bank;
        Controllers[ControllerBankLsb] = bankLsb;
        Controllers[ControllerReverbSend] = reverb; // RP-015 leaves effect depths alone (FluidSynth does the same)
        Controllers[ControllerChorusSend] = chorus;
        Controllers[ControllerExpression] = 127;
        Controllers[ControllerRpnLsb] = 127;
        Controllers[ControllerRpnMsb] = 127;
        SyncControllerValues();
        ControllerValues[ControllerVolume] = preciseVolume;
        ControllerValues[ControllerPan] = precisePan;
        PitchBendValue = 8192;
        ResetNrpn(); // as FluidSynth's fluid_channel_init_ctrl on CC121
        UpdateBend();
        UpdateGain();
    }

    private void SyncControllerValues()
    {
        for (int c = 0; c < Controllers.Length; c++)
            ControllerValues[c] = Controllers[c] / 127.0;
    }

    /// <summary>Stores a key's polyphonic pressure.</summary>
    public void SetPolyPressure(int key, int value)
    {
        PolyPressure[key & 127] = (byte)(value & 127);
        ModulationVersion++;
    }

    /// <summary>Stores a controller value and applies its effect on channel state (not on voices).</summary>
    public void SetController(int controller, int value) => SetController(controller, value, value / 127.0);

    /// <summary>
    /// Stores a controller with its full-precision value <paramref name="normalized"/> (0..1; set_hdccN), its 7-bit
    /// <paramref name="value"/> for what reads bytes, and applies its effect on channel state (not on voices).
    /// </summary>
    public void SetController(int controller, int value, double normalized)
    {
        Controllers[controller] = (byte)value;
        ControllerValues[controller] = normalized;
        ModulationVersion++;
        switch (controller)
        {
            case ControllerVolume:
            case ControllerExpression:
            case ControllerPan:
                UpdateGain();
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// A registered parameter set by data entry (<see cref="MidiDecoder"/> resolves the selection): 0 pitch bend
    /// sensitivity (MSB semitones, LSB cents; MIDI 1.0, RP-018), 1 channel fine tuning (14 bits, 8192 = 0, ±100 cents;
    /// FluidSynth maps it the same way), 2 channel coarse tuning (MSB semitones around 64; the LSB is ignored).
    /// Others are ignored.
    /// </summary>
    public void SetRegisteredParameter(int parameter, int value14)
    {
        int msb = (value14 >> 7) & 127, lsb = value14 & 127;
        switch (parameter)
        {
            case 0:
                BendRangeCents = (msb * 100.0) + Math.Min(lsb, 99);
                break;
            case 1:
                _fineTuning = value14 & 0x3FFF;
                break;
            case 2:
                _coarseTuning = msb;
                break;
            default:
                return;
        }

        TuningCents = ((_fineTuning - 8192) / 8192.0 * 100) + ((_coarseTuning - 64) * 100.0);
        UpdateBend();
    }

    /// <summary>
    /// SoundFont generator offsets by NRPN (SF2.01 section 9.6, kept in 2.04; FluidSynth's fluid_synth_nrpn): NRPN MSB 120
    /// with an LSB below 100 selects that generator; data entry sets its offset, (value - 8192) × the generator's NRPN
    /// scale (2 for cents and timecents of filters, pitch depths and envelope times, 1 for centibels, 0.1 % and Q, 4 for
    /// LFO frequencies, as FluidSynth's fluid_gen_info). Voices of SoundFont regions add the offsets they can render
    /// (their NRPN routes). Others (the AWE32 set, LSB 100-102 index extensions) are ignored.
    /// </summary>
    public void SetNonRegisteredParameter(int parameter, int value14)
    {
        int msb = (parameter >> 7) & 127, generator = parameter & 127;
        if (msb != 120 || generator >= SoundFontNrpn.Length || NrpnScale[generator] == 0)
            return;
        SoundFontNrpn[generator] = Math.Clamp((value14 & 0x3FFF) - 8192, -8192, 8192) * (float)NrpnScale[generator];
        SoundFontNrpnActive = true;
        ModulationVersion++;
    }

    /// <summary>The channel's NRPN offset per SoundFont generator 0..60, in the generator's units (<see cref="SetNonRegisteredParameter"/>).</summary>
    public float[] SoundFontNrpn { get; } = new float[61];

    /// <summary>True once an NRPN offset was set since the last reset (voices then read their NRPN routes).</summary>
    public bool SoundFontNrpnActive { get; private set; }

    // Per generator (SF2.04 section 8.1.2 order): the NRPN scale of section 9.6.3 as FluidSynth reads it; 0: not by NRPN.
    private static readonly byte[] NrpnScale =
    [
        1, 1, 1, 1, 1, 2, 2, 2, 2, 1, 2, 2, 1, 1, 0, 1, 1, 1, 0, 0, // 0-19
        0, 2, 4, 2, 4, 2, 2, 2, 2, 1, 2, 1, 1, 2, 2, 2, 2, 1, 2, 1, // 20-39
        1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, // 40-60
    ];

    private void ResetNrpn()
    {
        if (!SoundFontNrpnActive)
            return;
        Array.Clear(SoundFontNrpn);
        SoundFontNrpnActive = false;
        ModulationVersion++;
    }

    public void SetPitchBend(int value)
    {
        PitchBendValue = Math.Clamp(value, 0, 16383);
        UpdateBend();
    }

    private void UpdateBend()
    {
        double amount = (PitchBendValue - 8192) / (PitchBendValue >= 8192 ? 8191.0 : 8192.0);
        BendAmount = amount;
        BendRatio = PitchTable.Ratio((amount * BendRangeCents) + TuningCents);
        PitchVersion++;
        ModulationVersion++;
    }

    private void UpdateGain()
    {
        // GM level 1 / RP-... recommendation: gain follows the square of CC7 and CC11 (40·log10 curve).
        float volume = Controllers[ControllerVolume] / 127f;
        float expression = Controllers[ControllerExpression] / 127f;
        float g = _soundFontVolumeCurves
            ? (float)Math.Pow(10, -(ModulatorCurve.DefaultAttenuationCb(Controllers[ControllerVolume]) + ModulatorCurve.DefaultAttenuationCb(Controllers[ControllerExpression])) / 200)
            : volume * volume * expression * expression;
        double pan = Math.Clamp((Controllers[ControllerPan] - 64) / 63.0, -1, 1);
        double theta = (pan + 1) * Math.PI / 4;
        VolumeGain = g;
        GainLeft = g * (float)(Math.Sqrt(2) * Math.Cos(theta));
        GainRight = g * (float)(Math.Sqrt(2) * Math.Sin(theta));
        GainVersion++;
    }
}

using MidiSampler.Dsp.Effects;

namespace MidiSampler.Engine;

/// <summary>
/// Builds the DSP of an instrument's effect from its plain-data description, for one output rate. Control thread:
/// allocates (delay lines, reverb tanks).
/// </summary>
/// <remarks>
/// Design: the model keeps effects as <see cref="EffectSettings"/> (independent of any rate, so an instrument may be
/// installed in samplers of different rates); this is the one place that knows which effect each settings record
/// builds, and runs when the sampler compiles an instrument.
/// </remarks>
internal static class EffectBuilder
{
    /// <summary>The effect <paramref name="settings"/> describes, for <paramref name="sampleRate"/> Hz and runs of at most <paramref name="maxBlockFrames"/>; null for a record this engine does not know.</summary>
    public static BusEffect? Create(EffectSettings settings, int sampleRate, int maxBlockFrames) => settings switch
    {
        DelaySettings s => new StereoDelay(s, sampleRate),
        CompressorSettings s => new Compressor(s, sampleRate),
        GateSettings s => new NoiseGate(s, sampleRate),
        DistortionSettings s => new Distortion(s, sampleRate),
        PhaserSettings s => new Phaser(s, sampleRate),
        AutoPanSettings s => new AutoPan(s, sampleRate),
        StaticNoiseSettings s => new StaticNoise(s, sampleRate),
        ResonantStringsSettings s => new ResonantStrings(s, sampleRate),
        EqSettings s => new EqEffect(s.Shape, s.FrequencyHz, s.BandwidthOctaves, s.GainDb, sampleRate),
        FilterEffectSettings s => new FilterEffect(s.Type, s.CutoffHz, s.CutoffCents, s.ResonanceDb, sampleRate),
        LofiSettings s => new LofiEffect(s.BitReductionPercent, s.DecimationPercent, sampleRate),
        FirSettings s => new FirConvolution(s, sampleRate),
        ReverbSettings s => new ReverbEffect(s.InputPercent, s.DryPercent, s.WetPercent, s.SizePercent, s.DampPercent, s.TonePercent,
            s.PredelaySeconds, sampleRate, maxBlockFrames),
        _ => null,
    };
}

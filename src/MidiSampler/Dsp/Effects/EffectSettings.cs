namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The parameters of one bus effect, as plain data: what an instrument's effect description holds. The engine builds
/// the effect (a <see cref="BusEffect"/>) from it for its output rate. Threads: any (immutable).
/// </summary>
/// <remarks>
/// Design: the model and the format loaders describe an effect with one of these records and never hold code that builds
/// DSP; the engine maps each record type onto its effect when it compiles an instrument (Engine/EffectBuilder).
/// </remarks>
public abstract record class EffectSettings;

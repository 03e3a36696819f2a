namespace MidiSampler.Native;

/// <summary>The live handles of the C API, one table per kind (a sampler handle passed as an instrument is rejected).</summary>
internal static class Registry
{
    /// <summary>ms_sampler_t handles (tag 'S').</summary>
    public static readonly HandleTable<NativeSampler> Samplers = new(4096, (byte)'S');

    /// <summary>ms_instrument_t handles (tag 'I').</summary>
    public static readonly HandleTable<NativeInstrument> Instruments = new(1 << 16, (byte)'I');
}

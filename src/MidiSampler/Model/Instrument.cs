namespace MidiSampler.Model;

/// <summary>
/// A playable instrument: a name and its regions, immutable once built. A format loader (WAV, SFZ,
/// SoundFont 2) produces it on a control or loader thread; the sampler compiles it for its output
/// rate when it is installed.
/// </summary>
public sealed class Instrument
{
    /// <summary>Creates an instrument. Control thread.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="regions">The regions, in file order (order matters for round robin and reports).</param>
    /// <param name="warnings">What the loader reported and skipped (missing samples, unknown opcodes).</param>
    /// <param name="sourcePath">The file it was loaded from, if any.</param>
    public Instrument(string name, IReadOnlyList<Region> regions, IReadOnlyList<string>? warnings = null, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(regions);
        Name = name;
        Regions = regions.ToArray();
        Warnings = warnings?.ToArray() ?? [];
        SourcePath = sourcePath;
    }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>The regions, in file order.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>Messages the loader produced: what was skipped and why.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The file the instrument was loaded from, or <c>null</c>.</summary>
    public string? SourcePath { get; }

    /// <summary>
    /// Controller values to set on every MIDI channel when the instrument is installed (SFZ <c>set_ccN</c>), so that
    /// controller-driven opcodes start where the instrument's author meant. Set by the loader.
    /// </summary>
    public IReadOnlyList<ControllerDefault> InitialControllers { get; init; } = [];

    /// <summary>
    /// The share of its channel's reverb and chorus sends (CC91, CC93) the instrument gets at full controller: 1 for SFZ
    /// and single samples (CC91 127 sends 100 %); 0.2 for a SoundFont, whose default modulators CC91 → reverb send and
    /// CC93 → chorus send have amount 200 in 0.1 % (SF2.04 sections 8.4.8 and 8.4.9: 20 %, as FluidSynth). Set by the loader.
    /// </summary>
    public double ChannelSendScale { get; init; } = 1;

    /// <summary>
    /// The share of the channel's chorus send (CC93) at full controller, when it differs from <see cref="ChannelSendScale"/>
    /// (which then applies to the reverb only): a SoundFont preset whose bank gives the CC93 → chorus send default
    /// modulator another amount (SF2.04 sections 8.4.9, 9.5). Null: <see cref="ChannelSendScale"/>. Set by the loader.
    /// </summary>
    public double? ChannelChorusSendScale { get; init; }

    /// <summary>
    /// True for a SoundFont: its channel's CC7 and CC11 attenuate through the SF2 default modulators (960 cB × concave, as
    /// FluidSynth 2.3.1 reads them, <c>ModulatorCurve.DefaultAttenuationCb</c>) instead of the GM square law. Set by the loader.
    /// </summary>
    public bool SoundFontVolumeCurves { get; init; }

    /// <summary>
    /// The instrument's own effect buses (SFZ v2 <c>&lt;effect&gt;</c> headers), or null when it defines none: its regions'
    /// <c>effect1</c>/<c>effect2</c> then feed the engine's built-in reverb and chorus. Set by the loader.
    /// </summary>
    public InstrumentEffects? Effects { get; init; }

    /// <summary>Bytes of decoded sample data of the distinct samples of this instrument (what all-in-RAM would hold; a streamed sample holds less, see <see cref="Sample.ResidentBytes"/>).</summary>
    public long SampleBytes
    {
        get
        {
            var seen = new HashSet<Sample>(ReferenceEqualityComparer.Instance);
            long bytes = 0;
            foreach (var r in Regions)
            {
                if (seen.Add(r.Sample))
                    bytes += r.Sample.DecodedBytes;
            }

            return bytes;
        }
    }
}

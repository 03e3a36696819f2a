using System.Globalization;
using MidiSampler.Formats.Sfz.Effects;
using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// &lt;effect&gt; headers (SFZ v2): each header's opcodes are collected and, when the header ends, turned into an
/// <see cref="EffectDefinition"/> on its bus, plus the instrument-wide bus levels (<c>directtomain</c>, <c>fxNtomain</c>,
/// <c>fxNtomix</c>), which any &lt;effect&gt; header may set (as sfizz reads them; a later value wins).
/// </summary>
/// <remarks>
/// The header's opcodes are read once here, so that their problems are reported with their file and line at load; the
/// definition keeps what was read and builds the effect (and its memory) only when a sampler compiles the instrument.
/// </remarks>
internal sealed partial class SfzInstrumentBuilder
{
    private static readonly string[] RoutingOpcodes =
        ["bus", "directtomain", "fx1tomain", "fx2tomain", "fx3tomain", "fx4tomain", "fx1tomix", "fx2tomix", "fx3tomix", "fx4tomix"];

    private readonly List<EffectDefinition> _effects = [];
    private readonly double[] _fxToMainPercent = new double[4];
    private readonly double[] _fxToMixPercent = new double[4];
    private double _directToMainPercent = 100;
    private bool _hasEffectHeaders;
    private List<SfzOpcode>? _effectOpcodes;
    private SfzLocation _effectLocation;

    /// <summary>The instrument's effect buses, or null when the file has no &lt;effect&gt; header.</summary>
    public InstrumentEffects? Effects => _hasEffectHeaders
        ? new InstrumentEffects(_effects, _directToMainPercent, _fxToMainPercent, _fxToMixPercent)
        : null;

    private void StartEffect(SfzLocation location)
    {
        _effectOpcodes = [];
        _effectLocation = location;
    }

    private void FinishEffect()
    {
        if (_effectOpcodes is not { } list)
            return;
        _effectOpcodes = null;
        _hasEffectHeaders = true;
        var at = _effectLocation;
        var opcodes = new SfzEffectOpcodes(at, list, Warn);

        _directToMainPercent = opcodes.Number("directtomain", _directToMainPercent, 0, 100);
        for (int n = 0; n < 4; n++)
        {
            string bus = (n + 1).ToString(CultureInfo.InvariantCulture);
            _fxToMainPercent[n] = opcodes.Number("fx" + bus + "tomain", _fxToMainPercent[n], 0, 100);
            _fxToMixPercent[n] = opcodes.Number("fx" + bus + "tomix", _fxToMixPercent[n], 0, 100);
        }

        foreach (string ignored in (ReadOnlySpan<string>)["dsp_order", "internal", "param_offset"])
        {
            if (opcodes.Has(ignored))
                ReportOnce(list.FindLast(op => op.Name == ignored), $"opcode '{ignored}' is read but has no effect in this engine");
        }

        var bypass = opcodes.ControllerDepths("bypass", -100, 100).Select(c => new EffectBypass(c.Controller, c.Depth)).ToArray();
        string busName = opcodes.Text("bus")?.ToLowerInvariant() ?? "main";
        EffectBus? effectBus = busName switch
        {
            "main" => EffectBus.Main,
            "fx1" => EffectBus.Fx1,
            "fx2" => EffectBus.Fx2,
            "fx3" => EffectBus.Fx3,
            "fx4" => EffectBus.Fx4,
            _ => null,
        };

        if (effectBus is null)
        {
            // aux1..aux8 (extra outputs) and midi (ARIA's MIDI pre-processing) have no counterpart here.
            Warn(at, $"<effect> bus={SfzParser.Excerpt(busName)} is not supported (main, fx1..fx4); the effect is skipped");
            return;
        }

        bool routingOnly = opcodes.Type.Length == 0 && list.TrueForAll(op => Array.IndexOf(RoutingOpcodes, op.Name) >= 0);
        if (routingOnly)
            return; // a header that only sets bus levels, as sfizz's examples write them

        var settings = SfzEffectFactory.Prepare(opcodes, file => _resolver.Resolve(_sfzDirectory, file));
        if (settings is null)
            return; // the factory said why

        foreach (var op in opcodes.Unused())
        {
            if (_reportedOpcodes.Add("<effect>\n" + SfzOpcodeCatalog.Shape(op.Name, placeholders: false)))
                Warn(op.Location, $"opcode '{SfzParser.Excerpt(op.Name)}' is not supported in an <effect> of type '{SfzParser.Excerpt(opcodes.Type)}'; ignored");
        }

        _effects.Add(new EffectDefinition(effectBus.Value, opcodes.Type, at.ToString(), settings, bypass));
    }
}

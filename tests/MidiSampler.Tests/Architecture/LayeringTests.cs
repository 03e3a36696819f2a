using MidiSampler.Dsp.Effects;
using MidiSampler.Engine;

namespace MidiSampler.Tests.Architecture;

/// <summary>
/// The engine library's namespaces form layers that only point down (docs/engine.md, Layers): a type may use types of
/// its own layer and of the layers below it, never of a layer above. Checked over the compiled assembly, so a reverse
/// reference fails the build's tests wherever it hides (a field, a signature, a generic argument, a method body).
/// </summary>
public class LayeringTests
{
    /// <summary>
    /// The layers, bottom first. A namespace belongs to the layer of its longest listed prefix (so
    /// <c>MidiSampler.Formats.Sfz.Effects</c> is in Formats); the first, the root namespace, holds only its own types.
    /// Adding a namespace means placing it here.
    /// </summary>
    private static readonly string[] LayersBottomUp =
    [
        "MidiSampler", // the root namespace itself (not its children): EngineLimits, every fixed bound in one place
        "MidiSampler.Collections", // lock-free rings shared by threads: no knowledge of audio
        "MidiSampler.Realtime", // the OS: scheduling, memory locking, clocks (P/Invoke to libc)
        "MidiSampler.Dsp", // kernels, filters, envelopes, LFOs: plain numbers (Hz, cents, dB, seconds, frames)
        "MidiSampler.Dsp.Effects", // bus effects and their settings records, built on Dsp
        "MidiSampler.Model", // immutable instrument description: regions, samples, effect descriptions
        "MidiSampler.Formats", // file readers and writers (WAV, libsndfile, SFZ, SF2, SMF): produce the Model
        "MidiSampler.Streaming", // samples streamed from disk: decodes through Formats, serves the Model's samples
        "MidiSampler.Engine", // the sampler: compiles the Model, renders voices with Dsp
        "MidiSampler.Rendering", // offline rendering of songs through the Engine
        "MidiSampler.Diagnostics", // measurements that drive a whole Engine (latency meter)
    ];

    private static readonly Lazy<IReadOnlyList<TypeDependency>> Dependencies =
        new(() => TypeDependencyScanner.Scan(typeof(Sampler).Assembly.Location));

    [Fact]
    public void Every_reference_between_namespaces_points_down_the_layers()
    {
        var upward = Dependencies.Value
            .Where(d => IsOurs(d.FromNamespace) && IsOurs(d.ToNamespace) && LayerOf(d.ToNamespace) > LayerOf(d.FromNamespace))
            .GroupBy(d => $"{d.FromNamespace} -> {d.ToNamespace}")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: " + string.Join("; ", g.Select(d => $"{d.FromType} uses {d.ToType} ({d.Site})").Distinct().Take(8)))
            .ToList();

        Assert.True(upward.Count == 0,
            "A lower layer references a higher one (layers, bottom first: " + string.Join(" < ", LayersBottomUp) + "):\n" + string.Join("\n", upward));
    }

    [Fact]
    public void The_model_and_the_formats_describe_effects_without_building_them()
    {
        // They may use Dsp's plain data (settings records, enums) but no DSP processor: the Engine builds those.
        var assembly = typeof(Sampler).Assembly;
        var builds = Dependencies.Value
            .Where(d => d.FromNamespace.StartsWith("MidiSampler.Model", StringComparison.Ordinal) || d.FromNamespace.StartsWith("MidiSampler.Formats", StringComparison.Ordinal))
            .Where(d => d.ToNamespace == "MidiSampler.Dsp.Effects"
                && typeof(BusEffect).IsAssignableFrom(assembly.GetType(d.ToNamespace + "." + d.ToType)))
            .Select(d => $"{d.FromNamespace}.{d.FromType} uses {d.ToType} ({d.Site})")
            .Distinct()
            .ToList();

        Assert.True(builds.Count == 0, "The model or a loader builds an effect:\n" + string.Join("\n", builds));
    }

    [Fact]
    public void Streaming_serves_sample_files_and_knows_no_instrument_format()
    {
        // It decodes WAV and libsndfile files; the instrument formats hand it their sample paths through ISampleLoader.
        var formats = Dependencies.Value
            .Where(d => d.FromNamespace.StartsWith("MidiSampler.Streaming", StringComparison.Ordinal)
                && (d.ToNamespace.StartsWith("MidiSampler.Formats.Sfz", StringComparison.Ordinal) || d.ToNamespace.StartsWith("MidiSampler.Formats.Sf2", StringComparison.Ordinal)))
            .Select(d => $"{d.FromType} uses {d.ToNamespace}.{d.ToType} ({d.Site})")
            .Distinct()
            .ToList();

        Assert.True(formats.Count == 0, "Streaming reaches into an instrument format:\n" + string.Join("\n", formats));
    }

    [Fact]
    public void Every_namespace_of_the_library_is_placed_in_a_layer()
    {
        var unplaced = Dependencies.Value
            .SelectMany(d => new[] { d.FromNamespace, d.ToNamespace })
            .Concat(typeof(Sampler).Assembly.GetTypes().Select(t => t.Namespace ?? ""))
            .Where(n => IsOurs(n) && LayerOf(n) < 0)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unplaced.Count == 0, "Namespaces in no layer (add them to LayersBottomUp): " + string.Join(", ", unplaced));
    }

    [Fact]
    public void The_scan_sees_the_engine_use_the_lower_layers()
    {
        // Guards against a scan that finds nothing (and so passes): known downward uses, each of a different kind.
        var pairs = Dependencies.Value.Select(d => (d.FromType, d.ToType)).ToHashSet();
        Assert.Contains(("Sampler", "Voice"), pairs); // a field of an array type
        Assert.Contains(("Streamer", "SpscRing`1"), pairs); // a generic type in a field
        Assert.Contains(("EffectRack", "BusEffect"), pairs); // a method body and fields
    }

    /// <summary>The compiler's own types (<c>&lt;PrivateImplementationDetails&gt;</c>, collection expressions) have no namespace.</summary>
    private static bool IsOurs(string ns) => ns.StartsWith("MidiSampler", StringComparison.Ordinal);

    private static int LayerOf(string ns)
    {
        int best = -1, bestLength = -1;
        for (int i = 0; i < LayersBottomUp.Length; i++)
        {
            string layer = LayersBottomUp[i];
            bool matches = ns == layer || (i > 0 && ns.StartsWith(layer + ".", StringComparison.Ordinal));
            if (matches && layer.Length > bestLength)
            {
                best = i;
                bestLength = layer.Length;
            }
        }

        return best;
    }
}

using System.Runtime.CompilerServices;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// Compiled data that depends only on one immutable model object (and the output rate), computed once per such object
/// and shared by every region that references it: a SoundFont's regions share their route lists, LFO lists and velocity
/// curve (<c>SoundFontInterner</c>), so 17,030 FluidR3_GM regions compile a few hundred route arrays instead of 17,030, and
/// a region that two presets play alike compiles once. The tables hold their values only while the model object lives
/// (<see cref="ConditionalWeakTable{TKey, TValue}"/>). Control thread (any thread: the tables are thread-safe).
/// </summary>
internal static class CompiledShares
{
    private static readonly ConditionalWeakTable<object, List<(double Key, int Extra, object Value)>> s_derived = [];
    private static readonly ConditionalWeakTable<Region, CompiledRegion> s_regions = [];

    /// <summary>
    /// The value <paramref name="build"/> makes from <paramref name="source"/> and the numbers <paramref name="key"/> and
    /// <paramref name="extra"/> (which must be all it reads besides <paramref name="source"/>), built once.
    /// </summary>
    public static T Derived<T>(object source, double key, int extra, Func<T> build)
        where T : class
    {
        var list = s_derived.GetOrCreateValue(source);
        lock (list)
        {
            foreach (var (k, e, v) in list)
            {
                if (k.Equals(key) && e == extra && v is T found)
                    return found;
            }
        }

        var value = build();
        lock (list)
        {
            list.Add((key, extra, value));
        }

        return value;
    }

    /// <summary>
    /// The compiled <paramref name="region"/> at <paramref name="index"/> and <paramref name="outputRate"/>: the one compiled
    /// first for the same region object when it has that index and rate and plays the model's sample as it is (no loop
    /// copy, reversed or oscillator variant, whose buffers an instrument's lease owns alone), otherwise a new one.
    /// </summary>
    public static CompiledRegion Region(Region region, int index, double outputRate)
    {
        if (s_regions.TryGetValue(region, out var known) && known.Index == index && known.OutputRate == outputRate)
            return known;
        var compiled = new CompiledRegion(region, index, outputRate);
        if (known is null && ReferenceEquals(compiled.Played, region.Sample) && compiled.ReversedVariant is null && compiled.KeyVariants is null)
            s_regions.TryAdd(region, compiled);
        return compiled;
    }
}

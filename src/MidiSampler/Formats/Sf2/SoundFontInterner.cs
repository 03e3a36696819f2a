using MidiSampler.Model;

namespace MidiSampler.Formats.Sf2;

/// <summary>
/// Shares equal immutable pieces between the regions of one bank load: each modulator route, route list, LFO and LFO list
/// once, and each region once (a zone that two presets play alike, as bank variations and drum kits do, is one
/// <see cref="Region"/>). FluidR3_GM's 17,030 regions carried about 12 routes each, equal but for 1 in 10 (the default
/// modulators and the NRPN routes), 19 MB of the render's managed heap; 3,310 regions were exact copies. Shared, the
/// compile shares what it derives from them too (the compiled route arrays, LFOs and velocity curves, see
/// <c>CompiledRegion</c>). Loader thread; one per load (the tables go with the mapper).
/// </summary>
internal sealed class SoundFontInterner
{
    private readonly Dictionary<ModulatorRoute, ModulatorRoute> _routes = [];
    private readonly Dictionary<ListKey<ModulatorRoute>, ModulatorRoute[]> _routeLists = [];
    private readonly Dictionary<FlexLfo, FlexLfo> _lfos = [];
    private readonly Dictionary<ListKey<FlexLfo>, FlexLfo[]> _lfoLists = [];
    private readonly Dictionary<Region, Region> _regions = [];

    /// <summary>
    /// The region, or an equal region met before. Its routes and LFOs must come from <see cref="Routes"/> and
    /// <see cref="Lfos"/> (the record's equality compares lists by reference).
    /// </summary>
    public Region Region(Region region)
    {
        if (_regions.TryGetValue(region, out var known))
            return known;

        _regions.Add(region, region);
        return region;
    }

    /// <summary>The list with each route shared, or an equal list met before.</summary>
    public IReadOnlyList<ModulatorRoute> Routes(IReadOnlyList<ModulatorRoute> routes) => Share(routes, _routes, _routeLists);

    /// <summary>The list with each LFO shared, or an equal list met before.</summary>
    public IReadOnlyList<FlexLfo> Lfos(IReadOnlyList<FlexLfo> lfos) => Share(lfos, _lfos, _lfoLists);

    private static T[] Share<T>(IReadOnlyList<T> items, Dictionary<T, T> known, Dictionary<ListKey<T>, T[]> lists)
        where T : class
    {
        if (items.Count == 0)
            return [];
        var shared = new T[items.Count];
        for (int i = 0; i < shared.Length; i++)
        {
            var item = items[i];
            if (!known.TryGetValue(item, out var first))
                known.Add(item, first = item);
            shared[i] = first;
        }

        var key = new ListKey<T>(shared);
        if (lists.TryGetValue(key, out var list))
            return list;
        lists.Add(key, shared);
        return shared;
    }

    /// <summary>An array compared by its elements' references (they are interned first, so equal elements are the same object).</summary>
    private readonly struct ListKey<T>(T[] items) : IEquatable<ListKey<T>>
        where T : class
    {
        private readonly T[] _items = items;

        public bool Equals(ListKey<T> other)
        {
            if (_items.Length != other._items.Length)
                return false;
            for (int i = 0; i < _items.Length; i++)
            {
                if (!ReferenceEquals(_items[i], other._items[i]))
                    return false;
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is ListKey<T> other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var item in _items)
                hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(item));
            return hash.ToHashCode();
        }
    }
}

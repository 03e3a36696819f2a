using System.Runtime.CompilerServices;

namespace MidiSampler.Engine;

/// <summary>
/// Voices grouped by a key (an off_by group, a polyphony scope, a channel and key), so that an operation on one group
/// visits its voices only, never the whole pool.
/// </summary>
/// <remarks>
/// Design: intrusive doubly linked lists threaded through arrays indexed by the voice's <see cref="Voice.Slot"/>, with
/// their heads in an open-addressing table (linear probing, deletion by backward shift, so no tombstones). A voice is in
/// at most one list of an index, and a key exists only while its list is not empty, so the table never holds more keys
/// than there are voices; it is sized at twice that and never grows. Linking, unlinking and finding a key's list are
/// O(1) on average; nothing allocates after construction. Audio thread only, except construction.
/// </remarks>
internal sealed class VoiceIndex
{
    private const int None = -1;

    private readonly long[] _keyA;
    private readonly long[] _keyB;
    private readonly int[] _head;  // per table entry: first slot of its list, or None for an empty entry
    private readonly int[] _next;  // per voice slot
    private readonly int[] _prev;
    private readonly int[] _entry; // per voice slot: its table entry, or None when not linked
    private readonly int _mask;

    /// <summary>Creates an index for voice slots 0..<paramref name="voices"/>−1. Control thread: allocates.</summary>
    public VoiceIndex(int voices)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, voices * 2));
        _mask = size - 1;
        _keyA = new long[size];
        _keyB = new long[size];
        _head = new int[size];
        Array.Fill(_head, None);
        _next = new int[voices];
        _prev = new int[voices];
        _entry = new int[voices];
        Array.Fill(_entry, None);
    }

    /// <summary>True when the slot is in one of this index's lists.</summary>
    public bool Contains(int slot) => _entry[slot] != None;

    /// <summary>Puts <paramref name="slot"/> at the head of the list of (<paramref name="a"/>, <paramref name="b"/>); a slot already linked moves.</summary>
    public void Link(int slot, long a, long b)
    {
        if (_entry[slot] != None)
            Unlink(slot);
        int e = Find(a, b);
        if (_head[e] == None)
        {
            _keyA[e] = a;
            _keyB[e] = b;
        }

        int old = _head[e];
        _next[slot] = old;
        _prev[slot] = None;
        if (old != None)
            _prev[old] = slot;
        _head[e] = slot;
        _entry[slot] = e;
    }

    /// <summary>Takes <paramref name="slot"/> out of its list (nothing when it is in none); an emptied key leaves the table.</summary>
    public void Unlink(int slot)
    {
        int e = _entry[slot];
        if (e == None)
            return;
        int next = _next[slot], prev = _prev[slot];
        if (prev != None)
            _next[prev] = next;
        else
            _head[e] = next;
        if (next != None)
            _prev[next] = prev;
        _entry[slot] = None;
        if (_head[e] == None)
            Remove(e);
    }

    /// <summary>The first slot of the list of (<paramref name="a"/>, <paramref name="b"/>), or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int First(long a, long b) => _head[Find(a, b)];

    /// <summary>The slot after <paramref name="slot"/> in its list, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int slot) => _next[slot];

    /// <summary>The table entry holding (a, b), or the empty entry where it would go.</summary>
    private int Find(long a, long b)
    {
        int e = Hash(a, b) & _mask;
        while (_head[e] != None && (_keyA[e] != a || _keyB[e] != b))
            e = (e + 1) & _mask;
        return e;
    }

    /// <summary>Empties entry <paramref name="e"/> and shifts later entries of its probe run back, so lookups stay exact.</summary>
    private void Remove(int e)
    {
        int hole = e;
        int i = (e + 1) & _mask;
        while (_head[i] != None)
        {
            int home = Hash(_keyA[i], _keyB[i]) & _mask;
            // The entry at i may fill the hole when its home is not cyclically within (hole, i].
            bool stays = hole <= i ? home > hole && home <= i : home > hole || home <= i;
            if (!stays)
            {
                _keyA[hole] = _keyA[i];
                _keyB[hole] = _keyB[i];
                _head[hole] = _head[i];
                for (int s = _head[hole]; s != None; s = _next[s])
                    _entry[s] = hole;
                _head[i] = None;
                hole = i;
            }

            i = (i + 1) & _mask;
        }

        _head[hole] = None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(long a, long b)
    {
        ulong h = ((ulong)a * 0x9E3779B97F4A7C15UL) ^ ((ulong)b * 0xC2B2AE3D27D4EB4FUL);
        return (int)(h ^ (h >> 29));
    }
}

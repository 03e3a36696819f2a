namespace MidiSampler.Native;

/// <summary>
/// Maps the opaque pointers the C API hands out (ms_sampler_t*, ms_instrument_t*) to their objects, so that a
/// destroyed, forged or wrong-kind handle is detected instead of being dereferenced.
/// </summary>
/// <remarks>
/// Design: a handle is not an address but (generation &lt;&lt; 32 | slot &lt;&lt; 8 | kind tag). Destroying bumps the
/// slot's generation, so the old handle never matches again, even after the slot is reused. Creating and destroying
/// take a lock (control thread); looking up is two volatile reads and no lock or allocation, so the audio thread
/// may do it in ms_process. A lookup racing with the destruction of the same handle is outside the contract (the
/// header forbids it); it returns the object or null, never a torn one.
/// </remarks>
/// <typeparam name="T">The kind of object.</typeparam>
internal sealed class HandleTable<T>
    where T : class
{
    private readonly T?[] _objects;
    private readonly uint[] _generations;
    private readonly Stack<int> _free = new();
    private readonly Lock _lock = new();
    private readonly byte _tag;
    private int _used;

    /// <summary>Creates a table of <paramref name="capacity"/> slots whose handles carry <paramref name="tag"/> (not 0).</summary>
    public HandleTable(int capacity, byte tag)
    {
        ArgumentOutOfRangeException.ThrowIfZero(tag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 24);
        _objects = new T?[capacity];
        _generations = new uint[capacity];
        _tag = tag;
    }

    /// <summary>Registers <paramref name="value"/> and returns its handle, or 0 when the table is full. Control thread.</summary>
    public nint Add(T value)
    {
        lock (_lock)
        {
            int slot;
            if (_free.Count > 0)
                slot = _free.Pop();
            else if (_used < _objects.Length)
                slot = _used++;
            else
                return 0;
            uint generation = _generations[slot] + 1;
            if (generation == 0)
                generation = 1;
            Volatile.Write(ref _generations[slot], generation);
            Volatile.Write(ref _objects[slot], value);
            return Encode(generation, slot);
        }
    }

    /// <summary>The object of a live handle, or null. Any thread; no lock, no allocation.</summary>
    public T? Get(nint handle)
    {
        if (!TryDecode(handle, out uint generation, out int slot))
            return null;
        if (Volatile.Read(ref _generations[slot]) != generation)
            return null;
        var value = Volatile.Read(ref _objects[slot]);
        return Volatile.Read(ref _generations[slot]) == generation ? value : null;
    }

    /// <summary>Unregisters a live handle and returns its object, or null when it was not live. Control thread.</summary>
    public T? Remove(nint handle)
    {
        if (!TryDecode(handle, out uint generation, out int slot))
            return null;
        lock (_lock)
        {
            if (_generations[slot] != generation || _objects[slot] is not { } value)
                return null;
            Volatile.Write(ref _objects[slot], null);
            Volatile.Write(ref _generations[slot], generation + 1 == 0 ? 1 : generation + 1);
            _free.Push(slot);
            return value;
        }
    }

    private nint Encode(uint generation, int slot) => (nint)(((long)generation << 32) | ((long)slot << 8) | _tag);

    private bool TryDecode(nint handle, out uint generation, out int slot)
    {
        long value = handle;
        generation = (uint)(value >> 32);
        slot = (int)((value >> 8) & 0xFFFFFF);
        return (value & 0xFF) == _tag && generation != 0 && slot < _objects.Length;
    }
}


namespace MidiSampler.Collections;

/// <summary>
/// A bounded, lock-free single-producer/single-consumer ring of small blittable values.
/// </summary>
/// <remarks>
/// Design: capacity is a power of two so that indices wrap with a mask. The producer owns
/// <c>tail</c>, the consumer owns <c>head</c>; each publishes its index with a release store
/// (<see cref="Volatile.Write(ref long, long)"/>) after touching the slot and reads the other's with
/// an acquire load, so a slot is never read before it is written nor overwritten before it is read.
/// The two indices live on separate cache lines to avoid false sharing. A full ring refuses the
/// value (the caller counts the drop); it never grows, allocates or waits.
/// Threads: exactly one producer thread and one consumer thread at a time.
/// </remarks>
/// <typeparam name="T">An unmanaged value type.</typeparam>
public sealed class SpscRing<T>
    where T : unmanaged
{
    private readonly T[] _slots;
    private readonly long _mask;
    private RingIndices _indices;

    /// <summary>Creates a ring. Control thread: allocates.</summary>
    /// <param name="capacity">Requested capacity, rounded up to a power of two (at least 2).</param>
    public SpscRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 24);
        int size = (int)Math.Max(2, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity));
        _slots = new T[size];
        _mask = size - 1;
    }

    /// <summary>Number of slots.</summary>
    public int Capacity => _slots.Length;

    /// <summary>Values currently queued (a snapshot; exact only on the producer or consumer thread).</summary>
    public int Count => (int)(Volatile.Read(ref _indices.Tail) - Volatile.Read(ref _indices.Head));

    /// <summary>Adds a value. Producer thread only. Returns false when the ring is full (nothing is written).</summary>
    public bool TryWrite(in T value)
    {
        long tail = _indices.Tail;
        if (tail - Volatile.Read(ref _indices.Head) >= _slots.Length)
            return false;
        _slots[tail & _mask] = value;
        Volatile.Write(ref _indices.Tail, tail + 1);
        return true;
    }

    /// <summary>Takes the oldest value. Consumer thread only. Returns false when the ring is empty.</summary>
    public bool TryRead(out T value)
    {
        long head = _indices.Head;
        if (head == Volatile.Read(ref _indices.Tail))
        {
            value = default;
            return false;
        }

        value = _slots[head & _mask];
        Volatile.Write(ref _indices.Head, head + 1);
        return true;
    }

    /// <summary>Looks at the oldest value without taking it. Consumer thread only.</summary>
    public bool TryPeek(out T value)
    {
        long head = _indices.Head;
        if (head == Volatile.Read(ref _indices.Tail))
        {
            value = default;
            return false;
        }

        value = _slots[head & _mask];
        return true;
    }
}

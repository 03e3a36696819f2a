using MidiSampler.Collections;

namespace MidiSampler.Tests.Collections;

public class SpscRingTests
{
    [Fact]
    public void Full_ring_refuses_and_keeps_order()
    {
        var ring = new SpscRing<int>(4);
        Assert.Equal(4, ring.Capacity);
        for (int i = 0; i < 4; i++)
            Assert.True(ring.TryWrite(i));
        Assert.False(ring.TryWrite(99));
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryRead(out int v));
            Assert.Equal(i, v);
        }

        Assert.False(ring.TryRead(out _));
    }

    [Fact]
    public void Capacity_rounds_up_to_power_of_two() => Assert.Equal(8, new SpscRing<long>(5).Capacity);

    [Fact]
    public void Concurrent_producer_and_consumer_see_every_value_once_in_order()
    {
        const int count = 2_000_000;
        var ring = new SpscRing<long>(256);
        long expected = 0;
        bool ok = true;
        var consumer = new Thread(() =>
        {
            while (expected < count)
            {
                if (ring.TryRead(out long v))
                {
                    ok &= v == expected;
                    expected++;
                }
            }
        });
        consumer.Start();
        for (long i = 0; i < count; i++)
        {
            while (!ring.TryWrite(i))
                Thread.SpinWait(1);
        }

        Assert.True(consumer.Join(TimeSpan.FromSeconds(30)));
        Assert.True(ok);
        Assert.Equal(count, expected);
    }
}

using System.Net;

namespace MidiSampler.Remote;

/// <summary>
/// A token bucket per client address: <see cref="RequestsPerSecond"/> on average, bursts up to <see cref="Burst"/>.
/// Bounded: it tracks at most <see cref="MaxClients"/> addresses and forgets them all when full (a flood of forged
/// UDP sources then costs a reset, not memory).
/// </summary>
public sealed class RateLimiter
{
    /// <summary>Addresses tracked at once.</summary>
    public const int MaxClients = 1024;

    private readonly Dictionary<IPAddress, (double Tokens, long Ticks)> _buckets = [];
    private readonly Lock _gate = new();

    /// <summary>A limiter with this average rate and burst.</summary>
    public RateLimiter(double requestsPerSecond, double burst)
    {
        RequestsPerSecond = requestsPerSecond;
        Burst = burst;
    }

    /// <summary>The average rate allowed per address.</summary>
    public double RequestsPerSecond { get; }

    /// <summary>Requests allowed at once after a quiet spell.</summary>
    public double Burst { get; }

    /// <summary>Requests refused so far.</summary>
    public long Refused { get; private set; }

    /// <summary>True when <paramref name="client"/> may make one more request now (and counts it). Any thread.</summary>
    public bool Allow(IPAddress? client)
    {
        client ??= IPAddress.None;
        long now = Environment.TickCount64;
        lock (_gate)
        {
            if (!_buckets.TryGetValue(client, out var bucket))
            {
                if (_buckets.Count >= MaxClients)
                    _buckets.Clear();
                bucket = (Burst, now);
            }

            double tokens = Math.Min(Burst, bucket.Tokens + ((now - bucket.Ticks) / 1000.0 * RequestsPerSecond));
            bool allowed = tokens >= 1;
            _buckets[client] = (allowed ? tokens - 1 : tokens, now);
            if (!allowed)
                Refused++;
            return allowed;
        }
    }
}

using System.Net;

namespace MidiSampler.Remote;

/// <summary>How the remote control listens and what it allows.</summary>
public sealed record RemoteOptions
{
    /// <summary>Where the web panel and JSON API listen, or null for none.</summary>
    public IPEndPoint? Web { get; init; }

    /// <summary>Where OSC is received (UDP), or null for none.</summary>
    public IPEndPoint? Osc { get; init; }

    /// <summary>The token a client must show; required (non-null) when either endpoint is beyond the loopback.</summary>
    public string? Token { get; init; }

    /// <summary>The directories remote loads may read from.</summary>
    public required InstrumentLibrary Library { get; init; }

    /// <summary>Largest request body accepted (bytes); larger ones get 413.</summary>
    public int MaxRequestBytes { get; init; } = 16 * 1024;

    /// <summary>Largest OSC packet accepted (bytes); larger ones are dropped and counted.</summary>
    public int MaxOscPacketBytes { get; init; } = 2048;

    /// <summary>Requests (HTTP or OSC) per second allowed per client address, on average.</summary>
    public double RequestsPerSecond { get; init; } = 50;

    /// <summary>Requests allowed in a burst per client address.</summary>
    public double RequestBurst { get; init; } = 100;

    /// <summary>Live-update (WebSocket) clients at once.</summary>
    public int MaxLiveClients { get; init; } = 8;

    /// <summary>How often the live updates push the status.</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a live (WebSocket) client gets the channel meters.</summary>
    public TimeSpan MeterInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>True when <paramref name="endpoint"/> can be reached only from this machine.</summary>
    public static bool IsLoopback(IPEndPoint? endpoint) => endpoint is null || IPAddress.IsLoopback(endpoint.Address);

    /// <summary>Parses "ADDRESS:PORT" or "PORT" (then 127.0.0.1), "[v6]:PORT" too.</summary>
    /// <exception cref="ArgumentException">Not an address and a port 1..65535.</exception>
    public static IPEndPoint ParseEndpoint(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int bare))
            text = "127.0.0.1:" + bare.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
            text = "127.0.0.1" + text["localhost".Length..];
        if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port is < 1 or > 65535 || !text.Contains(':', StringComparison.Ordinal))
            throw new ArgumentException($"{option} '{text}': expected ADDRESS:PORT (127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080) or PORT");
        return endpoint;
    }
}

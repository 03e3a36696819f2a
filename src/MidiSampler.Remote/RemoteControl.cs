namespace MidiSampler.Remote;

/// <summary>The web server and the OSC receiver a <c>play</c> session runs, started and stopped together.</summary>
public sealed class RemoteControl : IAsyncDisposable
{
    private RemoteControl(RemoteOperations operations, WebServer? web, OscServer? osc)
    {
        Operations = operations;
        Web = web;
        Osc = osc;
    }

    /// <summary>The operations both serve.</summary>
    public RemoteOperations Operations { get; }

    /// <summary>The web server, or null.</summary>
    public WebServer? Web { get; }

    /// <summary>The OSC receiver, or null.</summary>
    public OscServer? Osc { get; }

    /// <summary>Starts what <paramref name="options"/> asks for. Control thread.</summary>
    /// <exception cref="IOException">An address cannot be bound.</exception>
    public static async Task<RemoteControl> StartAsync(IRemoteTarget target, RemoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var operations = new RemoteOperations(target, options.Library);
        var web = options.Web is null ? null : await WebServer.StartAsync(operations, options).ConfigureAwait(false);
        OscServer? osc = null;
        try
        {
            osc = options.Osc is null ? null : OscServer.Start(operations, options);
        }
        catch
        {
            if (web is not null)
                await web.DisposeAsync().ConfigureAwait(false);
            operations.Dispose();
            throw;
        }

        return new RemoteControl(operations, web, osc);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Osc?.Dispose();
        if (Web is not null)
            await Web.DisposeAsync().ConfigureAwait(false);
        Operations.Dispose();
    }
}

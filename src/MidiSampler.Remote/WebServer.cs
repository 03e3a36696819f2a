using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MidiSampler.Remote;

/// <summary>
/// The web panel and its JSON API (docs/remote.md), on Kestrel from the shared framework: one request handler, no
/// reflection-based routing or serialisation (the program is also built with NativeAOT), the panel embedded in the
/// assembly.
/// </summary>
/// <remarks>
/// Design, security first: every request passes, in order, the per-address rate limit (429), the Host check on a
/// loopback listener (421: a page elsewhere cannot reach it by DNS rebinding), the token when one is required (401:
/// <c>Authorization: Bearer</c>, or <c>?token=</c> for the WebSocket a browser cannot give headers to), the Origin
/// check (403: another site's page cannot drive it from the user's browser), and for POST a JSON content type and a
/// bounded body (415, 413). Kestrel itself bounds the request line and headers (414, 431) and the connections.
/// Commands then go through <see cref="RemoteOperations"/>: the same lock-free paths as the console.
/// </remarks>
public sealed class WebServer : IAsyncDisposable
{
    /// <summary>Readable JSON: file names with quotes and accents as they are (the panel escapes what it shows).</summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly RemoteOperations _operations;
    private readonly RemoteOptions _options;
    private readonly RateLimiter _limiter;
    private readonly WebApplication _app;
    private readonly byte[] _panel;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _checkGate = new(1, 1);
    private (string Json, long Ticks)? _check;
    private int _liveClients;

    private WebServer(RemoteOperations operations, RemoteOptions options, WebApplication app)
    {
        _operations = operations;
        _options = options;
        _app = app;
        _limiter = new RateLimiter(options.RequestsPerSecond, options.RequestBurst);
        using var stream = typeof(WebServer).Assembly.GetManifestResourceStream("panel.html")
            ?? throw new InvalidOperationException("the panel is missing from the assembly");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        _panel = memory.ToArray();
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint Endpoint => _options.Web!;

    /// <summary>Requests refused for their rate so far.</summary>
    public long RateLimited => _limiter.Refused;

    /// <summary>Starts listening on <see cref="RemoteOptions.Web"/>. Control thread.</summary>
    /// <exception cref="IOException">The address cannot be bound (in use, not this machine's).</exception>
    public static async Task<WebServer> StartAsync(RemoteOperations operations, RemoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.Web ?? throw new ArgumentException("no web endpoint", nameof(options));
        if (!RemoteOptions.IsLoopback(endpoint) && options.Token is null)
            throw new ArgumentException("a web endpoint beyond the loopback needs a token");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders(); // the program's own lines only; a request log would also allocate per request
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.Limits.MaxRequestHeadersTotalSize = 8 * 1024;
            k.Limits.MaxRequestLineSize = 4 * 1024;
            k.Limits.MaxConcurrentConnections = 64;
            k.Limits.MaxConcurrentUpgradedConnections = options.MaxLiveClients;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        });
        var app = builder.Build();
        var server = new WebServer(operations, options, app);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.Run(server.HandleAsync);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"--web {endpoint}: cannot listen: {e.Message}", e);
        }

        return server;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _checkGate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        if (!_limiter.Allow(context.Connection.RemoteIpAddress))
        {
            await Error(context, 429, "too many requests; slow down").ConfigureAwait(false);
            return;
        }

        if (RemoteOptions.IsLoopback(_options.Web) && !IsLoopbackHost(request.Host.Host))
        {
            await Error(context, 421, $"this server answers to 127.0.0.1/localhost only, not to Host '{request.Host.Host}'").ConfigureAwait(false);
            return;
        }

        string path = request.Path.Value ?? "/";
        if (HttpMethods.IsGet(request.Method) && path is "/" or "/index.html")
        {
            // The panel itself holds no secret: it asks for the token (or reads it from the URL's #fragment) and sends it to the API.
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
            await response.Body.WriteAsync(_panel, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            await Error(context, 404, $"no such page: {path}").ConfigureAwait(false);
            return;
        }

        if (_options.Token is { } token && !RemoteToken.Matches(token, GivenToken(request)))
        {
            response.Headers.WWWAuthenticate = "Bearer";
            await Error(context, 401, "a token is needed (Authorization: Bearer TOKEN, or ?token= on the WebSocket)").ConfigureAwait(false);
            return;
        }

        if (request.Headers.Origin is { Count: > 0 } origin && !SameOrigin(origin.ToString(), request))
        {
            await Error(context, 403, $"requests from the page at {origin} are not allowed").ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            await Get(context, path).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            await Error(context, 405, $"{request.Method} is not allowed; GET or POST").ConfigureAwait(false);
            return;
        }

        if (request.ContentLength > _options.MaxRequestBytes)
        {
            await Error(context, 413, $"the request body is over {_options.MaxRequestBytes} bytes").ConfigureAwait(false);
            return;
        }

        // Any body type but JSON is refused, even empty: an empty HTML form's POST carries a form type and no body.
        bool json = request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        if ((request.ContentType is not null || request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0) && !json)
        {
            await Error(context, 415, "send the body as application/json").ConfigureAwait(false);
            return;
        }

        JsonElement body;
        try
        {
            body = await ReadBody(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            await Error(context, 413, $"the request body is over {_options.MaxRequestBytes} bytes").ConfigureAwait(false);
            return;
        }
        catch (JsonException e)
        {
            await Error(context, 400, $"the body is not JSON: {e.Message}").ConfigureAwait(false);
            return;
        }

        await Post(context, path, body).ConfigureAwait(false);
    }

    private async Task Get(HttpContext context, string path)
    {
        switch (path)
        {
            case "/api/status":
                await Json(context, 200, _operations.WriteStatus).ConfigureAwait(false);
                break;
            case "/api/programs":
                await Json(context, 200, _operations.WritePrograms).ConfigureAwait(false);
                break;
            case "/api/library":
                await Json(context, 200, _operations.WriteLibrary).ConfigureAwait(false);
                break;
            case "/api/check":
                string report = await CheckReport(context.RequestAborted).ConfigureAwait(false);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(report, context.RequestAborted).ConfigureAwait(false);
                break;
            case "/api/midi":
                long since = long.TryParse(context.Request.Query["since"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long s) ? s : 0;
                await Json(context, 200, w => _operations.Midi.Write(w, since)).ConfigureAwait(false);
                break;
            case "/api/meters":
                await Json(context, 200, _operations.Meters.Write).ConfigureAwait(false);
                break;
            case "/api/live":
                await Live(context).ConfigureAwait(false);
                break;
            default:
                await Error(context, 404, $"no such resource: GET {path}").ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// The check report runs system tools (a second or two of CPU): one run at a time, and a report younger than 10 s is
    /// served again, so that a client asking in a loop cannot load the machine the audio runs on.
    /// </summary>
    private async Task<string> CheckReport(CancellationToken cancel)
    {
        await _checkGate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (_check is { } cached && Environment.TickCount64 - cached.Ticks < 10_000)
                return cached.Json;
            string json = await Task.Run(_operations.Target.CheckReportJson, cancel).ConfigureAwait(false);
            _check = (json, Environment.TickCount64);
            return json;
        }
        finally
        {
            _checkGate.Release();
        }
    }

    private async Task Post(HttpContext context, string path, JsonElement body)
    {
        (int Status, Hosting.CommandResult Result) answer;
        try
        {
            answer = path switch
            {
                "/api/panic" => _operations.Panic(),
                "/api/gain" => _operations.SetGain(Number(body, "db") ?? throw new ArgumentException("'db' (a number) is required")),
                "/api/load" => _operations.Load(
                    Text(body, "path") ?? throw new ArgumentException("'path' (a string) is required"),
                    Int(body, "root") ?? 0,
                    Int(body, "program")),
                "/api/unload" => _operations.Unload(Int(body, "program") ?? throw new ArgumentException("'program' (0..127) is required")),
                "/api/reload" => _operations.Reload(Int(body, "program")),
                "/api/channel" => _operations.SetChannelProgram(
                    Int(body, "channel") ?? throw new ArgumentException("'channel' (1..16) is required"),
                    Int(body, "program") ?? throw new ArgumentException("'program' (0..127) is required")),
                "/api/stats/reset" => _operations.ResetPeaks(),
                _ => (404, Hosting.CommandResult.Fail($"no such command: POST {path}")),
            };
        }
        catch (ArgumentException e)
        {
            answer = (400, Hosting.CommandResult.Fail(e.Message));
        }

        await Json(context, answer.Status, w => RemoteOperations.WriteResult(w, answer.Result)).ConfigureAwait(false);
    }

    /// <summary>
    /// GET /api/live as a WebSocket: the status every <see cref="RemoteOptions.UpdateInterval"/>, the channel meters every
    /// <see cref="RemoteOptions.MeterInterval"/> (when the sampler has them), the programs when they change.
    /// </summary>
    private async Task Live(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Error(context, 400, "GET /api/live is a WebSocket (ws://HOST/api/live?token=...)").ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _liveClients) > _options.MaxLiveClients)
        {
            Interlocked.Decrement(ref _liveClients);
            await Error(context, 503, $"at most {_options.MaxLiveClients} live clients at once").ConfigureAwait(false);
            return;
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            var reader = DrainAsync(socket, done); // the client sends nothing we act on; this sees it close
            await PushAsync(socket, done.Token).ConfigureAwait(false);
            await reader.ConfigureAwait(false);
            if (socket.State == WebSocketState.CloseReceived)
            {
                // The handshake the client waits for; sent here, by the only sender, never during a push.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // the client went away, or the server stops
        }
        finally
        {
            Interlocked.Decrement(ref _liveClients);
        }
    }

    private async Task PushAsync(WebSocket socket, CancellationToken cancel)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        int sentVersion = -1;
        long sentMidi = _operations.Midi.Latest;
        var meterInterval = _options.MeterInterval > TimeSpan.Zero && _options.MeterInterval < _options.UpdateInterval ? _options.MeterInterval : _options.UpdateInterval;
        using var timer = new PeriodicTimer(meterInterval);
        long lastStatus = long.MinValue / 2;
        try
        {
            do
            {
                // The programs, the status and new MIDI every UpdateInterval (the first tick included, programs first).
                if (Environment.TickCount64 - lastStatus >= _options.UpdateInterval.TotalMilliseconds - (meterInterval.TotalMilliseconds / 2))
                {
                    lastStatus = Environment.TickCount64;
                    int version = _operations.ProgramsVersion;
                    if (version != sentVersion)
                    {
                        await Send(socket, buffer, "programs", _operations.WritePrograms, cancel).ConfigureAwait(false);
                        sentVersion = version;
                    }

                    await Send(socket, buffer, "status", _operations.WriteStatus, cancel).ConfigureAwait(false);
                    long midi = _operations.Midi.Latest;
                    if (midi != sentMidi)
                    {
                        long since = sentMidi;
                        await Send(socket, buffer, "midi", w => _operations.Midi.Write(w, since), cancel).ConfigureAwait(false);
                        sentMidi = midi;
                    }
                }

                // The meters on every tick (MeterInterval).
                if (_operations.Meters.Available)
                    await Send(socket, buffer, "meters", _operations.Meters.Write, cancel).ConfigureAwait(false);
            }
            while (socket.State == WebSocketState.Open && await timer.WaitForNextTickAsync(cancel).ConfigureAwait(false));
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // closed by the client (the reader cancelled), gone, or the server stops
        }
    }

    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource done)
    {
        var scratch = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(scratch, done.Token).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // gone
        }

        await done.CancelAsync().ConfigureAwait(false);
    }

    private static async Task Send(WebSocket socket, ArrayBufferWriter<byte> buffer, string type, Action<Utf8JsonWriter> write, CancellationToken cancel)
    {
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WritePropertyName("data");
            write(w);
            w.WriteEndObject();
        }

        await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancel).ConfigureAwait(false);
    }

    private async Task<JsonElement> ReadBody(HttpContext context)
    {
        var body = new byte[_options.MaxRequestBytes + 1];
        int length = 0;
        while (length < body.Length)
        {
            int n = await context.Request.Body.ReadAsync(body.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
            if (n == 0)
                break;
            length += n;
        }

        if (length > _options.MaxRequestBytes)
            throw new BadHttpRequestException("too large", 413);
        if (length == 0)
            return default;
        using var document = JsonDocument.Parse(body.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 8 });
        return document.RootElement.Clone();
    }

    private static async Task Json(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
            write(w);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task Error(HttpContext context, int status, string message) =>
        Json(context, status, w => RemoteOperations.WriteResult(w, Hosting.CommandResult.Fail(message)));

    private static string? GivenToken(HttpRequest request)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        return request.Query.TryGetValue("token", out var token) ? token.ToString() : null;
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static JsonElement? Property(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static double? Number(JsonElement body, string name) => Property(body, name) is { } v
        ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new ArgumentException($"'{name}' must be a number")
        : null;

    private static int? Int(JsonElement body, string name) => Property(body, name) is { } v
        ? v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw new ArgumentException($"'{name}' must be a whole number")
        : null;

    private static string? Text(JsonElement body, string name) => Property(body, name) is { } v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw new ArgumentException($"'{name}' must be a string")
        : null;
}

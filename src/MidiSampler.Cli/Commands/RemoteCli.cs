using System.CommandLine;
using MidiSampler.Remote;

namespace MidiSampler.Cli.Commands;

/// <summary>
/// The options of <c>play</c> for control from the network (docs/remote.md): <c>--web ADDRESS:PORT</c>,
/// <c>--osc [ADDRESS:]PORT</c>, <c>--library DIR</c>, <c>--token-file FILE</c>, and how they become
/// <see cref="RemoteOptions"/>: the library defaults to the instruments' own directories, and an address beyond the
/// loopback gets a token (from $MIDISAMPLER_REMOTE_TOKEN, the file, or generated at first start and stored).
/// </summary>
internal sealed class RemoteCli
{
    private readonly Option<string?> _web = new("--web")
    {
        Description = "serve the web panel and JSON API on ADDRESS:PORT (127.0.0.1:8080; any other address needs a token; docs/remote.md)",
    };

    private readonly Option<string?> _osc = new("--osc")
    {
        Description = "receive OSC over UDP on PORT (127.0.0.1) or ADDRESS:PORT (any other address needs /ms/auth with the token)",
    };

    private readonly Option<string[]> _library = new("--library")
    {
        Description = "a directory the web panel and OSC may load instruments from (repeatable; default: the directories of the instruments given)",
        DefaultValueFactory = _ => [],
    };

    private readonly Option<string?> _tokenFile = new("--token-file")
    {
        Description = "where the remote token is read from, or stored when generated (default $STATE_DIRECTORY/remote-token, else ~/.config/midi-sampler/remote-token)",
    };

    /// <summary>Adds the options to <paramref name="command"/>. Control thread.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _web, _osc, _library, _tokenFile })
            command.Options.Add(option);
    }

    /// <summary>True when the remote control is asked for.</summary>
    public bool Wanted(ParseResult parse) => parse.GetValue(_web) is not null || parse.GetValue(_osc) is not null;

    /// <summary>
    /// The remote options, or null when neither --web nor --osc is given. Writes where the token came from (and a new
    /// token itself, once, so that it can be copied) to <paramref name="output"/>. Control thread.
    /// </summary>
    /// <exception cref="ArgumentException">An endpoint or a library directory is wrong.</exception>
    public RemoteOptions? Read(ParseResult parse, IReadOnlyList<string> instruments, TextWriter output)
    {
        if (!Wanted(parse))
            return null;
        var web = parse.GetValue(_web) is { } w ? RemoteOptions.ParseEndpoint(w, "--web") : null;
        var osc = parse.GetValue(_osc) is { } o ? RemoteOptions.ParseEndpoint(o, "--osc") : null;
        string[] directories = parse.GetValue(_library) is { Length: > 0 } given ? given : [.. DefaultLibrary(instruments)];
        var library = new InstrumentLibrary(directories);

        // A token when an endpoint is reachable from elsewhere, or when one is configured (then it is asked for everywhere).
        string? tokenFile = parse.GetValue(_tokenFile);
        bool configured = Environment.GetEnvironmentVariable(RemoteToken.EnvironmentVariable) is { Length: > 0 } || (tokenFile is not null && File.Exists(tokenFile));
        string? token = null;
        if (configured || !RemoteOptions.IsLoopback(web) || !RemoteOptions.IsLoopback(osc))
        {
            token = RemoteToken.Obtain(tokenFile, out string origin);
            output.WriteLine($"midi-sampler: remote token {origin}" + (origin.StartsWith("generated", StringComparison.Ordinal) ? $": {token}" : ""));
        }

        return new RemoteOptions { Web = web, Osc = osc, Library = library, Token = token };
    }

    private static IEnumerable<string> DefaultLibrary(IReadOnlyList<string> instruments)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string i in instruments)
        {
            string directory = Directory.Exists(i) ? i : Path.GetDirectoryName(Path.GetFullPath(i)) ?? ".";
            if (seen.Add(Path.GetFullPath(directory)))
                yield return directory;
        }
    }
}

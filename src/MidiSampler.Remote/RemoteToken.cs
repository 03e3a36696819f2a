using System.Security.Cryptography;
using System.Text;

namespace MidiSampler.Remote;

/// <summary>
/// The shared secret a remote client must show when the server listens beyond the loopback: from the environment
/// (<c>MIDISAMPLER_REMOTE_TOKEN</c>), from a file, or generated at first start and stored in that file (mode 0600).
/// </summary>
public static class RemoteToken
{
    /// <summary>The environment variable that gives the token.</summary>
    public const string EnvironmentVariable = "MIDISAMPLER_REMOTE_TOKEN";

    /// <summary>
    /// Where the token lives when no file is named: $STATE_DIRECTORY/remote-token under systemd (StateDirectory=),
    /// else $XDG_CONFIG_HOME/midi-sampler/remote-token (~/.config by default).
    /// </summary>
    public static string DefaultPath()
    {
        if (Environment.GetEnvironmentVariable("STATE_DIRECTORY") is { Length: > 0 } state)
            return Path.Join(state.Split(':')[0], "remote-token");
        string config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } x
            ? x
            : Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Join(config, "midi-sampler", "remote-token");
    }

    /// <summary>
    /// The token: the environment's, else the file's first line, else a new one written to the file. Says where it came
    /// from in <paramref name="origin"/>. Control thread.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    /// <exception cref="ArgumentException">The token given is shorter than 16 characters.</exception>
    public static string Obtain(string? file, out string origin)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            origin = $"from ${EnvironmentVariable}";
            return Checked(fromEnvironment.Trim(), "$" + EnvironmentVariable);
        }

        string path = file ?? DefaultPath();
        if (File.Exists(path))
        {
            origin = $"from {path}";
            return Checked(File.ReadLines(path).FirstOrDefault()?.Trim() ?? "", path);
        }

        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // the secret is the owner's alone
        using (var stream = new FileStream(path, options))
            stream.Write(Encoding.ASCII.GetBytes(token + "\n"));
        origin = $"generated and stored in {path}";
        return token;
    }

    /// <summary>True when <paramref name="given"/> is the token (compared in constant time). Any thread.</summary>
    public static bool Matches(string token, string? given)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (given is null)
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(given));
    }

    private static string Checked(string token, string where) =>
        token.Length >= 16 ? token : throw new ArgumentException($"the remote token in {where} is shorter than 16 characters");
}

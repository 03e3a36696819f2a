using System.Globalization;
using System.IO.Compression;

namespace MidiSampler.Cli.Commands.Check;

/// <summary>Parsers for the /proc files several checks share. Pure functions of an <see cref="ISystemView"/>.</summary>
internal static class SystemFacts
{
    public const int CapIpcLock = 14;
    public const int CapSysNice = 23;

    /// <summary>A limit from /proc/self/limits (soft value): null = unlimited, -1 = not found.</summary>
    public static long? Limit(ISystemView view, string name)
    {
        string? text = view.ReadText("/proc/self/limits");
        if (text is null)
            return -1;
        foreach (string line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal))
                continue;
            string[] parts = line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
                return -1;
            if (parts[0] == "unlimited")
                return null;
            return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : -1;
        }

        return -1;
    }

    /// <summary>A field of /proc/self/status ("Groups", "Uid", "CapEff"), trimmed, or null.</summary>
    public static string? Status(ISystemView view, string field)
    {
        string? text = view.ReadText("/proc/self/status");
        if (text is null)
            return null;
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return line[(field.Length + 1)..].Trim();
        }

        return null;
    }

    /// <summary>True when the effective capability set holds <paramref name="capability"/>.</summary>
    public static bool HasCapability(ISystemView view, int capability)
    {
        string? hex = Status(view, "CapEff");
        return hex is not null && ulong.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong caps)
            && (caps & (1UL << capability)) != 0;
    }

    /// <summary>The real uid, or -1.</summary>
    public static int Uid(ISystemView view)
    {
        string? uid = Status(view, "Uid");
        string first = uid?.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return int.TryParse(first, CultureInfo.InvariantCulture, out int v) ? v : -1;
    }

    /// <summary>The kernel command line as a list of words.</summary>
    public static IReadOnlyList<string> CommandLine(ISystemView view) =>
        (view.ReadText("/proc/cmdline") ?? "").Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The value of <c>name=value</c> on the kernel command line (the last one wins, as in the kernel), "" for a bare flag, or null.</summary>
    public static string? CommandLineParameter(ISystemView view, string name)
    {
        string? value = null;
        foreach (string word in CommandLine(view))
        {
            if (word == "--")
                break; // the rest goes to init
            if (word == name)
                value = "";
            else if (word.StartsWith(name + "=", StringComparison.Ordinal))
                value = word[(name.Length + 1)..];
        }

        return value;
    }

    /// <summary>uname -v: the build string, which names PREEMPT, PREEMPT_DYNAMIC or PREEMPT_RT.</summary>
    public static string KernelVersion(ISystemView view) => (view.ReadText("/proc/sys/kernel/version") ?? "").Trim();

    /// <summary>
    /// The kernel's build configuration (CONFIG_X → value) from /proc/config.gz or /boot/config-&lt;release&gt;;
    /// empty when neither is there.
    /// </summary>
    public static IReadOnlyDictionary<string, string> KernelConfig(ISystemView view)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        string? text = null;
        byte[]? gz = view.ReadBytes("/proc/config.gz");
        if (gz is not null)
        {
            try
            {
                using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
                using var reader = new StreamReader(input);
                text = reader.ReadToEnd();
            }
            catch (InvalidDataException)
            {
                text = null;
            }
        }

        if (text is null)
        {
            string release = (view.ReadText("/proc/sys/kernel/osrelease") ?? "").Trim();
            text = release.Length == 0 ? null : view.ReadText($"/boot/config-{release}");
        }

        foreach (string line in (text ?? "").Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                // "# CONFIG_X is not set"
                if (line.EndsWith(" is not set", StringComparison.Ordinal) && line.StartsWith("# CONFIG_", StringComparison.Ordinal))
                    config[line[2..^11]] = "n";
                continue;
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                config[line[..eq]] = line[(eq + 1)..].Trim();
        }

        return config;
    }

    /// <summary>CPU directory names (cpu0, cpu1...) under /sys/devices/system/cpu.</summary>
    public static IReadOnlyList<string> Cpus(ISystemView view)
    {
        var cpus = (view.ListDirectory("/sys/devices/system/cpu") ?? [])
            .Where(n => n.Length > 3 && n.StartsWith("cpu", StringComparison.Ordinal) && n[3..].All(char.IsAsciiDigit))
            .ToList();
        cpus.Sort((a, b) => int.Parse(a[3..], CultureInfo.InvariantCulture).CompareTo(int.Parse(b[3..], CultureInfo.InvariantCulture)));
        return cpus;
    }

    /// <summary>The mounts of /proc/mounts: (device, mount point, type, options).</summary>
    public static IReadOnlyList<(string Device, string MountPoint, string Type, string Options)> Mounts(ISystemView view)
    {
        var mounts = new List<(string, string, string, string)>();
        foreach (string line in (view.ReadText("/proc/mounts") ?? "").Split('\n'))
        {
            string[] f = line.Split(' ');
            if (f.Length >= 4)
                mounts.Add((Unescape(f[0]), Unescape(f[1]), f[2], f[3]));
        }

        return mounts;

        // /proc/mounts escapes space, tab, newline and backslash as octal (\040...).
        static string Unescape(string s) => s.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
    }
}

using System.Runtime.InteropServices;

namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// Sets an environment variable for native code too: on Unix, <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// changes only .NET's own copy (seen by child processes), while libjack reads libc's with getenv.
/// </summary>
internal static partial class NativeEnvironment
{
    public static void Set(string name, string? value)
    {
        Environment.SetEnvironmentVariable(name, value);
        int rc = value is null ? unsetenv(name) : setenv(name, value, 1);
        if (rc != 0)
            throw new InvalidOperationException($"setenv({name}) failed");
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int unsetenv(string name);
}

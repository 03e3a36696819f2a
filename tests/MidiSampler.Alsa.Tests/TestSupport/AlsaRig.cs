using System.Diagnostics;
using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Alsa.Tests.TestSupport;

/// <summary>
/// A private ALSA configuration for the tests (no sound hardware needed): alsa-lib's own plugins, and one plugin of
/// ours built with gcc (TestFiles/mstest_pcm.c), in a temporary directory named by ALSA_CONFIG_PATH. It is written
/// once per test process (alsa-lib reads its configuration once) and holds one device per test, each with its own
/// output file:
/// <list type="bullet">
/// <item><c>ms_null_*</c>: <c>type file</c> over <c>null</c>: every format, not paced (fast format tests);</item>
/// <item><c>ms_jack_*</c>: <c>type file</c> over the JACK PCM plugin (libasound2-plugins) on a dummy jackd: paced like a
/// real device, FLOAT_LE only, byte-exact capture;</item>
/// <item><c>ms_s24</c>: our plugin offering only S24_3LE (many USB interfaces), and <c>ms_gone</c>, which fails with
/// ENODEV after half a second of audio, as an unplugged USB interface does.</item>
/// </list>
/// </summary>
internal static class AlsaRig
{
    private static readonly Lazy<string> DirectoryLazy = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Frames after which <c>ms_gone</c> fails.</summary>
    public const int GoneAfterFrames = 24_000;

    /// <summary>The directory holding the configuration and the capture files.</summary>
    public static string Directory => DirectoryLazy.Value;

    /// <summary>The ALSA_CONFIG_PATH value (alsa.conf, then ours), set in this process too.</summary>
    public static string ConfigPath => $"/usr/share/alsa/alsa.conf:{Path.Combine(Directory, "asoundrc")}";

    /// <summary>The capture file of a device.</summary>
    public static string Capture(string device) => Path.Combine(Directory, device + ".raw");

    /// <summary>Environment for a child <c>midi-sampler</c>: the private configuration.</summary>
    public static Dictionary<string, string> ChildEnvironment() => new(StringComparer.Ordinal) { ["ALSA_CONFIG_PATH"] = ConfigPath };

    /// <summary>Makes sure the configuration exists and this process reads it.</summary>
    public static void Use() => _ = ConfigPath;

    private static string Create()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"midisampler-alsa-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(dir);
        string plugin = Path.Combine(dir, "libasound_module_pcm_mstest.so");
        string source = Path.Combine(AppContext.BaseDirectory, "TestFiles", "mstest_pcm.c");
        var psi = new ProcessStartInfo("gcc") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-shared", "-fPIC", "-DPIC", "-O1", "-o", plugin, source, "-lasound" })
            psi.ArgumentList.Add(a);
        using (var gcc = Process.Start(psi) ?? throw new InvalidOperationException("cannot run gcc (install gcc and libasound2-dev)"))
        {
            string errors = gcc.StandardError.ReadToEnd();
            gcc.WaitForExit();
            if (gcc.ExitCode != 0)
                throw new InvalidOperationException($"gcc failed to build the test PCM plugin (libasound2-dev installed?):\n{errors}");
        }

        var config = new System.Text.StringBuilder();
        config.AppendLine($"pcm_type.mstest {{ lib \"{plugin}\" }}");
        foreach (string name in new[] { "ms_null_float", "ms_null_alloc", "ms_null_sf2" })
            config.AppendLine($"pcm.{name} {{ type file slave.pcm \"null\" file \"{Path.Combine(dir, name + ".raw")}\" format \"raw\" }}");
        foreach (string name in new[] { "ms_jack_song", "ms_jack_pitch", "ms_jack_xrun", "ms_jack_cli", "ms_jack_remote" })
            config.AppendLine($"pcm.{name} {{ type file slave.pcm {{ type jack playback_ports {{ 0 system:playback_1 1 system:playback_2 }} }} file \"{Path.Combine(dir, name + ".raw")}\" format \"raw\" }}");
        config.AppendLine($"pcm.ms_s24 {{ type mstest file \"{Path.Combine(dir, "ms_s24.raw")}\" format \"S24_3LE\" }}");
        config.AppendLine($"pcm.ms_s16 {{ type mstest file \"{Path.Combine(dir, "ms_s16.raw")}\" format \"S16_LE\" }}");
        config.AppendLine($"pcm.ms_u8 {{ type mstest file \"{Path.Combine(dir, "ms_u8.raw")}\" format \"U8\" }}");
        config.AppendLine($"pcm.ms_gone {{ type mstest file \"{Path.Combine(dir, "ms_gone.raw")}\" format \"FLOAT_LE\" fail_after {GoneAfterFrames} }}");
        File.WriteAllText(Path.Combine(dir, "asoundrc"), config.ToString());
        NativeEnvironment.Set("ALSA_CONFIG_PATH", $"/usr/share/alsa/alsa.conf:{Path.Combine(dir, "asoundrc")}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // a child still writing: left in /tmp
            }
        };
        return dir;
    }
}

using System.ComponentModel;
using System.Diagnostics;

namespace MidiSampler.Tests.Formats.Wav;

/// <summary>Runs the real <c>sox</c> (Debian package <c>sox</c>; CI installs it). Missing sox fails the test with that hint.</summary>
internal static class Sox
{
    /// <summary>Runs sox with <paramref name="arguments"/>; returns its stderr, failing the test on a non-zero exit.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("sox") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("sox did not start");
        }
        catch (Win32Exception e)
        {
            Assert.Fail("this test needs sox on the PATH (apt-get install sox): " + e.Message);
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            _ = stdout.Result;
            Assert.True(process.ExitCode == 0, $"sox {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr}");
            return stderr;
        }
    }

    /// <summary>Decodes <paramref name="wavPath"/> with sox into interleaved float32 (no dither, no clipping gain).</summary>
    public static float[] DecodeToFloat(string wavPath, string rawPath, out string stderr)
    {
        stderr = Run("-D", wavPath, "-t", "raw", "-e", "floating-point", "-b", "32", "-L", rawPath);
        byte[] raw = File.ReadAllBytes(rawPath);
        var values = new float[raw.Length / 4];
        for (int i = 0; i < values.Length; i++)
            values[i] = BitConverter.ToSingle(raw, 4 * i);
        return values;
    }
}

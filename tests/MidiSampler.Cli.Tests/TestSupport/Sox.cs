using System.ComponentModel;
using System.Diagnostics;

namespace MidiSampler.Cli.Tests.TestSupport;

/// <summary>Runs the real <c>sox</c> (Debian package <c>sox</c>, which writes FLAC) to make test files.</summary>
internal static class Sox
{
    /// <summary>Runs sox with <paramref name="arguments"/>, failing the test when it is missing or exits non-zero.</summary>
    public static void Run(params string[] arguments)
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
        }
    }
}

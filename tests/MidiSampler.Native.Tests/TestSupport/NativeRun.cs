using System.Diagnostics;

namespace MidiSampler.Native.Tests.TestSupport;

/// <summary>Runs a built C program to its end and returns its exit code and output (stdout then stderr).</summary>
internal static class NativeRun
{
    /// <summary>Runs <paramref name="program"/> in <paramref name="workingDirectory"/>; kills it and fails after <paramref name="timeout"/>.</summary>
    public static (int Exit, string Output) Run(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>(StringComparer.Ordinal))
            psi.Environment[name] = value;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill();
            p.WaitForExit();
            throw new TimeoutException($"{program} did not finish within {timeout}:\n{stdout.Result}\n{stderr.Result}");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
